// `/incident` subcommands parsed from the text Slack sends.
import { parseIncidentCommand } from '../../src/slack/command-text';

describe('parseIncidentCommand', () => {
  it.each([
    ['', { kind: 'declare' }],
    ['declare', { kind: 'declare' }],
    ['  STATUS ', { kind: 'status' }],
    ['assign <@U0RICK|rick> commander', { kind: 'assign', slackUserId: 'U0RICK', role: 'commander' }],
    ['assign <@U0RICK> Legal', { kind: 'assign', slackUserId: 'U0RICK', role: 'legal' }],
    [
      'task confirm-incident confirmed from the  audit log',
      { kind: 'task', taskId: 'confirm-incident', note: 'confirmed from the  audit log' },
    ],
    ['note the <attacker> & co', { kind: 'note', text: 'the <attacker> & co' }],
    [
      'facts severity=sev2 estimatedAffected=1500 dataCategories=name,email encrypted=true title="Two words" | archive table too',
      {
        kind: 'facts',
        patch: {
          severity: 'sev2',
          estimatedAffected: 1500,
          dataCategories: ['name', 'email'],
          encrypted: true,
          title: 'Two words',
        },
        reason: 'archive table too',
      },
    ],
    [
      'hold FBI | CASE-1 | would impede',
      { kind: 'hold', agency: 'FBI', reference: 'CASE-1', reason: 'would impede' },
    ],
    ['release case closed', { kind: 'release', reason: 'case closed' }],
    ['request customer_notice', { kind: 'request', gateId: 'customer_notice' }],
    ['close all done', { kind: 'close', reason: 'all done', force: false }],
    ['close --force false alarm', { kind: 'close', reason: 'false alarm', force: true }],
  ])('%s', (text, expected) => {
    expect(parseIncidentCommand(text)).toEqual(expected);
  });

  it.each([
    'assign rick commander',
    'assign <@U0RICK> boss',
    'task x',
    'note',
    'facts severity=sev2',
    'hold FBI',
    'close',
    'frobnicate',
  ])('answers usage for "%s"', (text) => {
    expect(parseIncidentCommand(text).kind).toBe('usage');
  });
});
