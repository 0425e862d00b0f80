// Incidents that last as long as the breach: a run hands over to a new one (continue-as-new) before any
// Temporal limit, carrying everything; a campaign in flight survives it and keeps answering every edge; the
// timeline leaves workflow state in sealed segments and still reads, exports and verifies as one chain.
import { createPublicKey } from 'node:crypto';
import { buildExport, serializeExport } from '../../src/audit/export';
import { verifyExportText } from '../../src/audit/verify';
import { incidentAsOf } from '../../src/domain/as-of';
import { firstBrokenEntry } from '../../src/domain/timeline';
import { latestCampaign, progressOf } from '../../src/temporal/campaigns';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { declareAs } from '../support/auth';
import { readTimeline } from '../../src/temporal/timeline';
import * as msg from '../../workflows/messages';
import { approvedIncident, cami, carol, importPeople, lena, recipientsDir } from '../campaign/helpers';
import { IncidentDriver, eventually } from '../support/incident-driver';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import {
  TEST_KEYS,
  TEST_SIGNER,
  TEST_SIGNING_KEY,
  startTestStack,
  type TestStack,
} from '../support/temporal';

const runsOf = async (inc: IncidentDriver) => (await inc.handle.query(msg.getTimelineIndex)).runs;

describe('a long incident on a real Temporal server', () => {
  let stack: TestStack;
  const dir = recipientsDir();
  beforeAll(async () => {
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: { campaign: { recipientsDir: dir, ratePerSec: 20 } },
    });
  });
  afterAll(() => stack.stop());
  const source = () => ({ archiveDir: stack.archiveDir, keys: TEST_KEYS });

  it('hands over with a paused campaign in flight; the campaign resumes, completes and is heard', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, 6);
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: carol,
      updatesPerRun: 25,
    });
    const inc = new IncidentDriver(stack.client, incidentId);
    await inc.send(msg.advancePhase, { actor: carol, to: 'notify_customers', force: true, reason: 'test' });
    const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
    const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
    await inc.send(msg.approve, { actor: lena, ...ask });
    await inc.send(msg.approve, { actor: cami, ...ask });
    await inc.send(msg.startCampaign, { actor: cami, recipientsHash: listHash, batchSize: 2 });
    await inc.send(msg.placeHold, { actor: as('leo'), agency: 'FBI', reference: 'CASE-9' });
    const before = await inc.view();
    expect(before.campaigns?.[0]?.status).toBe('paused');

    // 60 notes, sent 4 at a time: two hand-overs while commands keep arriving; none is lost.
    const seqs: number[] = [];
    for (let i = 0; i < 60; i += 4)
      seqs.push(
        ...(await Promise.all(
          [0, 1, 2, 3].map((k) => inc.send(msg.addNote, { actor: carol, text: `note ${i + k}` })),
        )),
      );
    expect(new Set(seqs).size).toBe(60);
    expect(await runsOf(inc)).toBeGreaterThanOrEqual(3);

    // Everything came along: facts, gates with their votes, the hold, deadlines and reminders, Slack-less.
    const after = await inc.view();
    expect(after.facts).toEqual(before.facts);
    expect(after.gates).toEqual(before.gates);
    expect(after.holds).toEqual(before.holds);
    expect(after.deadlines).toEqual(before.deadlines);
    expect(after.obligations).toEqual(before.obligations);
    expect(after.campaigns).toEqual(before.campaigns);
    expect(after.timelineLength).toBe(before.timelineLength + 60);

    // The campaign in flight still answers the edges (progress by its own id), and resumes from the new run.
    const c = await latestCampaign(stack.client, incidentId);
    expect((await progressOf(stack.client, c)).status).toBe('paused');
    await inc.send(msg.releaseHold, { actor: as('leo'), reason: 'cleared' });
    const done = await eventually(
      () => inc.view(),
      (v) => v.campaigns?.[0]?.status === 'completed',
      { what: 'the campaign completed and heard by the current run', timeoutMs: 60_000 },
    );
    expect(done.gates.find((g) => g.id === 'customer_notice')?.noticeSent?.channel).toBe('campaign');
    const all = await readTimeline(inc.handle, source());
    expect(firstBrokenEntry(all)).toBeNull();
    expect(all.map((e) => e.type)).toEqual(expect.arrayContaining(['campaign.completed', 'notice.sent']));

    // Closed for good: a later command is refused as closed at once, not retried as if the run were switching.
    await inc.send(msg.closeIncident, { actor: carol, reason: 'done', force: true });
    await inc.handle.result();
    const t0 = Date.now();
    await inc.refused(msg.addNote, { actor: carol, text: 'too late' }, 'closed');
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('refuses nothing of 10,000 mixed updates across hand-overs; the export verifies; as-of matches', async () => {
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue, false);
    const rick = as('rick');
    const leo = as('leo');
    const tasks = (await inc.view()).tasks.filter((t) => t.owner === 'responder' || t.owner === 'commander');
    let early: { at: string; view: msg.IncidentView } | undefined;
    const N = 10_000;
    let held = false;
    let sent = 0;
    const one = async (i: number) => {
      const kind = i % 10;
      const task = kind === 3 ? tasks[Math.floor(i / 10)] : undefined;
      if (task) return inc.send(msg.completeTask, { actor: carol, taskId: task.id, note: `${i}` });
      if (kind === 5)
        return inc.send(msg.updateFacts, {
          actor: rick,
          patch: { estimatedAffected: 1000 + i },
          reason: `recount ${i}`,
        });
      return inc.send(msg.addNote, { actor: i % 2 ? rick : carol, text: `note ${i}` });
    };
    for (let i = 0; i < N; i += 10) {
      // Holds are placed and released in order (one at a time); the rest goes 10 at a time.
      if ((i / 10) % 25 === 0) {
        if (held) await inc.send(msg.releaseHold, { actor: leo, reason: `cleared ${i}` });
        else await inc.send(msg.placeHold, { actor: leo, agency: 'FBI', reference: `CASE-${i}` });
        held = !held;
        sent += 1;
      }
      const batch = [];
      for (let k = i; k < i + 10; k++) batch.push(one(k));
      await Promise.all(batch);
      sent += 10;
      if (i === 500) {
        const view = await inc.view();
        early = { at: new Date().toISOString(), view };
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    if (held) await inc.send(msg.releaseHold, { actor: leo, reason: 'cleared' });
    expect(sent).toBeGreaterThanOrEqual(N);
    expect(await runsOf(inc)).toBeGreaterThanOrEqual(10);

    const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
    const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
    await inc.send(msg.approve, { actor: lena, ...ask });
    await inc.send(msg.approve, { actor: cami, ...ask });
    await inc.send(msg.recordNoticeSent, { actor: cami, gateId: 'customer_notice', channel: 'email' });
    await inc.send(msg.closeIncident, { actor: carol, reason: 'long incident done', force: true });
    const final = (await inc.handle.result()) as msg.IncidentView;

    const all = await readTimeline(inc.handle, source());
    expect(all).toHaveLength(final.timelineLength);
    expect(all.at(-1)!.hash).toBe(final.timelineHead);
    const index = await inc.handle.query(msg.getTimelineIndex);
    expect(index.segments.length).toBeGreaterThan(10);
    const text = serializeExport(
      buildExport({ view: final, timeline: all, source: 'temporal' }, TEST_SIGNER),
    );
    expect(verifyExportText(text, createPublicKey(TEST_SIGNING_KEY))).toMatchObject({ ok: true });

    // As of the early moment, the fold of the whole chain says what the view said then.
    const then = incidentAsOf(all, early!.at, final.deadlines);
    expect(then.entries).toBe(early!.view.timelineLength);
    expect(then.head).toBe(early!.view.timelineHead);
    expect(then.factsVersion).toBe(early!.view.factsVersion);
    expect(then.facts.estimatedAffected).toBe(early!.view.facts.estimatedAffected);
    expect(then.holds.filter((h) => !h.endedAt).length).toBe(
      early!.view.holds.filter((h) => !h.endedAt).length,
    );
    expect(then.tasksDone.map((t) => t.taskId).sort()).toEqual(
      early!.view.tasks
        .filter((t) => t.status === 'done')
        .map((t) => t.id)
        .sort(),
    );
  }, 1_800_000);
});
