// The breach plan as a durable workflow: facts, phases, runbook tasks, legal approval gates, law-enforcement
// holds, deadline clocks with reminders and escalation, and the hash-chained timeline of all of it.
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities';
import {
  type GateState,
  ApprovalRefused,
  checkApproval,
  checkRejection,
  newGateState,
  openSeats,
} from '../src/domain/approval';
import * as cmd from '../src/domain/commands';
import * as clock from '../src/domain/deadline';
import { durationMs } from '../src/domain/duration';
import { hashCanonical } from '../src/domain/hash';
import { type IncidentFacts, incidentFactsSchema } from '../src/domain/incident';
import type { PhaseId } from '../src/domain/runbook';
import { type Actor, SYSTEM_ACTOR } from '../src/domain/roles';
import { type TimelineEntry, type TimelineType, appendEntry } from '../src/domain/timeline';
import { failureKind, isoAt, workflowNow } from './clock';
import {
  CHANGERS,
  PARTICIPANTS,
  checkNoticeMaySend,
  openRequiredTasks,
  parseOrRefuse,
  planAdvance,
  refuse,
  requireRole,
} from './incident-rules';
import { ARCHIVE_ON_CLOSE_PATCH, type AuditSinks } from './audit-sink';
import { installCampaigns } from './incident-campaign';
import * as msg from './messages';
import { applyObligation, type ObligationState, syncObligations } from './obligations';
import { PHASE, SEVERITY, STATUS } from './search-attributes';
import { SLACK_ARCHIVE_PATCH, SLACK_PATCH, type SlackSync, createSlackSync } from './slack-sync';
import { closingSummaryOf } from '../src/domain/slack-status';
import { nonRetryableTypes } from '../src/domain/failures';

type Activities = ReturnType<typeof createActivities>;

const drafting = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumAttempts: 5, nonRetryableErrorTypes: nonRetryableTypes('drafts') },
});
// Notifications never block the incident: they retry with backoff for a day and run beside the main loop.
const notifying = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// Archiving at close retries for days: the closed history is deleted after retention, the archive is not.
const archiving = wf.proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  scheduleToCloseTimeout: '7 days',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
const { audit } = wf.proxySinks<AuditSinks>();

