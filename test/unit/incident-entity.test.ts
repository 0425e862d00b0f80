// The incident entity and its rules without a server: the state class driven through its ports, the pure
// rules (advance, approvals and seats, roles, obligations sync) and the snapshot continue-as-new carries.
import { checkApproval, openSeats } from '../../src/domain/approval';
import { incidentFactsSchema } from '../../src/domain/incident';
import { Refused, effectiveRoles, planAdvance, requireRole } from '../../src/domain/incident-rules';
import type { PhaseId } from '../../src/domain/runbook';
import { firstBrokenEntry } from '../../src/domain/timeline';
import { chainProblem, segmentRefOf } from '../../src/domain/timeline-segments';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { Incident, type IncidentPorts } from '../../workflows/incident/state';
import { as, sampleFacts } from '../support/people';

const pinned = loadRunbookFile();
const AWARE = Date.parse('2026-11-20T00:00:00Z');

function entity(at = AWARE) {
  let now = at;
  const log = { notified: [] as string[], searched: 0, holds: 0, recorded: 0 };
  const ports: IncidentPorts = {
    now: () => now,
    recorded: () => void (log.recorded += 1),
    notify: (kind) => void log.notified.push(kind),
    publishSearchAttributes: () => void (log.searched += 1),
    holdsChanged: () => void (log.holds += 1),
    patched: () => true,
  };
  const incident = Incident.create(
    {
      incidentId: 'INC-20261120-UNIT01',
      facts: incidentFactsSchema.parse(sampleFacts({ awareAt: new Date(AWARE).toISOString() })),
      runbook: pinned.runbook,
      runbookHash: pinned.hash,
      declaredBy: as('carol'),
    },
    ports,
  );
  incident.declare();
  incident.announce();
  return { incident, log, ports, advance: (ms: number) => (now += ms) };
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof Refused) return err.code;
    if (err instanceof Error && 'code' in err) return (err as { code: string }).code;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('the incident entity', () => {
  it('declares: commander assigned, first phase active, obligations computed, a hash chain', () => {
    const { incident, log } = entity();
    const v = incident.view();
    expect(v.assignments).toEqual([expect.objectContaining({ personId: 'carol', role: 'commander' })]);
    expect(v.phases.find((p) => p.status === 'active')?.id).toBe('triage');
    expect(v.obligations.length).toBeGreaterThan(0);
    expect(log.notified).toEqual(['declared']);
    expect(log.searched).toBe(1);
    expect(firstBrokenEntry(incident.data.timeline)).toBeNull();
    expect(v.timelineLength).toBe(incident.data.timeline.length);
  });

  it('refuses closing outside review, and a forced close while a campaign sends', () => {
    const { incident } = entity();
    expect(refusal(() => incident.checkClose({ actor: as('carol'), reason: 'x' }))).toBe('invalid_phase');
    incident.data.campaigns.push({
      campaignId: 'C1',
      workflowId: 'campaign-C1',
      listHash: 'h',
      gateId: 'customer_notice',
      status: 'running',
      total: 1,
      startedBy: as('cami'),
      startedAt: new Date(AWARE).toISOString(),
      pausedBy: [],
    });
    expect(refusal(() => incident.checkClose({ actor: as('carol'), reason: 'x', force: true }))).toBe(
      'campaign_active',
    );
  });

  it('holds pause the deadline clocks and tell the campaign desk; release resumes them', () => {
    const { incident, log, advance } = entity();
    const hold = incident.placeHold({ actor: as('leo'), agency: 'FBI', reference: 'CASE-1' });
    expect(incident.activeHolds()).toHaveLength(1);
    const paused = incident.data.deadlines.filter((d) => d.pausedSince !== undefined);
    expect(paused.length).toBeGreaterThan(0);
    advance(60_000);
    expect(incident.holdToRelease().id).toBe(hold.id);
    incident.releaseHold({ actor: as('leo'), reason: 'cleared' });
    expect(refusal(() => incident.holdToRelease(hold.id))).toBe('already_done');
    expect(paused.every((d) => d.pausedSince === undefined && d.pausedMs === 60_000)).toBe(true);
    expect(log.holds).toBe(2);
  });

  it('fires reminders when due and ends expired holds on tick', () => {
    const { incident, log, advance } = entity();
    const wake = incident.nextWake()!;
    expect(wake).toBeGreaterThan(AWARE);
    advance(wake - AWARE);
    incident.tick();
    expect(log.notified).toContain('deadline_reminder');
    expect(incident.data.timeline.at(-1)?.type).toBe('deadline.reminder');
  });

  it('facts changes bump the version, restart the clocks and resync obligations', () => {
    const { incident } = entity();
    const before = incident.data.obligations.length;
    const r = incident.updateFacts({ actor: as('rick'), patch: { estimatedAffected: 1 }, reason: 'recount' });
    expect(r).toEqual({ factsVersion: 2, changed: ['estimatedAffected'] });
    expect(
      incident.updateFacts({ actor: as('rick'), patch: { estimatedAffected: 1 }, reason: 'same' }).changed,
    ).toEqual([]);
    expect(incident.data.obligations.length).toBeLessThanOrEqual(before);
    expect(refusal(() => incident.checkFacts({ severity: 'sev9' as never }))).toBe('invalid_input');
  });

  it('snapshots to plain JSON and restores to the same view (what continue-as-new carries)', () => {
    const { incident, ports } = entity();
    incident.addNote({ actor: as('rick'), text: 'n'.repeat(200) });
    incident.completeTask({ actor: as('carol'), taskId: 'confirm-incident', note: 'ok' });
    const json = JSON.parse(JSON.stringify(incident.snapshot()));
    const again = Incident.restore(json, ports);
    expect(again.view()).toEqual(incident.view());
    expect(again.addNote({ actor: as('rick'), text: 'after' })).toBe(incident.timelineLength + 1);
    expect(firstBrokenEntry([...incident.data.timeline, again.data.timeline.at(-1)!])).toBeNull();
  });

  it('seals the oldest entries once the tail is long, and stays one chain', () => {
    const { incident } = entity();
    for (let i = 0; i < 800; i++) incident.addNote({ actor: as('rick'), text: `note ${i}` });
    const entries = incident.sealable();
    expect(entries.length).toBe(500);
    const ref = segmentRefOf(entries);
    const all = [...incident.data.timeline];
    incident.sealed(ref);
    expect(incident.data.segments).toEqual([ref]);
    expect(incident.data.timeline[0]!.seq).toBe(ref.toSeq + 1);
    expect(incident.timelineLength).toBe(all.length);
    expect(incident.timelineHead).toBe(all.at(-1)!.hash);
    expect(chainProblem(incident.data.segments, incident.data.timeline)).toBeNull();
    expect(chainProblem([], incident.data.timeline)).toMatch(/does not follow/);
    // The next entry chains on across the seal.
    incident.addNote({ actor: as('rick'), text: 'after the seal' });
    expect(firstBrokenEntry([...all, incident.data.timeline.at(-1)!])).toBeNull();
  });
});

