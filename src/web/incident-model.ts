// What the incident pages show, computed from the workflow's own view: the templates only lay it out. Legal
// clocks (from the obligations engine) and the runbook's internal targets are shown apart; a closed incident's
// clocks are frozen at the close. The page also says what is blocked and what is next, naming people.
import type { DeadlineState } from '../domain/deadline';
import type { IncidentView } from '../domain/incident-view';
import { effectiveStatus, notRequiredPlaces } from '../domain/incident-view';
import type { RoleDirectory } from '../domain/roles';
import {
  clockOf,
  isLegal,
  nextSteps,
  peopleFor,
  personName,
  phaseWords,
  undecidedDuties,
} from './console-model';
import { when } from './views';

export { clockOf, duration } from './console-model';
export type { Tone } from './console-model';

export const incidentLinks = (id: string) => ({
  incident: `/incidents/${id}`,
  timeline: `/incidents/${id}/timeline`,
  json: `/incidents/${id}/timeline.json`,
  csv: `/incidents/${id}/timeline.csv`,
  approval: (gateId: string) => `/incidents/${id}/approvals/${encodeURIComponent(gateId)}`,
  action: (op: string) => `/incidents/${id}/do/${op}`,
});

/**
 * One row per clock, each on its own scale (start → due is the full width), so a 72-hour clock stays as
 * readable as a 60-day one; the time used is filled, and hold pauses are drawn over it.
 */
export function deadlineChart(v: IncidentView, now: number) {
  const end = v.closedAt ? Date.parse(v.closedAt) : now;
  return v.deadlines
    .filter((d) => d.startAt !== undefined && d.dueAt !== undefined && d.status !== 'waived')
    .sort((a, b) => Number(isLegal(b)) - Number(isLegal(a)) || a.dueAt! - b.dueAt!)
    .map((d: DeadlineState) => {
      const start = d.startAt!;
      const due = d.dueAt!;
      const span = Math.max(1, due - start);
      const stop = d.metAt ?? d.missedAt ?? (d.pausedSince !== undefined ? d.pausedSince : end);
      const pct = (t: number) => Math.max(0, Math.min(100, ((t - start) / span) * 100));
      const pauses = d.pausedByHold
        ? v.holds.map((h) => {
            const a = pct(Date.parse(h.placedAt));
            const b = pct(h.endedAt ? Date.parse(h.endedAt) : end);
            return {
              left: a.toFixed(1),
              width: Math.max(0.8, b - a).toFixed(1),
              label: `paused by ${h.agency}`,
            };
          })
        : [];
      const clock = clockOf(d, now, v.closedAt);
      return {
        title: d.title,
        legal: isLegal(d),
        used: pct(Math.min(stop, due)).toFixed(1),
        over: stop > due,
        from: when(start),
        due: when(due),
        span: `${Math.round(span / 3_600_000)} h`,
        pauses,
        ...clock,
      };
    });
}

export function incidentPageModel(v: IncidentView, now: number, directory?: RoleDirectory) {
  const links = incidentLinks(v.incidentId);
  const row = (d: DeadlineState) => ({
    title: d.title,
    dueAt: d.dueAt,
    citation: d.citation,
    ...clockOf(d, now, v.closedAt),
  });
  const byId = new Map((directory?.people ?? []).map((p) => [p.id, p]));
  const steps = nextSteps(v, directory, now, links);
  return {
    id: v.incidentId,
    title: v.facts.title,
    summary: v.facts.summary,
    status: v.status,
    closed: v.status === 'closed',
    severity: v.facts.severity,
    phase: phaseWords(v),
    factsVersion: v.factsVersion,
    declaredAt: v.declaredAt,
    declaredBy: personName(v.declaredBy),
    awareAt: v.facts.awareAt,
    closedAt: v.closedAt,
    computedAt: new Date(now).toISOString(),
    dataCategories: v.facts.dataCategories,
    estimatedAffected: v.facts.estimatedAffected,
    affected: v.facts.affected.map((g) => `${g.region ?? g.country}: ${g.count}`).join(', '),
    affectedSystems: v.facts.affectedSystems,
    runbook: `${v.runbook.name} v${v.runbook.version}`,
    phases: v.phases.map((p) => ({ ...p, statusText: p.status })),
    legalClocks: v.deadlines.filter(isLegal).map(row),
    undecided: v.status === 'closed' ? [] : undecidedDuties(v, now),
    targets: v.deadlines.filter((d) => !isLegal(d)).map(row),
    chart: deadlineChart(v, now),
    blocked: steps.filter(
      (s) => s.tone === 'bad' || s.what.includes('held') || s.what.startsWith('Request a new draft'),
    ),
    next: steps,
    obligations: v.obligations
      .filter((o) => effectiveStatus(o) !== 'not_required')
      .map((o) => ({
        who: o.authority ?? o.recipient,
        jurisdiction: o.jurisdiction,
        status: o.override ? `${o.override.status} (counsel)` : o.status,
        due: o.due ?? (o.internalTarget ? `target ${when(o.internalTarget)}` : 'without undue delay'),
        citation: o.citation,
      })),
    notRequired: notRequiredPlaces(v.obligations),
    gates: v.gates.map((g) => ({
      id: g.id,
      title: g.title,
      status: g.status.replace(/_/g, ' '),
      pending: g.status === 'pending',
      draftHash: g.draft?.contentHash,
      requestedBy: g.requestedBy ? personName(g.requestedBy) : undefined,
      votes: g.votes.map((x) => `${personName(x.actor)} as ${x.role}`),
      rejection: g.rejection && {
        who: personName(g.rejection.actor),
        reason: g.rejection.reason,
        at: g.rejection.at,
      },
      sent: g.noticeSent,
      canRecordSent: g.status === 'approved' && !g.noticeSent,
      canRequest: g.status !== 'pending' && g.status !== 'drafting' && !g.noticeSent,
      href: links.approval(g.id),
    })),
    holds: v.holds
      .filter((h) => !h.endedAt)
      .map((h) => ({
        id: h.id,
        agency: h.agency,
        reference: h.reference,
        placedAt: h.placedAt,
        until: h.until,
        by: personName(h.requestedBy),
      })),
    tasks: v.tasks
      .filter((t) => t.status === 'open')
      .map((t) => ({
        id: t.id,
        title: t.title,
        phase: t.phase,
        owner: t.owner,
        people: peopleFor(t.owner, v, directory).join(', '),
        dueAt: t.dueAt,
        required: t.required,
      })),
    assignments: v.assignments.map((a) => ({
      who: personName({ id: a.personId, name: byId.get(a.personId)?.name }),
      role: a.role,
      at: a.at,
    })),
    campaigns: (v.campaigns ?? []).map((c) => ({
      id: c.campaignId,
      status: c.status,
      running: c.status === 'running',
      paused: c.status === 'paused',
      progress:
        c.sent === undefined ? `${c.total} people` : `${c.sent}/${c.total} sent, ${c.failed} undeliverable`,
      pct: c.sent === undefined || !c.total ? 0 : Math.round(((c.sent + (c.failed ?? 0)) / c.total) * 100),
    })),
    timelineLength: v.timelineLength,
    links,
  };
}
