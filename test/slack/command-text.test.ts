// `/incident` subcommands parsed from the text Slack sends.
import { parseIncidentCommand, USAGE } from '../../src/slack/command-text';

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
    ['advance', { kind: 'advance', force: false }],
    ['advance contain', { kind: 'advance', to: 'contain', force: false }],
    [
      'advance notify_customers --force straight to notices',
      { kind: 'advance', to: 'notify_customers', force: true, reason: 'straight to notices' },
    ],
    [
      'advance --force  tasks moved to the ticket',
      { kind: 'advance', force: true, reason: 'tasks moved to the ticket' },
    ],
    [
      'notice-sent regulator_notice channel=portal reference=4411 recipients=1',
      {
        kind: 'notice-sent',
        gateId: 'regulator_notice',
        channel: 'portal',
        reference: '4411',
        recipients: 1,
      },
    ],
    [
      'notice-sent customer_notice channel=post reference="letter batch 7"',
      { kind: 'notice-sent', gateId: 'customer_notice', channel: 'post', reference: 'letter batch 7' },
    ],
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
    'notice-sent',
    'notice-sent channel=email',
  ])('answers usage for "%s"', (text) => {
    expect(parseIncidentCommand(text).kind).toBe('usage');
  });

  it.each([
    ['advance nowhere', /^to: Invalid option: expected one of "triage"\|/],
    ['advance contain review', /^one phase id at most; a reason goes after --force/],
    ['notice-sent customer_notice', /^channel: Invalid input: expected string/],
    [
      'notice-sent customer_notice channel=email recipients=lots',
      /^recipients: Invalid input: expected number/,
    ],
    ['notice-sent customer_notice channel=email via=fax', /^\(input\): Unrecognized key: "via"/],
    ['notice-sent customer_notice email', /^"email" is not key=value/],
  ])('says which field of "%s" is wrong', (text, message) => {
    const c = parseIncidentCommand(text);
    expect(c).toEqual({ kind: 'usage', message: expect.stringMatching(message) });
    expect((c as { message: string }).message).toMatch(/\nusage: `\/incident (advance|notice-sent)/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses "%s" in facts by name, not as usage', (key) => {
    expect(parseIncidentCommand(`facts ${key}=1 | why`)).toEqual({
      kind: 'usage',
      message: `\`${key}\` is not a fact (a reserved name)`,
    });
  });

  it('lists every subcommand in the help text', () => {
    for (const word of [
      'status',
      'assign',
      'task',
      'note',
      'facts',
      'hold',
      'release',
      'request',
      'advance',
      'notice-sent',
      'close',
    ])
      expect(USAGE).toContain(`\`/incident ${word}`);
  });
});
