// The regulations engine inside the incident: duties recomputed on every facts change, with their gates and
// clocks, counsel's overrides, and an authority notice approved and recorded against its deadline.
import * as msg from '../../workflows/messages';
import { incidentHandle, loadRunbookFile, RefusedError } from '../../src/temporal/incidents';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { startTestStack, type TestStack } from '../support/temporal';
import { declareAs, sendAs } from '../support/auth';

describe('obligations in the incident workflow', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ directory: DIRECTORY });
  });
  afterAll(() => stack.stop());

  it('recomputes duties, keeps their clocks, honours overrides and meets a regulator deadline', async () => {
    const awareAt = new Date(Date.now() - 3_600_000).toISOString();
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt, riskOfHarm: 'high' }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const h = incidentHandle(stack.client, incidentId);
    let v = await h.query(msg.getIncident);
    const gdpr = v.obligations.find((o) => o.id === 'eu-gdpr-art33')!;
    expect(gdpr.status).toBe('required');
    expect(gdpr.due).toBe(new Date(Date.parse(awareAt) + 72 * 3_600_000).toISOString());
    expect(v.gates.map((g) => g.id)).toContain('obl-eu-gdpr-art33');
    expect(v.deadlines.find((d) => d.id === 'obl-eu-gdpr-art33')).toMatchObject({
      status: 'pending',
      dueAt: Date.parse(gdpr.due!),
    });

    // Texas residents and SSNs cross thresholds: new duties appear, with the reason on the timeline.
    await sendAs(h, msg.updateFacts, {
      actor: as('rick'),
      patch: {
        dataCategories: ['name', 'ssn'],
        affected: [...sampleFacts().affected!, { country: 'US', region: 'US-TX', count: 300 }],
      },
      reason: 'forensics found SSNs and Texas residents',
    });
    v = await h.query(msg.getIncident);
    expect(v.obligations.find((o) => o.id === 'us-tx-regulator')?.status).toBe('required');
    expect(v.deadlines.find((d) => d.id === 'obl-us-tx-regulator')?.status).toBe('pending');
    let timeline = await h.query(msg.getTimeline);
    const added = timeline.find(
      (e) => e.type === 'obligation.added' && e.details.obligation === 'us-tx-regulator',
    );
    expect(added?.details.because).toMatch(/forensics found SSNs/);
    expect(
      timeline.some((e) => e.type === 'obligation.changed' && e.details.obligation === 'us-ca-individuals'),
    ).toBe(true);

    // An encryption finding removes state duties (safe harbour); their clocks are waived.
    await sendAs(h, msg.updateFacts, {
      actor: as('rick'),
      patch: { encrypted: true },
      reason: 'disk was encrypted, key safe',
    });
    v = await h.query(msg.getIncident);
    expect(v.obligations.find((o) => o.id === 'us-tx-regulator')?.status).toBe('not_required');
    expect(v.deadlines.find((d) => d.id === 'obl-us-tx-regulator')?.status).toBe('waived');

    // Counsel, and only counsel, can override with a reason.
    await expect(
      sendAs(h, msg.overrideObligation, {
        actor: as('rick'),
        obligationId: 'us-tx-regulator',
        status: 'required',
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'not_authorized' });
    await sendAs(h, msg.overrideObligation, {
      actor: as('lena'),
      obligationId: 'us-tx-regulator',
      status: 'required',
      reason: 'key storage not yet verified: notify to be safe',
    });
    v = await h.query(msg.getIncident);
    expect(v.deadlines.find((d) => d.id === 'obl-us-tx-regulator')?.status).toBe('pending');
    timeline = await h.query(msg.getTimeline);
    expect(timeline.find((e) => e.type === 'obligation.overridden')).toMatchObject({
      actor: { id: 'lena' },
      details: { obligation: 'us-tx-regulator', computed: 'not_required', decided: 'required' },
    });

    // The GDPR authority notice: drafted from its template, approved by legal, recorded as submitted.
    await sendAs(h, msg.advancePhase, {
      actor: as('carol'),
      to: 'notify_customers',
      force: true,
      reason: 'notify in parallel',
    });
    const req = await sendAs(h, msg.requestApproval, {
      actor: as('carol'),
      gateId: 'obl-eu-gdpr-art33',
    });
    expect(req.draft.templateId).toBe('regulators/generic/en');
    await sendAs(h, msg.approve, {
      actor: as('lena'),
      gateId: 'obl-eu-gdpr-art33',
      contentHash: req.draft.contentHash,
    });
    await sendAs(h, msg.recordNoticeSent, {
      actor: as('lena'),
      gateId: 'obl-eu-gdpr-art33',
      channel: 'portal',
      reference: 'BfDI-2026-123',
    });
    v = await h.query(msg.getIncident);
    expect(v.deadlines.find((d) => d.id === 'obl-eu-gdpr-art33')?.status).toBe('met');
  });

  it('refuses an override of an unknown obligation with a clear reason', async () => {
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const err = await sendAs(incidentHandle(stack.client, incidentId), msg.overrideObligation, {
      actor: as('lena'),
      obligationId: 'xx-nowhere',
      status: 'required',
      reason: 'test',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedError);
    expect((err as RefusedError).message).toBe('no obligation "xx-nowhere"');
  });

  it('new incidents run the obligations-v2 engine: world laws, no-rule answers, local calendars', async () => {
    // Friday 21:00 in New York is Saturday in UTC; the SEC's four business days still end on Thursday.
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({
        // A past Friday: an awareness time in the future is refused at every edge.
        awareAt: '2026-11-27T20:00:00-05:00',
        determinedAt: '2026-11-27T21:00:00-05:00',
        materialIncident: true,
        riskOfHarm: 'high',
        entity: { secRegistrant: true },
        affected: [
          { country: 'CH', count: 40 },
          { country: 'BO', count: 2 },
        ],
      }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const h = incidentHandle(stack.client, incidentId);
    const v = await h.query(msg.getIncident);
    const byId = (id: string) => v.obligations.find((o) => o.id === id);
    expect(byId('us-sec-8k-item-1-05')?.due).toBe('2026-12-04T04:59:59.999Z');
    expect(byId('ch-fadp-regulator')).toMatchObject({ status: 'required', jurisdiction: 'CH' });
    expect(byId('bo-no-rule-regulator')).toMatchObject({
      status: 'needs_more_info',
      template: 'counsel/no-rule',
    });
    const history = await h.fetchHistory();
    const patches = (history.events ?? [])
      .map((e) => e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data)
      .filter((d): d is Uint8Array => !!d)
      .map((d) => (JSON.parse(Buffer.from(d).toString()) as { id: string }).id);
    expect(patches).toContain('obligations-v2');
  });
});