export async function incidentWorkflow(input: msg.IncidentInput): Promise<msg.IncidentView> {
  const { runbook } = input;
  let facts: IncidentFacts = input.facts;
  let factsVersion = 1;
  let status: msg.IncidentView['status'] = 'open';
  let closedAt: string | undefined;
  let closing: { actor: Actor; reason: string } | undefined;
  let dirty = false;
  const declaredAt = isoAt(workflowNow());
  const timeline: TimelineEntry[] = [];
  const phases = new Map<PhaseId, { status: msg.PhaseStatus; startedAt?: string; completedAt?: string }>(
    runbook.phases.map((p) => [p.id, { status: 'pending' }]),
  );
  const tasks: msg.TaskState[] = runbook.phases.flatMap((p) =>
    p.tasks.map((t) => ({ ...t, phase: p.id, status: 'open' as const })),
  );
  const gates: GateState[] = runbook.gates.map(newGateState);
  const holds: msg.HoldState[] = [];
  const deadlines = runbook.deadlines.map((d) => clock.deadlineFromRunbook(d, facts));
  const assignments: msg.IncidentView['assignments'] = [];
  const background: Promise<unknown>[] = [];
  let obligations: ObligationState[] = [];
  let slack: SlackSync | undefined;

  const now = () => workflowNow();
  const record = (type: TimelineType, actor: Actor, summary: string, details?: Record<string, unknown>) => {
    dirty = true;
    const entry = appendEntry(timeline, { at: isoAt(now()), type, actor, summary, details });
    audit.timelineEntry(entry);
    return entry;
  };
  const notify = (kind: string, text: string, roles: string[]) => {
    slack?.notice(kind, text);
    background.push(
      notifying.notifyIncident({ incidentId: input.incidentId, kind, text, roles }).catch((err: unknown) => {
        wf.log.warn('notification gave up', { kind, error: failureKind(err) });
      }),
    );
  };
  const currentPhase = () =>
    [...phases]
      .filter(([, p]) => p.status === 'active')
      .map(([id]) => id)
      .join('+') || 'none';
  const publishSearchAttributes = () =>
    wf.upsertSearchAttributes([
      { key: PHASE, value: currentPhase() },
      { key: STATUS, value: status },
      { key: SEVERITY, value: facts.severity },
    ]);
  const gate = (id: string) =>
    gates.find((g) => g.id === id) ?? refuse(`no approval gate "${id}" in this runbook`, 'not_found');
  const activeHolds = () => holds.filter((h) => !h.endedAt);
  const mustBeOpen = () => {
    if (status !== 'open') refuse(`incident ${input.incidentId} is closed`, 'closed');
  };

  const startPhase = (id: PhaseId, actor: Actor) => {
    const p = phases.get(id)!;
    p.status = 'active';
    p.startedAt = isoAt(now());
    for (const t of tasks) {
      if (t.phase === id && t.due && !t.dueAt) t.dueAt = isoAt(now() + durationMs(t.due));
    }
    record('phase.started', actor, `Phase started: ${runbook.phases.find((x) => x.id === id)?.name ?? id}`, {
      phase: id,
    });
  };
  const completePhase = (id: PhaseId, actor: Actor, extra?: Record<string, unknown>) => {
    const p = phases.get(id)!;
    p.status = 'done';
    p.completedAt = isoAt(now());
    record('phase.completed', actor, `Phase completed: ${id}`, { phase: id, ...extra });
  };
  const meetDeadlines = (match: (d: clock.DeadlineState) => boolean, actor: Actor, because: string) => {
    for (const d of deadlines.filter(match)) {
      const before = d.status;
      clock.markMet(d, now());
      if (d.status !== before) {
        record('deadline.met', actor, `Deadline ${d.status === 'met' ? 'met' : 'met late'}: ${d.title}`, {
          deadline: d.id,
          status: d.status,
          dueAt: d.dueAt === undefined ? null : isoAt(d.dueAt),
          because,
        });
      }
    }
  };

  const view = (): msg.IncidentView => ({
    incidentId: input.incidentId,
    status,
    declaredAt,
    declaredBy: input.declaredBy,
    closedAt,
    facts,
    factsVersion,
    factsHash: hashCanonical(facts),
    runbook: { id: runbook.id, name: runbook.name, version: runbook.version, hash: input.runbookHash },
    phases: runbook.phases.map((p) => ({ id: p.id, name: p.name, ...phases.get(p.id)! })),
    tasks,
    gates,
    holds,
    deadlines,
    obligations,
    assignments,
    timelineLength: timeline.length,
    timelineHead: timeline[timeline.length - 1]?.hash ?? '',
    ...(campaigns.list().length > 0 ? { campaigns: campaigns.list() } : {}),
  });

  wf.setHandler(msg.getIncident, view);
  wf.setHandler(msg.getTimeline, (opts) => timeline.filter((e) => e.seq > (opts?.sinceSeq ?? 0)));

  wf.setHandler(
    msg.updateFacts,
    ({ actor, patch, reason }) => {
      const next = incidentFactsSchema.parse({ ...facts, ...patch });
      const changed = Object.keys(patch).filter(
        (k) =>
          hashCanonical(facts[k as keyof IncidentFacts] ?? null) !==
          hashCanonical(next[k as keyof IncidentFacts] ?? null),
      );
      if (changed.length === 0) return { factsVersion, changed };
      const before = Object.fromEntries(changed.map((k) => [k, facts[k as keyof IncidentFacts] ?? null]));
      facts = next;
      factsVersion += 1;
      for (const d of deadlines) clock.restart(d, facts);
      const factsEntry = record('facts.changed', actor, `Facts changed: ${changed.join(', ')}`, {
        before,
        after: Object.fromEntries(changed.map((k) => [k, facts[k as keyof IncidentFacts] ?? null])),
        reason,
        factsVersion,
        factsHash: hashCanonical(facts),
      });
      if (wf.patched('obligations-v1')) {
        obligations = syncObligations(
          obligations,
          facts,
          gates,
          deadlines,
          record,
          actor,
          `facts changed (#${factsEntry.seq}): ${reason}`,
        );
      }
      if (changed.includes('severity')) publishSearchAttributes();
      return { factsVersion, changed };
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.updateFactsSchema, input);
        requireRole(c.actor, assignments, 'change facts', ...CHANGERS);
        const merged = incidentFactsSchema.safeParse({ ...facts, ...c.patch });
        if (!merged.success) refuse(cmd.describeIssues(merged.error), 'invalid_input');
      },
    },
  );

  wf.setHandler(
    msg.assignRole,
    ({ actor, personId, role }) => {
      assignments.push({ personId, role, assignedBy: actor.id, at: isoAt(now()) });
      record('role.assigned', actor, `${personId} assigned as ${role}`, { personId, role });
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.assignRoleSchema, input);
        requireRole(c.actor, assignments, 'assign roles', 'commander');
        if (assignments.some((a) => a.personId === c.personId && a.role === c.role))
          refuse(`${c.personId} is already ${c.role}`, 'duplicate');
      },
    },
  );

  wf.setHandler(
    msg.completeTask,
    ({ actor, taskId, note }) => {
      const task = tasks.find((t) => t.id === taskId)!;
      task.status = 'done';
      task.completedBy = actor;
      task.completedAt = isoAt(now());
      task.note = note;
      record('task.completed', actor, `Task done: ${task.title}`, { taskId, phase: task.phase, note });
      meetDeadlines((d) => 'task' in d.metBy && d.metBy.task === taskId, actor, `task ${taskId} completed`);
      return task;
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.completeTaskSchema, input);
        const task =
          tasks.find((t) => t.id === c.taskId) ??
          refuse(`no task "${c.taskId}" in this incident`, 'not_found');
        if (task.status === 'done') refuse(`task "${task.id}" is already done`, 'already_done');
        requireRole(c.actor, assignments, `complete "${task.id}"`, task.owner, 'commander');
      },
    },
  );

  wf.setHandler(
    msg.addNote,
    ({ actor, text }) =>
      record('note.added', actor, text.length > 120 ? `${text.slice(0, 117)}…` : text, { text }).seq,
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.addNoteSchema, input);
        requireRole(c.actor, assignments, 'add notes', ...PARTICIPANTS);
      },
    },
  );

  wf.setHandler(
    msg.requestApproval,
    async ({ actor, gateId }) => {
      const g = gate(gateId);
      const previous = g.status;
      g.status = 'drafting';
      const requestId = `${gateId}-${wf.uuid4().slice(0, 8)}`;
      try {
        const draft = await drafting.renderNoticeDraft({
          incidentId: input.incidentId,
          gateId,
          template: g.template,
          facts,
          factsVersion,
          factsHash: hashCanonical(facts),
          obligation: obligations.find((o) => o.gateId === gateId && o.recipient !== 'individuals'),
        });
        Object.assign(g, {
          status: 'pending',
          requestId,
          requestedBy: actor,
          requestedAt: isoAt(now()),
          draft,
          votes: [],
          rejection: undefined,
        });
        record('approval.requested', actor, `Approval requested: ${g.title}`, {
          gateId,
          requestId,
          templateId: draft.templateId,
          templateVersion: draft.templateVersion,
          contentHash: draft.contentHash,
          factsHash: draft.factsHash,
          factsVersion: draft.factsVersion,
          quorum: g.quorum,
        });
        notify(
          'approval_requested',
          `Approval needed: ${g.title} (draft ${draft.contentHash.slice(0, 12)})`,
          g.quorum.map((q) => q.role),
        );
        return { gateId, requestId, draft };
      } catch (err) {
        g.status = previous;
        throw err;
      }
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.requestApprovalSchema, input);
        requireRole(c.actor, assignments, 'request approvals', ...PARTICIPANTS);
        const g = gate(c.gateId);
        if (g.status === 'drafting')
          refuse(`a draft of "${g.title}" is being rendered; try again in a moment`, 'busy');
        if (g.noticeSent) refuse(`"${g.title}" was already sent on ${g.noticeSent.at}`, 'already_decided');
        if (phases.get(g.phase as PhaseId)?.status === 'pending')
          refuse(`"${g.title}" belongs to phase "${g.phase}", which has not started`, 'invalid_phase');
      },
    },
  );

  const asRefusal = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof ApprovalRefused) refuse(err.message, err.code);
      throw err;
    }
  };

  wf.setHandler(
    msg.approve,
    ({ actor, gateId, comment }) => {
      const g = gate(gateId);
      const role = checkApproval(g, actor, { contentHash: g.draft!.contentHash }, factsVersion);
      g.votes.push({ actor, role, at: isoAt(now()), comment });
      record('approval.granted', actor, `Approved as ${role}: ${g.title}`, {
        gateId,
        requestId: g.requestId,
        role,
        contentHash: g.draft!.contentHash,
        factsHash: g.draft!.factsHash,
        comment: comment ?? null,
      });
      if (openSeats(g).size === 0) {
        g.status = 'approved';
        record('approval.completed', SYSTEM_ACTOR, `Quorum reached: ${g.title} approved`, {
          gateId,
          requestId: g.requestId,
          contentHash: g.draft!.contentHash,
          approvers: g.votes.map((v) => ({ id: v.actor.id, role: v.role })),
        });
        notify('approval_completed', `${g.title} approved: ready to send`, ['commander', 'communications']);
      }
      return g;
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.approveSchema, input);
        asRefusal(() => checkApproval(gate(c.gateId), c.actor, c, factsVersion));
      },
    },
  );

  wf.setHandler(
    msg.reject,
    ({ actor, gateId, reason }) => {
      const g = gate(gateId);
      g.status = 'rejected';
      g.rejection = { actor, reason, at: isoAt(now()) };
      record('approval.rejected', actor, `Rejected: ${g.title}`, {
        gateId,
        requestId: g.requestId,
        contentHash: g.draft?.contentHash,
        reason,
      });
      notify('approval_rejected', `${g.title} rejected by ${actor.id}: ${reason}`, [
        'commander',
        'communications',
      ]);
      return g;
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.rejectSchema, input);
        asRefusal(() => checkRejection(gate(c.gateId), c.actor, c, factsVersion));
      },
    },
  );

  wf.setHandler(
    msg.placeHold,
    ({ actor, agency, reference, until, reason }) => {
      const hold: msg.HoldState = {
        id: `hold-${holds.length + 1}`,
        agency,
        reference,
        until,
        reason,
        requestedBy: actor,
        placedAt: isoAt(now()),
      };
      holds.push(hold);
      for (const d of deadlines) clock.pause(d, now());
      record('hold.placed', actor, `Law-enforcement hold: ${agency} (${reference})`, {
        holdId: hold.id,
        agency,
        reference,
        until: until ?? null,
        reason: reason ?? null,
      });
      campaigns.holdsChanged();
      return hold;
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.placeHoldSchema, input);
        requireRole(c.actor, assignments, 'place a law-enforcement hold', 'commander', 'legal');
        if (c.until && Date.parse(c.until) <= now()) refuse('until must be in the future', 'invalid_input');
      },
    },
  );

  const endHold = (hold: msg.HoldState, how: 'release' | 'expiry', actor: Actor, reason: string) => {
    hold.endedAt = isoAt(now());
    hold.endedBy = how;
    if (activeHolds().length === 0) for (const d of deadlines) clock.resume(d, now());
    record(
      how === 'release' ? 'hold.released' : 'hold.expired',
      actor,
      `Hold ended (${how}): ${hold.agency}`,
      { holdId: hold.id, reason },
    );
    campaigns.holdsChanged();
  };

  wf.setHandler(
    msg.releaseHold,
    ({ actor, holdId, reason }) => {
      const hold = holdId ? holds.find((h) => h.id === holdId)! : activeHolds()[0]!;
      endHold(hold, 'release', actor, reason);
      return hold;
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.releaseHoldSchema, input);
        requireRole(c.actor, assignments, 'release a hold', 'commander', 'legal');
        const hold = c.holdId ? holds.find((h) => h.id === c.holdId) : activeHolds()[0];
        if (!hold) refuse(c.holdId ? `no hold "${c.holdId}"` : 'no active hold', 'not_found');
        if (hold.endedAt) refuse(`hold ${hold.id} already ended`, 'already_done');
      },
    },
  );

  const markNoticeSent = (
    gateId: string,
    actor: Actor,
    channel: string,
    reference?: string,
    recipients?: number,
  ) => {
    const g = gate(gateId);
    g.noticeSent = { at: isoAt(now()), channel, reference, recipients, actor };
    record('notice.sent', actor, `Notice sent: ${g.title} via ${channel}`, {
      gateId,
      channel,
      reference: reference ?? null,
      recipients: recipients ?? null,
      contentHash: g.draft?.contentHash,
    });
    meetDeadlines((d) => 'gate' in d.metBy && d.metBy.gate === gateId, actor, `${gateId} sent`);
    return g;
  };
  const campaigns = installCampaigns({
    incidentId: input.incidentId,
    facts: () => facts,
    gates,
    activeHolds,
    assignments,
    mustBeOpen,
    record,
    markNoticeSent,
    background,
  });

  wf.setHandler(
    msg.recordNoticeSent,
    ({ actor, gateId, channel, reference, recipients }) =>
      markNoticeSent(gateId, actor, channel, reference, recipients),
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.recordNoticeSentSchema, input);
        requireRole(c.actor, assignments, 'record a notice as sent', 'commander', 'legal', 'communications');
        const g = gate(c.gateId);
        checkNoticeMaySend(g, activeHolds());
        const sending = campaigns.active();
        if (sending && sending.gateId === g.id)
          refuse(
            `a campaign is sending this notice (${sending.campaignId}, ${sending.status}): it records the notice as sent when it completes`,
            'campaign_active',
          );
      },
    },
  );

  wf.setHandler(
    msg.advancePhase,
    ({ actor, to, reason }) => {
      const plan = planAdvance(runbook, new Map([...phases].map(([id, p]) => [id, p.status])), to);
      const open = openRequiredTasks(tasks, plan.complete).map((t) => t.id);
      for (const id of plan.complete)
        completePhase(id, actor, open.length ? { forced: true, openTasks: open, reason } : undefined);
      for (const id of plan.skipped) completePhase(id, actor, { skipped: true, reason });
      for (const id of plan.start) startPhase(id, actor);
      publishSearchAttributes();
      return view().phases;
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.advancePhaseSchema, input);
        requireRole(c.actor, assignments, 'advance the phase', 'commander');
        const plan = planAdvance(runbook, new Map([...phases].map(([id, p]) => [id, p.status])), c.to);
        const open = openRequiredTasks(tasks, plan.complete);
        if (!c.force && open.length > 0)
          refuse(
            `required tasks still open: ${open.map((t) => t.id).join(', ')} (use force with a reason)`,
            'tasks_open',
          );
        if (!c.force && plan.skipped.length > 0)
          refuse(`this would skip ${plan.skipped.join(', ')} (use force with a reason)`, 'invalid_phase');
        if (c.force && !c.reason) refuse('a forced advance needs a reason', 'invalid_input');
      },
    },
  );

  wf.setHandler(
    msg.overrideObligation,
    ({ actor, obligationId, status: decided, reason }) => {
      const o = obligations.find((x) => x.id === obligationId)!;
      o.override = { status: decided, reason, actor, at: isoAt(now()) };
      applyObligation(o, facts, gates, deadlines);
      record('obligation.overridden', actor, `Counsel set ${obligationId} to ${decided}`, {
        obligation: obligationId,
        computed: o.status,
        decided,
        reason,
      });
      return o;
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.overrideObligationSchema, input);
        requireRole(c.actor, assignments, 'override an obligation', 'legal');
        if (!obligations.some((o) => o.id === c.obligationId))
          refuse(`no obligation "${c.obligationId}"`, 'not_found');
      },
    },
  );

  wf.setHandler(
    msg.closeIncident,
    ({ actor, reason }) => {
      for (const [id, p] of phases) if (p.status === 'active') completePhase(id, actor);
      status = 'closed';
      closedAt = isoAt(now());
      closing = { actor, reason };
      record('incident.closed', actor, 'Incident closed', {
        reason,
        openDeadlines: deadlines
          .filter((d) => d.status === 'pending' || d.status === 'missed')
          .map((d) => d.id),
        openTasks: tasks.filter((t) => t.status === 'open').map((t) => t.id),
      });
      publishSearchAttributes();
    },
    {
      validator: (input) => {
        mustBeOpen();
        const c = parseOrRefuse(cmd.closeIncidentSchema, input);
        requireRole(c.actor, assignments, 'close the incident', 'commander');
        // Force skips the process checks below, never this one: a running campaign is still mailing people and
        // would record the notice as sent on a closed incident (and closing waits for it to end anyway).
        const sending = campaigns.active();
        if (sending)
          refuse(
            `campaign ${sending.campaignId} is ${sending.status}: cancel it (or let it complete) before closing${c.force ? ' (force does not override this)' : ''}`,
            'campaign_active',
          );
        if (c.force) return;
        if (phases.get('review')?.status !== 'active')
          refuse('close from the review phase (or use force with a reason)', 'invalid_phase');
        const open = openRequiredTasks(tasks, ['review']);
        if (open.length > 0)
          refuse(`required tasks still open: ${open.map((t) => t.id).join(', ')}`, 'tasks_open');
        const pending = gates.filter((g) => g.status === 'pending' || g.status === 'drafting');
        if (pending.length > 0)
          refuse(`approvals still pending: ${pending.map((g) => g.id).join(', ')}`, 'approvals_pending');
      },
    },
  );

  // Declaration.
  if (input.declaredBy.roles.includes('commander')) {
    assignments.push({
      personId: input.declaredBy.id,
      role: 'commander',
      assignedBy: input.declaredBy.id,
      at: declaredAt,
    });
  }
  record('incident.declared', input.declaredBy, `Incident declared: ${facts.title}`, {
    facts,
    factsHash: hashCanonical(facts),
    runbook: { id: runbook.id, version: runbook.version, hash: input.runbookHash },
  });
  if (wf.patched('obligations-v1')) {
    obligations = syncObligations([], facts, gates, deadlines, record, SYSTEM_ACTOR, 'incident declared');
  }
  startPhase(runbook.phases[0]!.id, SYSTEM_ACTOR);
  publishSearchAttributes();
  if (wf.patched(SLACK_PATCH)) {
    slack = createSlackSync({
      incidentId: input.incidentId,
      declaredBy: input.declaredBy,
      version: () => timeline.length,
      isOpen: () => status === 'open',
      view,
      record,
    });
    background.push(slack.run());
  }
  notify('declared', `Incident ${input.incidentId} declared: ${facts.title} (${facts.severity})`, [
    'commander',
    'responder',
  ]);

  // The clock loop: sleep until the next reminder, due time or hold expiry, or until something changes.
  while (status === 'open') {
    dirty = false;
    const wakes = [
      ...deadlines.map(clock.nextEventAt),
      ...activeHolds().map((h) => (h.until ? Date.parse(h.until) : undefined)),
    ].filter((t): t is number => t !== undefined);
    const wake = wakes.length ? Math.min(...wakes) : undefined;
    if (wake === undefined) await wf.condition(() => dirty);
    else if (wake > now()) await wf.condition(() => dirty, wake - now());
    if (status !== 'open') break;
    for (const hold of activeHolds()) {
      if (hold.until && Date.parse(hold.until) <= now())
        endHold(hold, 'expiry', SYSTEM_ACTOR, `hold ended on ${hold.until}`);
    }
    for (const d of deadlines) {
      for (const ev of clock.fireDue(d, now())) {
        const due = d.dueAt === undefined ? null : isoAt(d.dueAt);
        if (ev.kind === 'reminder') {
          const pct = Math.round(ev.fraction * 100);
          record('deadline.reminder', SYSTEM_ACTOR, `${pct}% of the time used: ${d.title} (due ${due})`, {
            deadline: d.id,
            fraction: ev.fraction,
            dueAt: due,
          });
          notify('deadline_reminder', `Reminder: ${d.title} is due ${due} (${pct}% of the time used)`, [
            'commander',
            'legal',
          ]);
        } else {
          record('deadline.missed', SYSTEM_ACTOR, `Deadline missed: ${d.title} (was due ${due})`, {
            deadline: d.id,
            dueAt: due,
            escalatedTo: ['commander', 'legal'],
          });
          notify('deadline_missed', `ESCALATION: ${d.title} was due ${due} and is not met`, [
            'commander',
            'legal',
          ]);
        }
      }
    }
  }
  await wf.condition(wf.allHandlersFinished);
  await Promise.allSettled(background);
  // The Slack channel before the audit archive, so the archived timeline says what became of the channel.
  if (slack?.channelId && wf.patched(SLACK_ARCHIVE_PATCH)) {
    await slack.archive(closingSummaryOf(view(), closing ?? { actor: SYSTEM_ACTOR, reason: '' }));
  }
  if (wf.patched(ARCHIVE_ON_CLOSE_PATCH)) {
    await archiving
      .archiveIncident({ incidentId: input.incidentId, view: view(), timeline })
      .catch((err: unknown) => wf.log.error('archive gave up', { error: failureKind(err) }));
  }
  return view();
}
