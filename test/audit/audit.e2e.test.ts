// The auditor's commands end to end on a real Temporal server, through the CLI: signed export and offline
// verify (and what a flipped byte does), as-of views, replay of a fetched history on the current code and on a
// deliberately incompatible build, and the archive written at close serving everything once the history is gone.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ArchiveStore, encodeHistory } from '../../src/audit/archive';
import { startDevServer } from '../../src/dev/temporal-server';
import { serializeExport, signExport, type TimelineExport } from '../../src/audit/export';
import { replayHistory } from '../../src/temporal/replay';
import { runCli } from '../../src/cli/main';
import { workflowIdFor } from '../../src/domain/incident';
import { entryHash } from '../../src/domain/timeline';
import { formatCodecKeys } from '../../src/temporal/codec';
import { type CliApp, startCliApp } from '../support/cli';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import {
  startTestStack,
  TEST_KEYS,
  TEST_SIGNER,
  TEST_SIGNING_KEY,
  type TestStack,
} from '../support/temporal';
import { runScenario, type Scenario } from './scenario';
import { declareAs } from '../support/auth';
import { IncidentDriver } from '../support/incident-driver';
import { loadRunbookFile } from '../../src/temporal/incidents';
import * as msg from '../../workflows/messages';
import { runCliProcess } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'bp-audit-'));
const file = (name: string) => join(dir, name);

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  try {
    const code = await runCli(['node', 'breachplan', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

function flipByte(text: string, offset: number): string {
  const b = Buffer.from(text, 'utf8');
  b[offset] = b[offset]! ^ 0x01;
  return b.toString('utf8');
}

describe('audit commands on a real Temporal server', () => {
  let stack: TestStack;
  let app: CliApp;
  let live: Scenario;
  let variantBundle: string;
  const bundle = () => process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE!;

  beforeAll(async () => {
    const [s, variant] = await Promise.all([
      startTestStack({ directory: DIRECTORY }),
      bundleWorkflowCode({
        workflowsPath: require.resolve('./variant/workflows'),
        failureConverterPath: require.resolve('../../src/temporal/failure-converter'),
        logger: {
          log() {},
          trace() {},
          debug() {},
          info() {},
          warn() {},
          error: (m: string) => console.error(m),
        },
      }),
    ]);
    stack = s;
    variantBundle = file('variant-bundle.js');
    writeFileSync(variantBundle, variant.code);
    writeFileSync(file('signing-key.pem'), TEST_SIGNING_KEY.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(file('public-key.pem'), TEST_SIGNER.publicKeyPem);
    Object.assign(process.env, {
      BREACHPLAN_MODE: 'embedded',
      BREACHPLAN_DATA_DIR: dir,
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_TASK_QUEUE: stack.temporal.taskQueue,
      BREACHPLAN_CODEC_KEYS: formatCodecKeys(TEST_KEYS),
      BREACHPLAN_EDGE_SIGNING_KEY: process.env.BREACHPLAN_TEST_EDGE_KEY,
      BREACHPLAN_SIGNING_KEY_FILE: file('signing-key.pem'),
      BREACHPLAN_ARCHIVE_DIR: file('archive'),
    });
    // The auditor's reads go through the API (its archive is the one the CLI's operator commands read).
    app = await startCliApp(stack, { archiveDir: file('archive') });
    Object.assign(process.env, { BREACHPLAN_SERVER: app.url, BREACHPLAN_TOKEN: app.tokens.audrey });
    live = await runScenario(stack);
  });
  afterAll(async () => {
    await app?.stop();
    await stack?.stop();
  });

  it('exports the whole timeline signed; verify passes, and names what a flipped byte breaks', async () => {
    const out = file('live.json');
    expect((await cli('timeline', live.incidentId, '--format', 'json', '--out', out)).code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as TimelineExport;
    const types = doc.entries.map((e) => e.type);
    for (const t of [
      'incident.declared',
      'role.assigned',
      'task.completed',
      'facts.changed',
      'hold.placed',
      'hold.released',
      'phase.started',
      'phase.completed',
      'approval.requested',
      'approval.granted',
      'approval.completed',
      'notice.sent',
    ])
      expect(types).toContain(t);
    const notice = doc.entries.find((e) => e.type === 'notice.sent')!;
    expect(notice.details).toMatchObject({ recipients: 1500, channel: 'email' });
    expect(notice.actor).toMatchObject({ id: 'cami', source: 'cli' });
    const vote = doc.entries.find((e) => e.type === 'approval.granted')!;
    expect(vote.actor).toMatchObject({ id: 'lena', source: 'web' });
    expect(vote.details.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.state.deadlines.find((d) => d.id === 'customer-notice-30d')).toMatchObject({ status: 'met' });
    expect(doc.incident.deadlines.length).toBeGreaterThan(0);

    expect(statSync(out).mode & 0o777).toBe(0o600);
    const ok = await cli('verify', out, '--public-key', file('public-key.pem'));
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(
      new RegExp(`^OK: ${live.incidentId}: ${doc.entries.length} entries, chain intact.*\\(pinned\\)`),
    );
    // Per decision, how its actor was authenticated (the principal the worker verified).
    expect(ok.out).toMatch(/\n {2}#1 incident\.declared by carol: authenticated: token tok-carol via cli\n/);

    const text = readFileSync(out, 'utf8');
    const noteSeq = doc.entries.find((e) => e.type === 'note.added')!.seq;
    const inEntry = Buffer.from(text).indexOf('attacker IP', Buffer.from(text).indexOf('"entries": ['));
    writeFileSync(file('flipped-entry.json'), flipByte(text, inEntry + 3));
    const bad = await cli('verify', file('flipped-entry.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(
      new RegExp(`^FAILED: entry ${noteSeq} \\(seq ${noteSeq}, note.added at .*\\) does not match its hash`),
    );

    writeFileSync(file('flipped-sig.json'), flipByte(text, Buffer.from(text).indexOf('"value": "') + 30));
    const badSig = await cli('verify', file('flipped-sig.json'));
    expect(badSig.code).toBe(1);
    expect(badSig.out).toMatch(/^FAILED: signature is bad/);

    // Someone else's key: self-consistent, but not the pinned one.
    const { generateKeyPairSync } = await import('node:crypto');
    writeFileSync(
      file('other.pem'),
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const wrongKey = await cli('verify', out, '--public-key', file('other.pem'));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toMatch(/not by the pinned key/);

    // No key to pin (an auditor without --public-key and no key configured): not verified, exit 3. A process
    // of its own: the configuration is read once per process.
    const { BREACHPLAN_SIGNING_KEY_FILE: _key, ...env } = process.env;
    const unpinned = await runCliProcess({ ...env, BREACHPLAN_DATA_DIR: file('no-keys') }, 'verify', out);
    expect(unpinned.code).toBe(3);
    expect(unpinned.out).toMatch(/^UNPINNED: .*not verified, no key was pinned/);
    const byPublicKey = await runCliProcess(
      {
        ...env,
        BREACHPLAN_DATA_DIR: file('no-keys'),
        BREACHPLAN_SIGNING_PUBLIC_KEY_FILE: file('public-key.pem'),
      },
      'verify',
      out,
    );
    expect(byPublicKey).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: .*\(pinned\)/) });
  });

  it('renders the HTML report and the CSV', async () => {
    expect((await cli('timeline', live.incidentId, '--format', 'html', '--out', file('r.html'))).code).toBe(
      0,
    );
    const html = readFileSync(file('r.html'), 'utf8');
    expect(html).toContain('Customer database exfiltrated');
    expect(html).toContain('<svg');
    expect(html).toContain('attacker IP blocked &quot;quickly&quot;');
    expect(html).not.toContain('<b>& escalated</b>');
    const csv = await cli('timeline', live.incidentId, '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.out.split('\r\n')[0]).toMatch(/^seq,at,type,actor/);
    expect(csv.out).toContain('deadline.status');
  });

  it('shows the incident as it stood at earlier moments', async () => {
    const at = async (t: string) => {
      const r = await cli('as-of', live.incidentId, t, '--json');
      expect(r.code).toBe(0);
      return JSON.parse(r.out);
    };
    const afterFacts = await at(live.marks.afterFacts);
    expect(afterFacts).toMatchObject({
      status: 'open',
      factsVersion: 2,
      holds: [],
      approvals: [],
      notices: [],
    });
    expect(afterFacts.facts.estimatedAffected).toBe(1500);
    expect(afterFacts.tasksDone.map((t: { taskId: string }) => t.taskId)).toEqual(['confirm-incident']);

    const duringHold = await at(live.marks.duringHold);
    expect(duringHold.holds).toEqual([expect.objectContaining({ agency: 'FBI' })]);
    expect(duringHold.holds[0].endedAt).toBeUndefined();
    expect(duringHold.deadlines.find((d: { id: string }) => d.id === 'customer-notice-30d').paused).toBe(
      true,
    );

    const afterApproval = await at(live.marks.afterApproval);
    expect(afterApproval.approvals).toEqual([
      expect.objectContaining({ gateId: 'customer_notice', status: 'approved', votes: expect.any(Array) }),
    ]);
    expect(afterApproval.approvals[0].votes.map((v: { actor: { id: string } }) => v.actor.id)).toEqual([
      'lena',
      'cami',
    ]);
    expect(afterApproval.notices).toEqual([]);
    expect(afterApproval.phases.map((p: { id: string; status: string }) => `${p.id}:${p.status}`)).toContain(
      'notify_customers:active',
    );

    const end = await at(live.marks.end);
    expect(end.notices).toEqual([expect.objectContaining({ recipients: 1500 })]);

    // The signed as-of export holds the entries up to that moment and still verifies.
    const out = file('as-of.json');
    await cli(
      'timeline',
      live.incidentId,
      '--format',
      'json',
      '--as-of',
      live.marks.duringHold,
      '--out',
      out,
    );
    const doc = JSON.parse(readFileSync(out, 'utf8')) as TimelineExport;
    expect(doc.asOf).toBe(live.marks.duringHold);
    expect(doc.entries.every((e) => e.at <= live.marks.duringHold)).toBe(true);
    expect(doc.entries[doc.entries.length - 1]!.type).toBe('hold.placed');
    expect((await cli('verify', out, '--public-key', file('public-key.pem'))).code).toBe(0);
    const text = await cli('timeline', live.incidentId, '--as-of', live.marks.afterFacts);
    expect(text.out).toMatch(/as of .*: open {2}facts v2/);
  });

  it('replays the history fetched from the server on the current code', async () => {
    const r = await cli('operator', 'replay', live.incidentId, '--workflow-bundle', bundle());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^OK: .* events replayed on the current code without nondeterminism; \d+ rebuilt entries .* match live timeline/,
    );
  });

  it('fails when the code would decide differently, naming the event', async () => {
    const history = await live.inc.handle.fetchHistory();
    const outcome = await replayHistory({
      history,
      keys: TEST_KEYS,
      code: { workflowBundle: { codePath: variantBundle } },
      workflowId: workflowIdFor(live.incidentId),
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.failure).toMatchObject({ kind: 'nondeterminism', event: { id: expect.any(Number) } });
    const r = await cli('operator', 'replay', live.incidentId, '--workflow-bundle', variantBundle);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^FAILED: .*the current code would have decided differently at event \d+ \([A-Z_]+/,
    );
  });

  it('fails when the rebuilt timeline differs from a recorded export, naming the entry', async () => {
    const out = file('to-forge.json');
    await cli('timeline', live.incidentId, '--format', 'json', '--out', out);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as TimelineExport;
    // A consistent, re-signed export that says something else happened at entry 4.
    doc.entries[3]!.summary = 'rewritten later';
    for (let i = 3; i < doc.entries.length; i++) {
      const e = doc.entries[i]!;
      e.prevHash = doc.entries[i - 1]!.hash;
      const { hash: _h, ...rest } = e;
      e.hash = entryHash(rest);
    }
    doc.chain.head = doc.entries[doc.entries.length - 1]!.hash;
    doc.incident.timelineHead = doc.chain.head;
    const { signature: _s, ...unsigned } = doc;
    writeFileSync(file('forged.json'), serializeExport(signExport(unsigned, TEST_SIGNER)));
    expect((await cli('verify', file('forged.json'), '--public-key', file('public-key.pem'))).code).toBe(0);
    const r = await cli(
      'operator',
      'replay',
      live.incidentId,
      '--workflow-bundle',
      bundle(),
      '--against',
      file('forged.json'),
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /FAILED: .*differs from the export .* at entry 4: summary "rewritten later" was recorded/,
    );
  });

  it('archives at close and serves timeline, verify, as-of and replay from the archive once the history is gone', async () => {
    // The incident runs on a Temporal server of its own, archiving into the directory the CLI reads; then that
    // server goes away, as a closed history does after retention: the CLI's server has never heard of it.
    const server = await startDevServer({ headless: true, logLevel: 'error' });
    const connection = await Connection.connect({ address: server.address });
    const elsewhere = await startTestStack({
      directory: DIRECTORY,
      address: server.address,
      activityOverrides: {
        archive: {
          archiveDir: file('archive'),
          signer: () => TEST_SIGNER,
          workflowService: () => connection.workflowService,
        },
      },
    });
    let closed: Scenario;
    try {
      closed = await runScenario(elsewhere, { close: true });
      await closed.inc.handle.result();
    } finally {
      await elsewhere.stop();
      await connection.close();
      await server.stop();
    }
    const store = new ArchiveStore(file('archive'));
    const folder = join(file('archive'), closed.incidentId);
    expect(store.has(closed.incidentId)).toBe(true);
    expect(statSync(join(folder, 'timeline.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(folder, 'history.binpb')).mode & 0o777).toBe(0o600);
    const raw = store.readHistoryBytes(closed.incidentId);
    // Stored as Temporal keeps it: encrypted payloads, no clear-text PII.
    expect(raw.length).toBeGreaterThan(1000);
    expect(raw.includes('attacker IP')).toBe(false);
    expect(raw.includes('exfiltrated')).toBe(false);
    const archived = JSON.parse(store.readTimelineText(closed.incidentId)) as TimelineExport;
    expect(archived).toMatchObject({ source: 'archive', incident: { status: 'closed' } });
    expect(archived.entries[archived.entries.length - 1]!.type).toBe('incident.closed');
    expect(archived.history!.sha256).toBe(createHash('sha256').update(raw).digest('hex'));

    const out = file('from-archive.json');
    const t = await cli('timeline', closed.incidentId, '--format', 'json', '--out', out);
    expect(t.code).toBe(0);
    expect(t.err).toMatch(/no longer on the Temporal server: reading the archive/);
    expect(readFileSync(out, 'utf8')).toBe(store.readTimelineText(closed.incidentId));
    const v = await cli('verify', out, '--public-key', file('public-key.pem'));
    expect(v.code).toBe(0);

    const replay = await cli('operator', 'replay', closed.incidentId, '--workflow-bundle', bundle());
    expect(replay.code).toBe(0);
    expect(replay.out).toMatch(/match archived export, timeline archived at close \(history\)/);
    const explicit = await cli(
      'operator',
      'replay',
      closed.incidentId,
      '--from-archive',
      '--workflow-bundle',
      variantBundle,
    );
    expect(explicit.code).toBe(1);

    const html = await cli('timeline', closed.incidentId, '--from-archive', '--format', 'html');
    expect(html.out).toContain('<h2>Full timeline</h2>');
    const asOf = await cli('as-of', closed.incidentId, closed.marks.afterFacts, '--from-archive', '--json');
    expect(JSON.parse(asOf.out)).toMatchObject({ status: 'open', factsVersion: 2 });

    // A history swapped beside its signed export is not replayed as the incident's.
    const history = join(folder, 'history.binpb');
    const original = readFileSync(history);
    // A well-formed history, cut after its first events: it decodes, but it is not what the export signed.
    const cut = store.readHistory(closed.incidentId);
    writeFileSync(history, encodeHistory({ events: cut.events!.slice(0, 20) }));
    const swapped = await cli(
      'operator',
      'replay',
      closed.incidentId,
      '--from-archive',
      '--workflow-bundle',
      bundle(),
    );
    expect(swapped.code).toBe(2);
    expect(swapped.err).toMatch(/archived history of .* is not the one its signed export names/);
    writeFileSync(history, original);

    // A damaged archive is refused, not served.
    const damaged = flipByte(store.readTimelineText(closed.incidentId), 200);
    writeFileSync(join(folder, 'timeline.json'), damaged);
    const refused = await cli('timeline', closed.incidentId, '--format', 'csv');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/does not verify/);
  });

  it('archives every run of an incident that continued as new, and replays them all from the archive', async () => {
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
      updatesPerRun: 8,
    });
    const inc = new IncidentDriver(stack.client, incidentId);
    for (let i = 0; i < 20; i++) await inc.send(msg.addNote, { actor: as('carol'), text: `note ${i}` });
    const runs = (await inc.handle.query(msg.getTimelineIndex)).runs;
    expect(runs).toBeGreaterThanOrEqual(3);
    await inc.send(msg.closeIncident, { actor: as('carol'), reason: 'done', force: true });
    await inc.handle.result();

    // The signed export names every run, oldest first, each archived beside it with its hash.
    const store = new ArchiveStore(stack.archiveDir);
    const doc = JSON.parse(store.readTimelineText(incidentId)) as TimelineExport;
    const chain = doc.history!.runs!;
    expect(chain).toHaveLength(runs);
    expect(chain.at(-1)).toEqual({
      runId: doc.history!.runId,
      events: doc.history!.events,
      sha256: doc.history!.sha256,
    });
    for (const run of chain.slice(0, -1))
      expect(createHash('sha256').update(store.readRunBytes(incidentId, run.runId)).digest('hex')).toBe(
        run.sha256,
      );
    expect(new Set(chain.map((r) => r.runId)).size).toBe(runs);

    // The CLI reads the archive of this process's configuration: the incident's folder is copied there.
    cpSync(join(stack.archiveDir, incidentId), join(file('archive'), incidentId), { recursive: true });
    const r = await cli(
      'operator',
      'replay',
      incidentId,
      '--from-archive',
      '--workflow-bundle',
      bundle(),
      '--json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      ok: boolean;
      runs: number;
      events: number;
      rebuiltEntries: number;
    };
    expect(report).toMatchObject({ ok: true, runs, rebuiltEntries: doc.entries.length });
    expect(report.events).toBe(chain.reduce((n, c) => n + c.events, 0));

    // An earlier run swapped for a cut copy of itself is refused, naming the run.
    const first = join(file('archive'), incidentId, `history.${chain[0]!.runId}.binpb`);
    const original = readFileSync(first);
    const cut = store.readHistory(incidentId);
    writeFileSync(first, encodeHistory({ events: cut.events!.slice(0, 5) }));
    const swapped = await cli(
      'operator',
      'replay',
      incidentId,
      '--from-archive',
      '--workflow-bundle',
      bundle(),
    );
    expect(swapped.code).toBe(2);
    expect(swapped.err).toContain(
      `archived history of run ${chain[0]!.runId} of ${incidentId} is not the one`,
    );
    writeFileSync(first, original);
  });
});
