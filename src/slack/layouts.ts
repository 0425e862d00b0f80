// What each Slack message and modal shows: plain data for the Block Kit templates in templates/slack/, built
// from the incident's view, plus the action and callback ids the edge listens for.
import type { GateState } from '../domain/approval';
import { dataCategories } from '../domain/regulations/facts';
import { severitySchema } from '../domain/incident';
import type { IncidentView } from '../../workflows/messages';
import { clip, literal } from './format';

export const SLACK_IDS = {
  command: '/incident',
  declareView: 'incident_declare',
  completeTaskView: 'incident_task_complete',
  rejectView: 'incident_approval_reject',
  taskButton: 'incident_task_complete',
  approveButton: 'incident_approval_approve',
  rejectButton: 'incident_approval_reject',
} as const;

/** What a button on an approval request carries: exactly the draft the approver saw. */
export interface ApprovalButtonValue {
  incidentId: string;
  gateId: string;
  requestId: string;
  contentHash: string;
}

export interface TaskButtonValue {
  incidentId: string;
  taskId: string;
}

const at = (iso?: string) => (iso ? iso.replace(/:\d\d(\.\d+)?Z$/, 'Z').replace('T', ' ') : '—');
const atMs = (ms?: number) => (ms === undefined ? '—' : at(new Date(ms).toISOString()));

function gateLine(g: GateState): string {
  const votes = g.votes.map((v) => `${v.actor.name ?? v.actor.id} (${v.role})`).join(', ');
  const draft = g.draft ? ` · draft ${g.draft.contentHash.slice(0, 12)}` : '';
  const rejected = g.rejection ? ` · rejected by ${g.rejection.actor.id}: ${g.rejection.reason}` : '';
  const sent = g.noticeSent ? ` · sent ${at(g.noticeSent.at)} via ${g.noticeSent.channel}` : '';
  return clip(
    `${g.title}: ${g.status.replace('_', ' ')}${draft}${votes ? ` · approved by ${votes}` : ''}${rejected}${sent}`,
    300,
  );
}

/** The pinned live status of an incident channel. */
export function statusData(view: IncidentView) {
  const active = new Set(view.phases.filter((p) => p.status === 'active').map((p) => p.id));
  const tasks = view.tasks.filter((t) => active.has(t.phase)).slice(0, 20);
  const activeHolds = view.holds.filter((h) => !h.endedAt);
  return {
    incidentId: view.incidentId,
    title: clip(view.facts.title, 200),
    severity: view.facts.severity,
    status: view.status,
    phase:
      view.phases
        .filter((p) => p.status === 'active')
        .map((p) => p.name)
        .join(' + ') || 'none',
    summary: clip(view.facts.summary || '(no summary yet)', 1500),
    declaredBy: view.declaredBy.name ?? view.declaredBy.id,
    declaredAt: at(view.declaredAt),
    factsVersion: view.factsVersion,
    closed: view.status === 'closed',
    openTasks: tasks
      .filter((t) => t.status === 'open')
      .map((t) => ({
        title: clip(t.title, 200),
        owner: t.owner,
        due: at(t.dueAt),
        required: t.required !== false,
        value: literal(
          JSON.stringify({ incidentId: view.incidentId, taskId: t.id } satisfies TaskButtonValue),
        ),
      })),
    doneTasks: tasks
      .filter((t) => t.status === 'done')
      .map((t) => ({ title: clip(t.title, 200), by: t.completedBy?.name ?? t.completedBy?.id ?? '?' })),
    gates: view.gates.filter((g) => g.status !== 'not_requested' || g.noticeSent).map(gateLine),
    holds: activeHolds.map((h) => clip(`${h.agency} (${h.reference}) since ${at(h.placedAt)}`, 300)),
    deadlines: view.deadlines
      .filter((d) => d.status !== 'awaiting_trigger')
      .map((d) =>
        clip(
          `${d.title}: ${d.status.replace('_', ' ')}${d.pausedSince !== undefined ? ' (paused by hold)' : ''}, due ${atMs(d.dueAt)}`,
          300,
        ),
      ),
    timeline: `${view.timelineLength} entries, head ${view.timelineHead.slice(0, 12)}`,
  };
}

export interface ApprovalMessageInput {
  incidentId: string;
  incidentTitle: string;
  channelId?: string;
  gate: GateState;
}

/** The approval request in the legal channel: the draft excerpt, its hash, and buttons while it is pending. */
export function approvalData(a: ApprovalMessageInput) {
  const g = a.gate;
  const value: ApprovalButtonValue = {
    incidentId: a.incidentId,
    gateId: g.id,
    requestId: g.requestId ?? '',
    contentHash: g.draft?.contentHash ?? '',
  };
  return {
    incidentId: a.incidentId,
    incidentTitle: clip(a.incidentTitle, 200),
    channel: a.channelId && /^[CG][A-Z0-9]+$/.test(a.channelId) ? literal(`<#${a.channelId}>`) : '',
    gateTitle: g.title,
    status: gateLine(g),
    requestedBy: g.requestedBy?.name ?? g.requestedBy?.id ?? '?',
    quorum: g.quorum.map((q) => `${q.count} ${q.role}`).join(' + '),
    template: g.draft ? `${g.draft.templateId}@${g.draft.templateVersion}` : '',
    contentHash: g.draft?.contentHash ?? '',
    factsVersion: g.draft?.factsVersion ?? 0,
    excerpt: clip(g.draft?.excerpt ?? '', 2500),
    pending: g.status === 'pending',
    value: literal(JSON.stringify(value)),
  };
}

export function declareModalData() {
  return {
    severities: severitySchema.options.map((s) => ({ value: s, label: s.toUpperCase() })),
    dataCategories: dataCategories.map((c) => ({ value: c, label: c.replace(/_/g, ' ') })),
  };
}
