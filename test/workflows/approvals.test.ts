// Approval gates on a real Temporal server: who may approve, four eyes, binding to the exact draft and the
// facts it was rendered from, one decision per request, rejection with a reason — and a refusal writes nothing.
import * as msg from '../../workflows/messages';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { IncidentDriver, eventually } from '../support/incident-driver';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { startTestStack, type TestStack } from '../support/temporal';
import { declareAs } from '../support/auth';

describe('approval gates', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ directory: DIRECTORY });
  });
  afterAll(() => stack.stop());

  const carol = as('carol');
  const rick = as('rick');
  const lena = as('lena');
  const leo = as('leo');
  const cami = as('cami');
  const audrey = as('audrey');

  /** A new incident whose customer-notice phase has started (forced past the earlier phases). */
  async function incidentAtNotice(facts: Parameters<typeof sampleFacts>[0] = {}): Promise<IncidentDriver> {
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), ...facts }),
      runbook: loadRunbookFile(),
      actor: carol,
    });
    const inc = new IncidentDriver(stack.client, incidentId);
    await inc.send(msg.advancePhase, {
      actor: carol,
      to: 'notify_customers',
      force: true,
      reason: 'test: start at the notice phase',
    });
    return inc;
  }

  async function request(inc: IncidentDriver, actor = carol, gateId = 'customer_notice') {
    const r = await inc.send(msg.requestApproval, { actor, gateId });
    return { gateId, requestId: r.requestId, contentHash: r.draft.contentHash };
  }

  it('lets only the quorum roles approve, each seat once', async () => {
    const inc = await incidentAtNotice();
    const ask = await request(inc);
    await inc.refused(msg.approve, { actor: rick, ...ask }, 'not_authorized');
    await inc.refused(msg.approve, { actor: audrey, ...ask }, 'not_authorized');
    // The commander requested it; the commander is not a quorum role anyway.
    await inc.refused(msg.approve, { actor: carol, ...ask }, 'own_request');

    const afterLena = await inc.send(msg.approve, { actor: lena, ...ask });
    expect(afterLena.status).toBe('pending');
    // The same person twice, and a second legal approver once the legal seat is filled.
    await inc.refused(msg.approve, { actor: lena, ...ask }, 'already_voted');
    await inc.refused(msg.approve, { actor: leo, ...ask }, 'not_authorized');

    const approved = await inc.send(msg.approve, { actor: cami, ...ask });
    expect(approved.status).toBe('approved');
    // Decided: no more votes, no rejection either.
    await inc.refused(msg.approve, { actor: leo, ...ask }, 'already_decided');
    await inc.refused(msg.reject, { actor: leo, ...ask, reason: 'too late' }, 'already_decided');
    expect((await inc.types()).filter((t) => t.startsWith('approval.'))).toEqual([
      'approval.requested',
      'approval.granted',
      'approval.granted',
      'approval.completed',
    ]);
  });

  it('refuses self-approval even when the requester holds the approving role', async () => {
    const inc = await incidentAtNotice();
    const ask = await request(inc, lena);
    await inc.refused(msg.approve, { actor: lena, ...ask }, 'own_request');
    await inc.refused(msg.reject, { actor: lena, ...ask, reason: 'mine' }, 'own_request');
    // Another legal counsel may.
    const gate = await inc.send(msg.approve, { actor: leo, ...ask });
    expect(gate.votes.map((v) => v.actor.id)).toEqual(['leo']);
    const regulator = await request(inc, lena, 'regulator_notice');
    await inc.refused(msg.approve, { actor: lena, ...regulator }, 'own_request');
    expect((await inc.send(msg.approve, { actor: leo, ...regulator })).status).toBe('approved');
  });

  it('binds an approval to the draft awaiting approval, not an earlier one', async () => {
    const inc = await incidentAtNotice();
    const first = await request(inc);
    // Re-requesting with the same facts renders the same text, but it is a new request.
    const second = await request(inc);
    expect(second.contentHash).toBe(first.contentHash);
    expect(second.requestId).not.toBe(first.requestId);
    await inc.refused(msg.approve, { actor: lena, ...first }, 'stale_draft');

    // New facts, new text: the hash of the earlier draft no longer approves anything.
    await inc.send(msg.updateFacts, {
      actor: rick,
      patch: { summary: 'An attacker used a leaked API key to export the customers and orders tables.' },
      reason: 'orders table also exported',
    });
    const third = await request(inc);
    expect(third.contentHash).not.toBe(first.contentHash);
    await inc.refused(
      msg.approve,
      { actor: lena, gateId: 'customer_notice', contentHash: first.contentHash },
      'stale_draft',
    );
    await inc.refused(msg.approve, { actor: lena, ...second }, 'stale_draft');
    const gate = await inc.send(msg.approve, { actor: lena, ...third });
    expect(gate.votes).toHaveLength(1);
    expect(gate.draft?.contentHash).toBe(third.contentHash);
  });

  it('refuses a draft rendered from facts that have changed since', async () => {
    const inc = await incidentAtNotice();
    const ask = await request(inc);
    await inc.send(msg.updateFacts, { actor: rick, patch: { estimatedAffected: 2000 }, reason: 'recount' });
    await inc.refused(msg.approve, { actor: lena, ...ask }, 'facts_changed');
    await inc.refused(msg.reject, { actor: lena, ...ask, reason: 'x' }, 'facts_changed');
    // A new draft from the current facts can be approved.
    const fresh = await request(inc);
    const gate = await inc.send(msg.approve, { actor: lena, ...fresh });
    expect(gate.draft?.factsVersion).toBe(2);
    expect(gate.votes).toHaveLength(1);
  });

  it('needs a reason to reject, sends the gate back to rejected, and a new request starts over', async () => {
    const inc = await incidentAtNotice();
    const ask = await request(inc);
    await inc.send(msg.approve, { actor: cami, ...ask });
    await inc.refused(msg.reject, { actor: lena, ...ask, reason: '   ' }, 'invalid_input');
    await inc.refused(msg.reject, { actor: rick, ...ask, reason: 'no' }, 'not_authorized');
    const rejected = await inc.send(msg.reject, {
      actor: lena,
      ...ask,
      reason: 'mention the monitoring offer',
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.rejection).toMatchObject({
      actor: { id: 'lena' },
      reason: 'mention the monitoring offer',
    });
    await inc.refused(msg.approve, { actor: leo, ...ask }, 'already_decided');
    await inc.refused(msg.reject, { actor: leo, ...ask, reason: 'again' }, 'already_decided');
    await inc.refused(
      msg.recordNoticeSent,
      { actor: cami, gateId: 'customer_notice', channel: 'email' },
      'not_approved',
    );

    const again = await request(inc);
    expect(again.requestId).not.toBe(ask.requestId);
    let view = await inc.view();
    const gate = view.gates.find((g) => g.id === 'customer_notice')!;
    expect(gate.status).toBe('pending');
    expect(gate.votes).toEqual([]);
    expect(gate.rejection).toBeUndefined();
    await inc.send(msg.approve, { actor: leo, ...again });
    expect((await inc.send(msg.approve, { actor: cami, ...again })).status).toBe('approved');
    view = await inc.view();
    expect(view.gates.find((g) => g.id === 'customer_notice')!.votes.map((v) => v.actor.id)).toEqual([
      'leo',
      'cami',
    ]);
    const rejection = (await inc.timeline()).find((e) => e.type === 'approval.rejected')!;
    expect(rejection).toMatchObject({
      actor: { id: 'lena' },
      details: {
        requestId: ask.requestId,
        contentHash: ask.contentHash,
        reason: 'mention the monitoring offer',
      },
    });
  });

  it('holds a draft that fails the content check until counsel overrides it, for that draft only', async () => {
    // California wants to be told whether law enforcement delayed the notice; the facts do not say.
    const inc = await incidentAtNotice({ lawEnforcementDelay: undefined });
    const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
    expect(r.draft.compliance).toMatchObject({ ok: false, variants: ['general', 'EU-GDPR', 'US-CA'] });
    expect(r.draft.compliance!.findings).toEqual([
      expect.objectContaining({
        jurisdiction: 'US-CA',
        element: 'law_enforcement_delay',
        citation: '§ 1798.82(d)(2)(E)',
        locales: ['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt'],
      }),
    ]);
    const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
    const refusal = await inc.refused(msg.approve, { actor: lena, ...ask }, 'non_compliant');
    expect(refusal.message).toContain('fails the notice content check (1 problem(s): US-CA)');

    const override = {
      gateId: 'customer_notice',
      contentHash: r.draft.contentHash,
      reason: 'no agency asked us to wait; the letter says so in the cover note',
    };
    await inc.refused(msg.overrideNoticeCompliance, { actor: cami, ...override }, 'not_authorized');
    await inc.refused(msg.overrideNoticeCompliance, { actor: carol, ...override }, 'not_authorized');
    await inc.refused(
      msg.overrideNoticeCompliance,
      { actor: lena, ...override, contentHash: 'f'.repeat(64) },
      'stale_draft',
    );
    await inc.refused(
      msg.overrideNoticeCompliance,
      { actor: lena, ...override, reason: ' ' },
      'invalid_input',
    );
    const gate = await inc.send(msg.overrideNoticeCompliance, { actor: lena, ...override });
    expect(gate.complianceOverride).toMatchObject({
      actor: { id: 'lena' },
      contentHash: r.draft.contentHash,
    });
    await inc.refused(msg.overrideNoticeCompliance, { actor: leo, ...override }, 'already_done');
    const entry = (await inc.timeline()).find((e) => e.type === 'approval.compliance_overridden')!;
    expect(entry.actor.id).toBe('lena');
    expect(entry.details).toMatchObject({
      reason: override.reason,
      contentHash: r.draft.contentHash,
      findings: [expect.objectContaining({ jurisdiction: 'US-CA', element: 'law_enforcement_delay' })],
    });

    await inc.send(msg.approve, { actor: lena, ...ask });
    expect((await inc.send(msg.approve, { actor: cami, ...ask })).status).toBe('approved');
    // The gate's check is behind a patch: histories from before it replay without it.
    const history = await inc.handle.fetchHistory();
    const patches = (history.events ?? []).flatMap((e) =>
      (e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? []).map(
        (p) => (JSON.parse(Buffer.from(p.data!).toString('utf8')) as { id: string }).id,
      ),
    );
    expect(patches).toContain('notice-compliance-v1');

    // A draft that passes has nothing to override.
    const clean = await incidentAtNotice();
    const ok = await clean.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
    expect(ok.draft.compliance).toMatchObject({ ok: true, findings: [] });
    await clean.refused(
      msg.overrideNoticeCompliance,
      { actor: lena, gateId: 'customer_notice', contentHash: ok.draft.contentHash, reason: 'x' },
      'nothing_to_override',
    );
  });

  it('writes nothing to history when an approval is refused', async () => {
    const inc = await incidentAtNotice();
    const ask = await request(inc);
    // Let the background notifications finish so only our commands can change the history.
    const quiet = async () => {
      const first = await inc.historyLength();
      await new Promise((r) => setTimeout(r, 300));
      const desc = await inc.handle.describe();
      return { first, second: await inc.historyLength(), pending: desc.raw.pendingActivities?.length ?? 0 };
    };
    const settled = await eventually(quiet, (q) => q.first === q.second && q.pending === 0, {
      what: 'a quiet history',
    });
    const timelineBefore = (await inc.view()).timelineLength;

    await inc.refused(msg.approve, { actor: rick, ...ask }, 'not_authorized');
    await inc.refused(msg.approve, { actor: carol, ...ask }, 'own_request');
    await inc.refused(msg.approve, { actor: lena, ...ask, contentHash: 'f'.repeat(64) }, 'stale_draft');
    expect(await inc.historyLength()).toBe(settled.second);
    expect((await inc.view()).timelineLength).toBe(timelineBefore);

    // The comparison can fail: an accepted approval does write history.
    await inc.send(msg.approve, { actor: lena, ...ask });
    expect(await inc.historyLength()).toBeGreaterThan(settled.second);
    expect((await inc.view()).timelineLength).toBe(timelineBefore + 1);
  });
});
