import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbookYaml, RunbookError } from '../../src/domain/runbook-yaml';

const DEFAULT = join(__dirname, '..', '..', 'runbooks', 'default.yaml');

function problems(text: string) {
  try {
    parseRunbookYaml(text, 'bad.yaml');
  } catch (err) {
    if (err instanceof RunbookError) return err.problems;
    throw err;
  }
  throw new Error('expected the runbook to be refused');
}

describe('runbooks', () => {
  it('the default runbook is a complete breach plan', () => {
    const { runbook, hash } = parseRunbookYaml(readFileSync(DEFAULT, 'utf8'), DEFAULT);
    expect(runbook.phases.map((p) => p.id)).toEqual([
      'triage',
      'contain',
      'investigate',
      'notify_customers',
      'inform_authorities',
      'remediate',
      'review',
    ]);
    const tasks = runbook.phases.flatMap((p) => p.tasks.map((t) => t.id));
    for (const t of [
      'isolate-systems',
      'rotate-credentials',
      'preserve-evidence',
      'scope-data',
      'root-cause',
      'prepare-customer-notice',
      'report-regulators',
      'law-enforcement-report',
      'patch',
      'enforce-mfa',
      'reset-passwords',
      'offer-monitoring',
      'train-staff',
      'post-incident-review',
    ]) {
      expect(tasks).toContain(t);
    }
    expect(runbook.gates.find((g) => g.id === 'customer_notice')?.quorum).toEqual([
      { role: 'legal', count: 1 },
      { role: 'communications', count: 1 },
    ]);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('pins content: the same content hashes the same, an edit changes the hash', () => {
    const text = readFileSync(DEFAULT, 'utf8');
    const a = parseRunbookYaml(text).hash;
    expect(parseRunbookYaml(`# a comment only\n${text}`).hash).toBe(a);
    expect(parseRunbookYaml(text.replace('due: 2h', 'due: 3h')).hash).not.toBe(a);
  });

  it('reports schema errors with line, column and path', () => {
    const text = [
      'id: rb',
      'name: Broken plan',
      'version: 1',
      'phases:',
      '  - id: triage',
      '    name: Triage',
      '    tasks:',
      '      - id: t1',
      '        title: Do it',
      '        owner: janitor',
      '        due: soon',
    ].join('\n');
    const p = problems(text);
    expect(p).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 10, path: 'phases.0.tasks.0.owner' }),
        expect.objectContaining({
          line: 11,
          path: 'phases.0.tasks.0.due',
          message: expect.stringContaining('a duration like'),
        }),
      ]),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const p = problems('id: rb\nname: [unclosed\nversion: 1\n');
    expect(p[0]!.path).toBe('(yaml)');
    expect(p[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('checks references between gates, deadlines, tasks and phases', () => {
    const text = [
      'id: rb',
      'name: Refs',
      'version: 1',
      'phases:',
      '  - id: triage',
      '    name: Triage',
      '    tasks: [{ id: t1, title: First task, owner: responder }]',
      '  - id: contain',
      '    name: Contain',
      '    startsWith: review',
      'gates:',
      '  - { id: g1, kind: customer_notice, title: Notice, phase: notify_customers, template: notices/customer }',
      'deadlines:',
      '  - { id: d1, title: Deadline, after: 72h, metBy: { gate: nope } }',
    ].join('\n');
    const messages = problems(text).map((x) => `${x.line}:${x.path}: ${x.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^10:phases\.1\.startsWith: no phase "review"/),
        expect.stringMatching(/^12:gates\.0\.phase: no phase "notify_customers"/),
        expect.stringMatching(/^14:deadlines\.0\.metBy\.gate: no gate "nope"/),
      ]),
    );
  });

  it('refuses phases out of the breach-plan order', () => {
    const p = problems(
      'id: rb\nname: Order\nversion: 1\nphases:\n  - { id: contain, name: C }\n  - { id: triage, name: T }\n',
    );
    expect(p.map((x) => x.message).join()).toMatch(/triage → contain/);
  });
});
