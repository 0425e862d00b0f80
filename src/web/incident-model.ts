// What the incident pages show, computed from the workflow's own view: the templates only lay it out. Clocks
// say how much time is left (or how late it is) against the deadline's due time, frozen while a hold pauses it.
import type { DeadlineState } from '../domain/deadline';
import type { Actor } from '../domain/roles';
import type { IncidentView } from '../domain/incident-view';
import { effectiveStatus } from '../domain/incident-view';
import { when } from './views';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export function duration(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d > 0) return `${d}d ${h}h`;
  return h > 0 ? `${h}h ${m % 60}m` : `${m}m`;
}

/** A deadline's clock in words, with a tone for the eye: late is red, the last quarter amber. */
export function clockOf(d: DeadlineState, now: number): { text: string; tone: Tone } {
  switch (d.status) {
    case 'awaiting_trigger':
      return { text: 'not started: waiting for the fact that starts it', tone: 'muted' };
    case 'met':
      return { text: `met ${when(d.metAt)}`, tone: 'ok' };
    case 'met_late':
      return { text: `met late ${when(d.metAt)}`, tone: 'warn' };
    case 'missed':
      return { text: `missed: was due ${when(d.dueAt)}`, tone: 'bad' };
    case 'waived':
      return { text: 'waived', tone: 'muted' };
    case 'pending': {
      if (d.dueAt === undefined) return { text: 'pending', tone: 'muted' };
      const left = d.dueAt - (d.pausedSince ?? now);
      if (d.pausedSince !== undefined)
        return { text: `paused by a hold with ${duration(left)} left`, tone: 'warn' };
      if (left < 0) return { text: `overdue by ${duration(-left)}`, tone: 'bad' };
      return { text: `${duration(left)} left`, tone: left < d.durationMs / 4 ? 'warn' : 'ok' };
    }
  }
}

const person = (a?: Actor) => (a ? (a.name ? `${a.name} (${a.id})` : a.id) : '—');

export const incidentLinks = (id: string) => ({
  incident: `/incidents/${id}`,
  timeline: `/incidents/${id}/timeline`,
  json: `/incidents/${id}/timeline.json`,
  csv: `/incidents/${id}/timeline.csv`,
  approval: (gateId: string) => `/incidents/${id}/approvals/${encodeURIComponent(gateId)}`,
});

export function incidentPageModel(v: IncidentView, now: number) {
  const links = incidentLinks(v.incidentId);
  const phase = v.phases.filter((p) => p.status === 'active').map((p) => p.name);
  return {
    id: v.incidentId,
    title: v.facts.title,
    summary: v.facts.summary,
    status: v.status,
    severity: v.facts.severity,
    phase: phase.join(' + ') || '—',
    factsVersion: v.factsVersion,
    declaredAt: v.declaredAt,
    declaredBy: person(v.declaredBy),
    awareAt: v.facts.awareAt,
    closedAt: v.closedAt,
    dataCategories: v.facts.dataCategories,
    estimatedAffected: v.facts.estimatedAffected,
    affectedSystems: v.facts.affectedSystems,
    runbook: `${v.runbook.name} v${v.runbook.version}`,
    phases: v.phases,
    deadlines: v.deadlines.map((d) => ({
      title: d.title,
      dueAt: d.dueAt,
      citation: d.citation,
      ...clockOf(d, now),
    })),
    obligations: v.obligations
      .filter((o) => effectiveStatus(o) !== 'not_required')
      .map((o) => ({
        who: o.authority ?? o.recipient,
        jurisdiction: o.jurisdiction,
        status: o.override ? `${o.override.status} (counsel)` : o.status,
        due: o.due ?? (o.internalTarget ? `target ${when(o.internalTarget)}` : 'without undue delay'),
        citation: o.citation,
      })),
    gates: v.gates.map((g) => ({
      title: g.title,
      status: g.status,
      draftHash: g.draft?.contentHash,
      votes: g.votes.map((x) => `${person(x.actor)} as ${x.role}`),
      sent: g.noticeSent?.at,
      href: links.approval(g.id),
    })),
    holds: v.holds
      .filter((h) => !h.endedAt)
      .map((h) => ({ agency: h.agency, reference: h.reference, placedAt: h.placedAt, until: h.until })),
    tasks: v.tasks
      .filter((t) => t.status === 'open')
      .map((t) => ({ title: t.title, phase: t.phase, owner: t.owner, dueAt: t.dueAt, required: t.required })),
    campaigns: (v.campaigns ?? []).map((c) => ({
      id: c.campaignId,
      status: c.status,
      progress:
        c.sent === undefined ? `${c.total} people` : `${c.sent}/${c.total} sent, ${c.failed} undeliverable`,
    })),
    timelineLength: v.timelineLength,
    links,
  };
}
