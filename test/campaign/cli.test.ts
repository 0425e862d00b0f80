// The campaign from the command line: import (rejects with line numbers, affected counts into the facts),
// preview, start, status with a progress bar, and the undeliverable list for substitute notice.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIRECTORY } from '../support/people';
import { type CliApp, type Person, startCliApp } from '../support/cli';
import { startTestStack, type TestStack } from '../support/temporal';
import { approvedIncident, waitForCampaign } from './helpers';
import { writeCsv } from './people-files';

describe('campaign CLI', () => {
  let stack: TestStack;
  let app: CliApp;
  const dir = mkdtempSync(join(tmpdir(), 'bp-campaign-cli-'));
  beforeAll(async () => {
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: { campaign: { recipientsDir: join(dir, 'recipients') } },
    });
    stack.sink.failRecipient = (a) => (a === 'person4@example.test' ? 550 : undefined);
    app = await startCliApp(stack);
  });
  afterAll(async () => {
    await app?.stop();
    await stack?.stop();
  });

  const cli = (who: Person, ...args: string[]) => app.cli(who, ...args);

  it('imports, previews, runs a campaign and lists the undeliverable', async () => {
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    const file = join(dir, 'people.csv');
    writeCsv(file, 40, ['bad-email,Someone,en,US,,,email', 'person5@example.test,Dup,en,US,,,phone']);
    const imported = await cli(
      'carol',
      'recipients',
      'import',
      inc.incidentId,
      file,
      '--rejects',
      join(dir, 'rejects.txt'),
    );
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('accepted 41  rejected 1  duplicates merged 1  people 40');
    expect(readFileSync(join(dir, 'rejects.txt'), 'utf8')).toMatch(/people\.csv:42: rejected: email:/);
    const listHash = /list ([0-9a-f]{64})/.exec(imported.out)![1]!;
    const view = await inc.view();
    expect(view.facts.estimatedAffected).toBe(40);
    expect(view.facts.affected).toContainEqual({ country: 'US', region: 'US-CA', count: 13 });

    const preview = await cli('lena', 'notice', 'preview', inc.incidentId, '--locale', 'es');
    expect(preview.code).toBe(0);
    expect(preview.out).toContain(
      'Subject: Breachplan: aviso de una filtración de datos que afecta a su información personal',
    );
    expect(preview.out).toContain('QUÉ HA OCURRIDO');
    expect(preview.out).toMatch(/compliance: OK \(\d+ notices checked against the content rules\)/);
    const en = await cli('audrey', 'notice', 'preview', inc.incidentId);
    expect(en.out).toMatch(/content hash [0-9a-f]{64}: matches the draft \(approved\)/);

    const refused = await cli('rick', 'campaign', 'start', inc.incidentId, listHash);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^refused: rick may not start a notice campaign/);
    const started = await cli('cami', 'campaign', 'start', inc.incidentId, listHash);
    expect(started.out).toMatch(/campaign INC-.*-C1 started: 40 people/);
    await waitForCampaign(stack.client, inc, (_p, c) => c.status === 'completed');
    const status = await cli('audrey', 'campaign', 'status', inc.incidentId);
    expect(status.out).toMatch(/\[#{30}\] 100%\s+39 sent\s+1 failed\s+0 left .*\(completed\)/);
    // Personal data out of the store: only a participant, and the timeline records who (not whom).
    const auditor = await cli('audrey', 'campaign', 'undeliverable', inc.incidentId);
    expect(auditor.code).toBe(2);
    expect(auditor.out).toBe('');
    const bad = await cli('cami', 'campaign', 'undeliverable', inc.incidentId, '--json');
    expect(JSON.parse(bad.out)).toEqual([
      expect.objectContaining({ email: 'person4@example.test', smtpCode: 550, reason: 'refused' }),
    ]);
    const exported = (await inc.timeline()).filter((e) => e.type === 'note.added').at(-1);
    expect(exported).toMatchObject({ actor: expect.objectContaining({ id: 'cami' }) });
    expect(exported!.summary).toMatch(/^Exported the undeliverable list of campaign INC-.*-C1 \(1 people\)/);
    expect(JSON.stringify(exported)).not.toContain('person4');
    expect((await inc.view()).gates.find((g) => g.id === 'customer_notice')?.noticeSent?.recipients).toBe(39);
    const shown = await cli('audrey', 'status', inc.incidentId);
    expect(shown.out).toMatch(/Campaign INC-.*-C1: completed, 39\/40 sent, 1 undeliverable/);
  });

  it('refuses a file with nobody to notify and leaves the facts as they were', async () => {
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    const before = await inc.view();
    const file = join(dir, 'all-bad.csv');
    writeFileSync(file, 'email,name,country\nnot-an-email,X,US\nalso bad,Y,US\n');
    const r = await cli('carol', 'recipients', 'import', inc.incidentId, file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('all-bad.csv:2: rejected: email: a valid email address');
    expect(r.err).toMatch(/all 2 row\(s\) were rejected .*nothing was stored/);
    const after = await inc.view();
    expect(after.factsVersion).toBe(before.factsVersion);
    expect(after.facts.estimatedAffected).toBe(before.facts.estimatedAffected);
  });
});
