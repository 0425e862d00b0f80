// Keeps an incident's legal duties in step with its facts: recomputes obligations, records what appeared,
// vanished or changed, and derives the approval gates and deadline clocks that serve them.
import { patched } from '@temporalio/workflow';
import type { GateState } from '../src/domain/approval';
import type { DeadlineState } from '../src/domain/deadline';
import { type IncidentFacts, toObligationFacts } from '../src/domain/incident';
import { computeObligations, diffObligations, type Obligation } from '../src/domain/regulations';
import { computeObligationsV1 } from '../src/domain/regulations/v1/compute';
import type { Actor } from '../src/domain/roles';
import type { TimelineType } from '../src/domain/timeline';
import { effectiveStatus, type ObligationState } from '../src/domain/incident-view';

export type { ObligationOverride, ObligationState } from '../src/domain/incident-view';

export type Recorder = (
  type: TimelineType,
  actor: Actor,
  summary: string,
  details?: Record<string, unknown>,
) => void;

export const gateIdFor = (id: string) => `obl-${id}`;
export const deadlineIdFor = (id: string) => `obl-${id}`;

function trigger(o: Obligation, facts: IncidentFacts): number {
  return Date.parse(
    o.deadline.trigger === 'determination' && facts.determinedAt ? facts.determinedAt : facts.awareAt,
  );
}

/**
 * Local calendars, the world table and no-rule answers change obligations of running incidents: incidents
 * that computed them before this patch keep the frozen v1 engine until their next new workflow task.
 */
export const OBLIGATIONS_V2_PATCH = 'obligations-v2';

function computeFor(facts: IncidentFacts): Obligation[] {
  const input = toObligationFacts(facts);
  return patched(OBLIGATIONS_V2_PATCH) ? computeObligations(input) : computeObligationsV1(input);
}

/** Recomputes duties from the facts and brings gates and deadlines along. Returns the new list. */
export function syncObligations(
  current: ObligationState[],
  facts: IncidentFacts,
  gates: GateState[],
  deadlines: DeadlineState[],
  record: Recorder,
  actor: Actor,
  because: string,
): ObligationState[] {
  const computed = computeFor(facts);
  const diff = diffObligations(current, computed);
  const previous = new Map(current.map((o) => [o.id, o]));
  for (const o of diff.added) {
    record(
      'obligation.added',
      actor,
      `Obligation: ${o.authority ?? o.recipient} (${o.jurisdiction}) — ${o.status}`,
      {
        obligation: o.id,
        status: o.status,
        due: o.due,
        citation: o.citation,
        reason: o.reason,
        because,
      },
    );
  }
  for (const o of diff.removed) {
    record('obligation.removed', actor, `Obligation no longer applies: ${o.id}`, {
      obligation: o.id,
      because,
    });
  }
  for (const c of diff.changed) {
    record('obligation.changed', actor, `Obligation changed: ${c.id} (${c.fields.join(', ')})`, {
      obligation: c.id,
      fields: c.fields,
      reason: c.reason,
      because,
    });
  }
  const next: ObligationState[] = computed.map((o) => {
    const prev = previous.get(o.id);
    return { ...o, override: prev?.override, gateId: prev?.gateId, deadlineId: prev?.deadlineId };
  });
  for (const o of diff.removed) waive(deadlines, o.id);
  for (const o of next) applyObligation(o, facts, gates, deadlines);
  return next;
}

/** Ensures the gate and the deadline a required duty needs; waives the clock of one no longer required. */
export function applyObligation(
  o: ObligationState,
  facts: IncidentFacts,
  gates: GateState[],
  deadlines: DeadlineState[],
): void {
  if (effectiveStatus(o) !== 'required') {
    waive(deadlines, o.id);
    return;
  }
  const customerGate = gates.find((g) => g.kind === 'customer_notice');
  if (o.recipient === 'individuals') {
    o.gateId = customerGate?.id;
  } else if (!o.gateId) {
    o.gateId = gateIdFor(o.id);
    if (!gates.some((g) => g.id === o.gateId)) {
      gates.push({
        id: o.gateId,
        kind: 'authority_notice',
        title: `${o.authority ?? o.recipient} notice (${o.jurisdiction})`,
        phase: 'inform_authorities',
        template: o.template,
        quorum: [{ role: 'legal', count: 1 }],
        status: 'not_requested',
        votes: [],
      });
    }
  }
  const dueText = o.due ?? o.internalTarget;
  const id = deadlineIdFor(o.id);
  const existing = deadlines.find((d) => d.id === id);
  if (existing) {
    // A duty required again (by new facts or by counsel) gets its clock back; new timing when the law gives one.
    if (existing.status === 'waived') existing.status = 'pending';
    if (existing.status === 'pending' && dueText) {
      existing.startAt = trigger(o, facts);
      existing.durationMs = Math.max(0, Date.parse(dueText) - existing.startAt);
      existing.dueAt = existing.startAt + existing.durationMs + existing.pausedMs;
    }
    o.deadlineId = id;
    return;
  }
  if (!dueText || !o.gateId) return;
  const start = trigger(o, facts);
  const durationMs = Math.max(0, Date.parse(dueText) - start);
  o.deadlineId = id;
  deadlines.push({
    id,
    title: `${o.authority ?? o.recipient} (${o.jurisdiction})${o.due ? '' : ' — internal target'}`,
    source: 'obligation',
    citation: o.citation,
    metBy: { gate: o.gateId },
    trigger: o.deadline.trigger,
    durationMs,
    reminders: [0.5, 0.75, 0.9],
    remindersSent: [],
    pausedByHold: o.recipient === 'individuals',
    pausedMs: 0,
    startAt: start,
    dueAt: start + durationMs,
    status: 'pending',
  });
}

function waive(deadlines: DeadlineState[], obligationId: string): void {
  const d = deadlines.find((x) => x.id === deadlineIdFor(obligationId));
  if (d && (d.status === 'pending' || d.status === 'awaiting_trigger')) d.status = 'waived';
}
