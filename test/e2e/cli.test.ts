// The `breachplan` CLI as people run it: a child process signed in to the real HTTP app, with no Temporal
// address and no codec key: it acts as whoever its token belongs to, and the server's refusals exit 2.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECTORY } from '../support/people';
import { type CliApp, runCliWithInput, startCliApp } from '../support/cli';
import { startTestStack, type TestStack } from '../support/temporal';

describe('breachplan CLI', () => {
  let stack: TestStack;
  let app: CliApp;
  beforeAll(async () => {
    stack = await startTestStack({ directory: DIRECTORY });
    app = await startCliApp(stack);
  });
  afterAll(async () => {
    await app?.stop();
    await stack?.stop();
  });

  it('declares, shows, refuses with exit 2, and runs an approval through to a recorded notice', async () => {
    const declared = await app.cli(
      'carol',
      'declare',
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
    expect(incidentId).toMatch(/^INC-/);

    const status = await app.cli('rick', 'status', incidentId);
    expect(status.out).toContain('Leaked key exported CRM');
    // California owes nothing for names and emails: said, with the reason and the statute, never left out.
    expect(status.out).toMatch(
      /\nNot required\nwhere +why +citation\n[- ]+\nUS-CA +600 California resident\(s\); data categories \(name, email\) are not personal information under this law +Cal\. Civ\. Code § 1798\.82\n/,
    );
    expect(status.out).not.toMatch(/Not required[\s\S]*\nEU /);
    expect(status.out).toMatch(/regulator-72h\s+pending/);
    expect(status.out).toContain('declared');
    expect(status.out).toMatch(/by carol;/);

    const badFacts = await app.cli(
      'carol',
      'facts',
      incidentId,
      '--set',
      'severity=sev9',
      '--reason',
      'typo',
    );
    expect(badFacts.code).toBe(2);
    expect(badFacts.err).toMatch(/^refused: body: patch\.severity: /);

    const notCommander = await app.cli('lena', 'advance', incidentId);
    expect(notCommander.code).toBe(2);
    expect(notCommander.err).toBe('refused: lena may not advance the phase: needs the commander role\n');

    expect(
      (
        await app.cli(
          'carol',
          'advance',
          incidentId,
          '--to',
          'notify_customers',
          '--force',
          '--reason',
          'scope known',
        )
      ).code,
    ).toBe(0);
    const requested = await app.cli('carol', 'request-approval', incidentId, 'regulator_notice');
    expect(requested.out).toMatch(/draft [0-9a-f]{64}/);
    // Four eyes hold now: carol's token is carol, whatever she types.
    const own = await app.cli('carol', 'approve', incidentId, 'regulator_notice');
    expect(own.code).toBe(2);
    expect(own.err).toMatch(/cannot approve/);
    const asOther = await app.cli('carol', 'approve', incidentId, 'regulator_notice', '--as', 'lena');
    expect(asOther.code).toBe(2);
    expect(asOther.err).toMatch(/unknown option '--as'/);
    const ok = await app.cli('lena', 'approve', incidentId, 'regulator_notice', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      status: 'approved',
      votes: [expect.objectContaining({ actor: expect.objectContaining({ id: 'lena', source: 'cli' }) })],
    });
    expect(
      (
        await app.cli(
          'lena',
          'notice-sent',
          incidentId,
          'regulator_notice',
          '--channel',
          'portal',
          '--reference',
          'DPA-1',
        )
      ).code,
    ).toBe(0);

    const json = JSON.parse((await app.cli('audrey', 'status', incidentId, '--json')).out) as {
      deadlines: { id: string; status: string }[];
    };
    expect(json.deadlines.find((d) => d.id === 'regulator-72h')?.status).toBe('met');

    const listed = await app.cli('cami', 'list', '--status', 'open', '--json');
    expect((JSON.parse(listed.out) as { incidentId: string }[]).map((r) => r.incidentId)).toContain(
      incidentId,
    );
  });

  it('prints the notice content check with the draft, so the requester sees what approval needs', async () => {
    const declared = await app.cli(
      'carol',
      'declare',
      '--title',
      'Payroll export',
      '--severity',
      'sev2',
      '--data',
      'name,health',
      '--affected',
      'US-CA:40',
      '--json',
    );
    const { incidentId } = JSON.parse(declared.out) as { incidentId: string };
    const advanced = await app.cli(
      'carol',
      'advance',
      incidentId,
      '--to',
      'notify_customers',
      '--force',
      '--reason',
      'contained',
    );
    expect(advanced.code).toBe(0);
    // No summary of what happened: a refusal saying what to fix (exit 2), not a Temporal outage (exit 1).
    const bare = await app.cli('carol', 'request-approval', incidentId, 'customer_notice');
    expect(bare.code).toBe(2);
    expect(bare.err).toBe(
      'refused: the notice cannot be drafted: notices/customer: incident.summary: the notice needs a summary of what happened. Fix the facts (breachplan facts … --set) or the template, then ask again\n',
    );
    const summary = ['--set', 'summary=Payroll files were copied from a file share', '--reason', 'triage'];
    expect((await app.cli('carol', 'facts', incidentId, ...summary)).code).toBe(0);
    const first = await app.cli('carol', 'request-approval', incidentId, 'customer_notice');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    // Required in California, and the facts do not say when the breach happened nor whether police delayed it.
    expect(first.out).toMatch(
      /\ncompliance: 2 problem\(s\) in \d+ notices checked; approval needs a counsel override\n {2}- US-CA \([a-z, ]+\): missing the date, estimated date or date range of the breach[^\n]*\[§ 1798\.82\(d\)\(2\)\(C\)\]\n {2}- US-CA \([a-z, ]+\): missing whether the notice was delayed by a law-enforcement investigation/,
    );
    const set = await app.cli(
      'carol',
      'facts',
      incidentId,
      '--set',
      'breachStartedAt=2026-11-18T22:00:00Z',
      '--set',
      'lawEnforcementDelay=false',
      '--reason',
      'forensics timeline',
    );
    expect(set.code).toBe(0);
    const again = await app.cli('carol', 'request-approval', incidentId, 'customer_notice');
    expect(again.out).toMatch(/\ncompliance: OK \(\d+ notices checked against the content rules\)\n/);
  });

  it('says how to sign in when not signed in, and validates flags before asking', async () => {
    const r = await app.cli(undefined, 'note', 'INC-20261124-AAAAA', 'hello');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^refused: not signed in: run `breachplan login --server URL`/);
    const bad = await app.cli('carol', 'status', 'not-an-id');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/incident id like INC-/);
    const unknown = await app.cli('carol', 'status', 'INC-20261124-AAAAA');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^refused: no incident INC-20261124-AAAAA/);
    const stranger = await app.cli('mallory', 'list');
    expect(stranger.code).toBe(2);
    expect(stranger.err).toBe('refused: mallory is not in the role directory\n');
  });

  it('logs in with a pasted token, keeps it 0600 in the config dir, says who you are, and logs out', async () => {
    const env = app.env();
    const login = await runCliWithInput(
      env,
      `${app.tokens.cami}\n`,
      'login',
      '--server',
      app.url,
      '--with-token',
    );
    expect(login.err).toMatch(/^signed in to http:\/\/127\.0\.0\.1:\d+ as cami \(communications\)/);
    expect(login.code).toBe(0);
    const file = join(app.configHome, 'breachplan', 'login.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(app.configHome, 'breachplan')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ server: app.url, person: 'cami' });

    const me = await runCliWithInput(env, undefined, 'whoami', '--json');
    expect(JSON.parse(me.out)).toMatchObject({
      actor: { id: 'cami', roles: ['communications'] },
      principal: { method: 'token', edge: 'cli' },
    });
    // A token from the stored login acts too; a wrong one is refused with the server's reason.
    expect((await runCliWithInput(env, undefined, 'list')).code).toBe(0);
    const wrong = await runCliWithInput(
      env,
      'bpt_not-a-token-at-all\n',
      'login',
      '--server',
      app.url,
      '--with-token',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/the bearer token is not valid/);
    // Not an embedded stack: its example people's tokens are not honoured here.
    const embedded = await runCliWithInput(env, undefined, 'login', '--embedded', 'carol');
    expect(embedded.code).toBe(2);
    expect(embedded.err).toMatch(/--embedded works only against the embedded stack/);

    expect((await runCliWithInput(env, undefined, 'logout')).code).toBe(0);
    const after = await runCliWithInput(env, undefined, 'whoami');
    expect(after.code).toBe(2);
    expect(after.err).toMatch(/not signed in/);
  });

  it('keeps a restricted incident from a responder who is not on it, in lists and by id', async () => {
    const declared = await app.cli(
      'carol',
      'declare',
      '--title',
      'Board member mailbox compromised',
      '--severity',
      'sev2',
      '--restricted',
      '--json',
    );
    const { incidentId } = JSON.parse(declared.out) as { incidentId: string };
    const rick = await app.cli('rick', 'status', incidentId);
    expect(rick.code).toBe(2);
    expect(rick.err).toBe(`refused: no incident ${incidentId} (or it is not yours to see)\n`);
    const rickList = JSON.parse((await app.cli('rick', 'list', '--json')).out) as { incidentId: string }[];
    expect(rickList.map((r) => r.incidentId)).not.toContain(incidentId);
    const note = await app.cli('rick', 'note', incidentId, 'hello');
    expect(note.code).toBe(2);
    expect(note.err).toMatch(/not yours to see/);
    // Legal and auditors see it; so does rick once he is on it.
    expect((await app.cli('audrey', 'status', incidentId)).code).toBe(0);
    const lenaList = JSON.parse((await app.cli('lena', 'list', '--json')).out) as { incidentId: string }[];
    expect(lenaList).toContainEqual(expect.objectContaining({ incidentId, restricted: true }));
    expect((await app.cli('carol', 'assign', incidentId, 'rick', 'responder')).code).toBe(0);
    expect((await app.cli('rick', 'status', incidentId)).out).toContain('Board member mailbox compromised');
    const rickNow = JSON.parse((await app.cli('rick', 'list', '--json')).out) as { incidentId: string }[];
    expect(rickNow.map((r) => r.incidentId)).toContain(incidentId);
  });
});