describe('the pure rules', () => {
  const statuses = (active: PhaseId[], done: PhaseId[] = []) =>
    new Map(
      pinned.runbook.phases.map((p) => [
        p.id,
        done.includes(p.id)
          ? ('done' as const)
          : active.includes(p.id)
            ? ('active' as const)
            : ('pending' as const),
      ]),
    );

  it('advance: next phase by default, skips and completions named, backwards refused', () => {
    const plan = planAdvance(pinned.runbook, statuses(['triage' as PhaseId]));
    expect(plan.complete).toEqual(['triage']);
    expect(plan.start[0]).toBe('contain');
    const far = planAdvance(pinned.runbook, statuses(['triage' as PhaseId]), 'investigate' as PhaseId);
    expect(far.skipped).toEqual(['contain']);
    expect(() =>
      planAdvance(
        pinned.runbook,
        statuses(['contain' as PhaseId], ['triage' as PhaseId]),
        'triage' as PhaseId,
      ),
    ).toThrow(/already started/);
  });

  it('roles: assignments grant commander, never legal', () => {
    const rick = as('rick');
    const assignments = [
      { personId: 'rick', role: 'commander' as const, assignedBy: 'carol', at: '' },
      { personId: 'rick', role: 'legal' as const, assignedBy: 'carol', at: '' },
    ];
    const roles = effectiveRoles(rick, assignments);
    expect(roles.has('commander')).toBe(true);
    expect(roles.has('legal')).toBe(false);
    expect(refusal(() => requireRole(rick, [], 'close', 'commander'))).toBe('not_authorized');
  });

  it('approvals: four eyes, one seat per role, stale drafts refused', () => {
    const { incident } = entity();
    const g = incident.gate('customer_notice');
    incident.requested(as('carol'), g.id, 'r1', {
      templateId: 'notices/customer/en',
      templateVersion: 1,
      contentHash: 'c1',
      factsHash: 'f',
      factsVersion: 1,
    } as never);
    expect(openSeats(g).size).toBeGreaterThan(0);
    expect(refusal(() => checkApproval(g, as('carol'), { contentHash: 'c1' }, 1))).toBeDefined();
    expect(refusal(() => checkApproval(g, as('lena'), { contentHash: 'other' }, 1))).toBe('stale_draft');
    const role = checkApproval(g, as('lena'), { contentHash: 'c1', requestId: 'r1' }, 1);
    expect(role).toBe('legal');
    incident.approve({ actor: as('lena'), gateId: g.id });
    expect(refusal(() => checkApproval(g, as('lena'), { contentHash: 'c1' }, 1))).toBe('already_voted');
    incident.approve({ actor: as('cami'), gateId: g.id });
    expect(g.status).toBe('approved');
  });
});
