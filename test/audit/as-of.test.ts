// The as-of fold on a hand-made timeline: what was known, done, approved and due at several moments,
// including a deadline paused by a hold, re-anchored by a facts change, and met late.
import { incidentAsOf } from '../../src/domain/as-of';
import { type DeadlineState, deadlineFromRunbook } from '../../src/domain/deadline';
import { type TimelineEntry, type TimelineType, appendEntry } from '../../src/domain/timeline';
import { incidentFactsSchema } from '../../src/domain/incident';
import { SYSTEM_ACTOR } from '../../src/domain/roles';
import { as, sampleFacts } from '../support/people';

const H = 3_600_000;
const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H).toISOString();

function build(): { entries: TimelineEntry[]; deadlines: DeadlineState[] } {
  const entries: TimelineEntry[] = [];
  const add = (h: number, type: TimelineType, actor: string | null, details: Record<string, unknown>) =>
    appendEntry(entries, {
      at: at(h),
      type,
      actor: actor ? as(actor) : SYSTEM_ACTOR,
      summary: type,
      details,
    });
  const facts = incidentFactsSchema.parse(sampleFacts({ awareAt: at(0), estimatedAffected: 1200 }));
  add(0, 'incident.declared', 'carol', { facts });
  add(0, 'phase.started', null, { phase: 'triage' });
  add(1, 'role.assigned', 'carol', { personId: 'lena', role: 'legal' });
  add(2, 'task.completed', 'carol', { taskId: 'confirm-incident', phase: 'triage', note: 'yes' });
  // Awareness moves two hours later: the 72h clock is re-anchored.
  add(3, 'facts.changed', 'rick', {
    before: { awareAt: at(0), estimatedAffected: 1200 },
    after: { awareAt: at(2), estimatedAffected: 1500 },
    factsVersion: 2,
    reason: 'logs',
  });
  add(4, 'hold.placed', 'carol', { holdId: 'hold-1', agency: 'FBI', reference: 'C-1', until: null });
  add(14, 'hold.released', 'carol', { holdId: 'hold-1', reason: 'ok' });
  add(15, 'phase.completed', 'carol', { phase: 'triage', forced: true });
  add(15, 'phase.started', 'carol', { phase: 'notify_customers' });
  add(16, 'approval.requested', 'rick', {
    gateId: 'customer_notice',
    requestId: 'r1',
    contentHash: 'c'.repeat(64),
  });
  add(17, 'approval.granted', 'lena', { gateId: 'customer_notice', role: 'legal', comment: 'fine' });
  add(17, 'approval.completed', null, { gateId: 'customer_notice' });
  add(38, 'deadline.reminder', null, { deadline: 'regulator-72h', fraction: 0.5, dueAt: at(74) });
  add(80, 'deadline.missed', null, { deadline: 'regulator-72h', dueAt: at(74) });
  add(90, 'notice.sent', 'cami', { gateId: 'customer_notice', channel: 'email', recipients: 1500 });
  add(90, 'deadline.met', 'cami', {
    deadline: 'customer-notice-30d',
    status: 'met',
    dueAt: at(2 + 720 + 10),
  });
  add(100, 'incident.closed', 'carol', { reason: 'done' });
  const deadlines = [
    deadlineFromRunbook(
      {
        id: 'regulator-72h',
        title: 'Regulator',
        after: '72h',
        from: 'awareness',
        reminders: [0.5],
        metBy: { gate: 'regulator_notice' },
        pausedByHold: false,
      },
      facts,
    ),
    deadlineFromRunbook(
      {
        id: 'customer-notice-30d',
        title: 'Customers',
        after: '30d',
        from: 'awareness',
        reminders: [],
        metBy: { gate: 'customer_notice' },
        pausedByHold: true,
      },
      facts,
    ),
  ];
  // The final state must not leak into the past: mark them as the workflow would have at the end.
  deadlines[0]!.status = 'missed';
  deadlines[1]!.status = 'met';
  return { entries, deadlines };
}

