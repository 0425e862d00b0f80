// What each Slack message and modal shows: plain data for the Block Kit templates in templates/slack/, built
// from the compact status the workflow sends (src/domain/slack-status.ts) or a gate, plus the action and
// callback ids the edge listens for.
import { type GateState, describeFinding } from '../domain/approval';
import { dataCategories } from '../domain/regulations/facts';
import { severitySchema } from '../domain/incident';
import {
  type ClosingSummary,
  type SlackGateLine,
  type SlackStatus,
  slackGateLine,
} from '../domain/slack-status';
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

function gateLine(g: SlackGateLine): string {
  const votes = g.votes.map((v) => `${v.by} (${v.role})`).join(', ');
  const draft = g.draft ? ` · draft ${g.draft}` : '';
  const rejected = g.rejection ? ` · rejected by ${g.rejection.by}: ${g.rejection.reason}` : '';
  const sent = g.sent ? ` · sent ${at(g.sent.at)} via ${g.sent.channel}` : '';
  return clip(
    `${g.title}: ${g.status.replace('_', ' ')}${draft}${votes ? ` · approved by ${votes}` : ''}${rejected}${sent}`,
    300,
  );
}

/** The pinned live status of an incident channel (also the answer to `/incident status`). */
export function statusData(s: SlackStatus) {
  const button = (taskId: string) =>
    literal(JSON.stringify({ incidentId: s.incidentId, taskId } satisfies TaskButtonValue));
  return {
    incidentId: s.incidentId,
    title: s.title,
    severity: s.severity,
    status: s.status,
    phase: s.phases.join(' + ') || 'none',
    summary: s.summary || '(no summary yet)',
    declaredBy: s.declaredBy,
    declaredAt: at(s.declaredAt),
    factsVersion: s.factsVersion,
    closed: s.status === 'closed',
    openTasks: s.tasks
      .filter((t) => t.status === 'open')
      .map((t) => ({
        title: t.title,
        owner: t.owner,
        due: at(t.dueAt),
        required: t.required,
        value: button(t.id),
      })),
    doneTasks: s.tasks
      .filter((t) => t.status === 'done')
      .map((t) => ({ title: t.title, by: t.doneBy ?? '?' })),
    gates: s.gates.map(gateLine),
    holds: s.holds.map((h) => clip(`${h.agency} (${h.reference}) since ${at(h.placedAt)}`, 300)),
    deadlines: s.deadlines.map((d) =>
      clip(
        `${d.title}: ${d.status.replace('_', ' ')}${d.paused ? ' (paused by hold)' : ''}, due ${atMs(d.dueAt)}`,
        300,
      ),
    ),
    timeline: `${s.timelineLength} entries, head ${s.timelineHead.slice(0, 12)}`,
  };
}

/** The last message of an incident channel, before it is archived. */
export function closingSummaryData(s: ClosingSummary) {
  return {
    incidentId: s.incidentId,
    title: s.title,
    severity: s.severity,
    declaredAt: at(s.declaredAt),
    closedAt: at(s.closedAt),
    closedBy: s.closedBy,
    reason: s.reason || '(no reason given)',
    tasksDone: s.tasks.done,
    tasksTotal: s.tasks.total,
    notices: s.notices.map((n) => clip(`${n.title}: ${at(n.at)} via ${n.channel}`, 300)),
    deadlines: s.deadlines.map((d) => clip(`${d.title}: ${d.status.replace('_', ' ')}`, 300)),
    timeline: `${s.timelineLength} entries, head ${s.timelineHead.slice(0, 12)}`,
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
    status: gateLine(slackGateLine(g)),
    requestedBy: g.requestedBy?.name ?? g.requestedBy?.id ?? '?',
    quorum: g.quorum.map((q) => `${q.count} ${q.role}`).join(' + '),
    template: g.draft ? `${g.draft.templateId}@${g.draft.templateVersion}` : '',
    contentHash: g.draft?.contentHash ?? '',
    factsVersion: g.draft?.factsVersion ?? 0,
    excerpt: clip(g.draft?.excerpt ?? '', 2500),
    check: contentCheckText(a.incidentId, g),
    pending: g.status === 'pending',
    value: literal(JSON.stringify(value)),
  };
}

/**
 * The draft's content check, for counsel reading the request: OK, or the findings and that approving needs an
 * override first (or who overrode it, and why). Empty for drafts without a check (authority notices).
 */
function contentCheckText(incidentId: string, g: GateState): string {
  const c = g.draft?.compliance;
  if (!c) return '';
  if (c.ok)
    return `:white_check_mark: Content check: OK (${c.checked} notices checked against the content rules)`;
  const o = g.complianceOverride?.contentHash === g.draft?.contentHash ? g.complianceOverride : undefined;
  const head = o
    ? `:warning: Content check: ${c.findings.length} problem(s), overridden by ${o.actor.name ?? o.actor.id}: ${o.reason}`
    : `:warning: *Content check: ${c.findings.length} problem(s)*: approving needs counsel's override first (\`breachplan override-content-check ${incidentId} ${g.id} --reason …\`)`;
  const shown = c.findings.slice(0, 5).map((f) => `• ${describeFinding(f)}`);
  if (c.findings.length > shown.length)
    shown.push(`…and ${c.findings.length - shown.length} more: \`breachplan notice preview ${incidentId}\``);
  return clip([head, ...shown].join('\n'), 2900);
}

export function declareModalData() {
  return {
    severities: severitySchema.options.map((s) => ({ value: s, label: s.toUpperCase() })),
    dataCategories: dataCategories.map((c) => ({ value: c, label: c.replace(/_/g, ' ') })),
  };
}
