// The `breachplan` CLI as people run it: a child process with its own configuration, against the real server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIRECTORY } from '../support/people';
import { cliEnv, runCliProcess } from '../support/cli';
import { startTestStack, type TestStack } from '../support/temporal';

describe('breachplan CLI', () => {
  let stack: TestStack;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    stack = await startTestStack({ directory: DIRECTORY });
    const dir = mkdtempSync(join(tmpdir(), 'bp-cli-'));
    env = cliEnv(stack, DIRECTORY, dir);
  });
  afterAll(() => stack.stop());

  const cli = (...args: string[]) => runCliProcess(env, ...args);

  it('declares, shows, refuses with exit 2, and runs an approval through to a recorded notice', async () => {
    const declared = await cli(
      'declare',
      '--as',
      'carol',
      '--title',
      'Leaked key exported CRM',
      '--severity',
      'sev1',
      '--data',
      'name,email',
      '--affected',
      'US-CA:600,DE:300',
      '--json',
    );
    expect(declared.err).toBe('');
    const { incidentId } = JSON.parse(declared.out) as { incidentId: string };
    expect(incidentId).toMatch(/^INC-\d{8}-/);

    const status = await cli('status', incidentId);
    expect(status.out).toContain('Leaked key exported CRM');
    expect(status.out).toMatch(/regulator-72h\s+pending/);

    const badFacts = await cli(
      'facts',
      incidentId,
      '--as',
      'carol',
      '--set',
      'severity=sev9',
      '--reason',
      'typo',
    );
    expect(badFacts.code).toBe(2);
    expect(badFacts.err).toMatch(/patch\.severity/);

    const notCommander = await cli('advance', incidentId, '--as', 'lena');
    expect(notCommander.code).toBe(2);
    expect(notCommander.err).toBe('refused: lena may not advance the phase: needs the commander role\n');

    expect(
      (
        await cli(
          'advance',
          incidentId,
          '--as',
          'carol',
          '--to',
          'notify_customers',
          '--force',
          '--reason',
          'scope known',
        )
      ).code,
    ).toBe(0);
    const requested = await cli('request-approval', incidentId, 'regulator_notice', '--as', 'carol');
    expect(requested.out).toMatch(/draft [0-9a-f]{64}/);
    const own = await cli('approve', incidentId, 'regulator_notice', '--as', 'carol');
    expect(own.code).toBe(2);
    expect(own.err).toMatch(/cannot approve/);
    const ok = await cli('approve', incidentId, 'regulator_notice', '--as', 'lena', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ status: 'approved' });
    expect(
      (
        await cli(
          'notice-sent',
          incidentId,
          'regulator_notice',
          '--as',
          'lena',
          '--channel',
          'portal',
          '--reference',
          'DPA-1',
        )
      ).code,
    ).toBe(0);

    const json = JSON.parse((await cli('status', incidentId, '--json')).out) as {
      deadlines: { id: string; status: string }[];
    };
    expect(json.deadlines.find((d) => d.id === 'regulator-72h')?.status).toBe('met');

    const listed = await cli('list', '--status', 'open', '--json');
    expect((JSON.parse(listed.out) as { incidentId: string }[]).map((r) => r.incidentId)).toContain(
      incidentId,
    );
  });

  it('says who must act when no actor is given, and validates flags', async () => {
    const r = await cli('note', 'INC-20261124-AAAAA', 'hello');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--as PERSON or set BREACHPLAN_ACTOR/);
    const bad = await cli('status', 'not-an-id');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/incident id like INC-/);
  });
});