describe('incidentAsOf', () => {
  const { entries, deadlines } = build();

  it('before the declaration nothing is known', () => {
    const s = incidentAsOf(entries, at(-1), deadlines);
    expect(s).toMatchObject({ status: 'not_declared', entries: 0, head: '', factsVersion: 0 });
  });

  it('just after the declaration: first facts, triage active, clocks running from awareness', () => {
    const s = incidentAsOf(entries, at(0.5), deadlines);
    expect(s.status).toBe('open');
    expect(s.entries).toBe(2);
    expect(s.head).toBe(entries[1]!.hash);
    expect(s.facts.estimatedAffected).toBe(1200);
    expect(s.phases).toEqual([{ id: 'triage', status: 'active', startedAt: at(0) }]);
    expect(s.deadlines.map((d) => [d.id, d.status, d.dueAt])).toEqual([
      ['regulator-72h', 'pending', at(72)],
      ['customer-notice-30d', 'pending', at(720)],
    ]);
    expect(s.tasksDone).toEqual([]);
  });

  it('during the hold: new facts, re-anchored clocks, the customer clock paused', () => {
    const s = incidentAsOf(entries, at(5), deadlines);
    expect(s.factsVersion).toBe(2);
    expect(s.facts.estimatedAffected).toBe(1500);
    expect(s.roles).toEqual([expect.objectContaining({ personId: 'lena', role: 'legal' })]);
    expect(s.tasksDone.map((t) => t.taskId)).toEqual(['confirm-incident']);
    expect(s.holds).toEqual([expect.objectContaining({ agency: 'FBI', placedAt: at(4) })]);
    expect(s.holds[0]!.endedAt).toBeUndefined();
    const [reg, cust] = s.deadlines;
    expect(reg).toMatchObject({ status: 'pending', dueAt: at(74), paused: false });
    expect(cust).toMatchObject({ status: 'pending', paused: true });
  });

  it('after the approval: the hold time is added to the customer clock; the gate is approved', () => {
    const s = incidentAsOf(entries, at(20), deadlines);
    expect(s.holds[0]).toMatchObject({ endedAt: at(14), ended: 'released' });
    expect(s.deadlines[1]).toMatchObject({ status: 'pending', dueAt: at(2 + 720 + 10), paused: false });
    expect(s.phases.map((p) => [p.id, p.status, p.note])).toEqual([
      ['triage', 'done', 'forced'],
      ['notify_customers', 'active', undefined],
    ]);
    expect(s.approvals).toEqual([
      expect.objectContaining({
        gateId: 'customer_notice',
        status: 'approved',
        votes: [expect.objectContaining({ role: 'legal', comment: 'fine' })],
      }),
    ]);
    expect(s.notices).toEqual([]);
  });

  it('after the miss and the notice: deadline outcomes and the notice count', () => {
    const s = incidentAsOf(entries, at(95), deadlines);
    expect(s.deadlines[0]).toMatchObject({ status: 'missed', missedAt: at(80), remindersSent: 1 });
    expect(s.deadlines[1]).toMatchObject({ status: 'met', metAt: at(90) });
    expect(s.notices).toEqual([expect.objectContaining({ gateId: 'customer_notice', recipients: 1500 })]);
    expect(s.status).toBe('open');
    const closed = incidentAsOf(entries, at(200), deadlines);
    expect(closed).toMatchObject({ status: 'closed', closedAt: at(100), entries: entries.length });
  });

  it('an entry exactly at the as-of time counts; a bad time is refused', () => {
    expect(incidentAsOf(entries, at(2), deadlines).tasksDone).toHaveLength(1);
    expect(() => incidentAsOf(entries, 'yesterday', deadlines)).toThrow(RangeError);
  });
});

describe('incidentAsOf: obligation clocks exist from when the obligations engine added their duty', () => {
  // The review's B2: a US-TX duty found by a facts change at hour 5 has a clock that starts at awareness
  // (hour 0); as of hour 3 nobody knew of it, so it must not be listed then.
  const entries: TimelineEntry[] = [];
  const add = (h: number, type: TimelineType, details: Record<string, unknown>) =>
    appendEntry(entries, { at: at(h), type, actor: as('carol'), summary: type, details });
  const facts = incidentFactsSchema.parse(sampleFacts({ awareAt: at(0) }));
  add(0, 'incident.declared', { facts });
  add(0, 'obligation.added', { obligation: 'us-ca-individuals', status: 'required' });
  add(5, 'facts.changed', { before: {}, after: { estimatedAffected: 9 }, factsVersion: 2 });
  add(5, 'obligation.added', { obligation: 'us-tx-individuals', status: 'required' });
  add(9, 'obligation.removed', { obligation: 'us-ca-individuals' });
  const clock = (id: string): DeadlineState => ({
    id: `obl-${id}`,
    title: id,
    source: 'obligation',
    metBy: { gate: 'customer_notice' },
    trigger: 'awareness',
    durationMs: 60 * 24 * H,
    reminders: [],
    remindersSent: [],
    pausedByHold: true,
    pausedMs: 0,
    startAt: T0,
    dueAt: T0 + 60 * 24 * H,
    status: 'pending',
  });
  const deadlines = [clock('us-ca-individuals'), clock('us-tx-individuals')];
  const listed = (h: number) =>
    incidentAsOf(entries, at(h), deadlines).deadlines.map((d) => [d.id, d.status]);

  it('lists only the duties added by then, and a removed duty as waived', () => {
    expect(listed(3)).toEqual([['obl-us-ca-individuals', 'pending']]);
    expect(listed(6)).toEqual([
      ['obl-us-ca-individuals', 'pending'],
      ['obl-us-tx-individuals', 'pending'],
    ]);
    expect(listed(10)).toEqual([
      ['obl-us-ca-individuals', 'waived'],
      ['obl-us-tx-individuals', 'pending'],
    ]);
  });
});
