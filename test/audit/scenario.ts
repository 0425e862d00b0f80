// A small but complete incident for the audit suites: facts change, roles, tasks, a hold, an approval with two
// votes, a notice sent with its count, phase changes, and closure; returns the timeline times worth asking about.
import * as msg from '../../workflows/messages';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { IncidentDriver } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import type { TestStack } from '../support/temporal';
import { declareAs } from '../support/auth';

export interface Scenario {
  inc: IncidentDriver;
  incidentId: string;
  /** Moments between steps (ISO), to ask the as-of fold about. */
  marks: { afterFacts: string; duringHold: string; afterApproval: string; end: string };
}

const tick = () => new Promise((r) => setTimeout(r, 30));
const mark = async () => {
  await tick();
  const at = new Date().toISOString();
  await tick();
  return at;
};

export async function runScenario(stack: TestStack, opts: { close?: boolean } = {}): Promise<Scenario> {
  const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
    facts: sampleFacts({ awareAt: new Date(Date.now() - 3_600_000).toISOString() }),
    runbook: loadRunbookFile(),
    actor: as('carol'),
  });
  const inc = new IncidentDriver(stack.client, incidentId);
  const carol = as('carol');
  await inc.send(msg.assignRole, { actor: carol, personId: 'rick', role: 'responder' });
  await inc.send(msg.completeTask, {
    actor: carol,
    taskId: 'confirm-incident',
    note: 'confirmed <b>& escalated</b>',
  });
  await inc.send(msg.updateFacts, {
    actor: as('rick'),
    patch: { estimatedAffected: 1500 },
    reason: 'export logs show 1500 rows',
  });
  const afterFacts = await mark();
  await inc.send(msg.placeHold, {
    actor: carol,
    agency: 'FBI',
    reference: 'CASE-42',
    reason: 'investigation',
  });
  const duringHold = await mark();
  await inc.send(msg.releaseHold, { actor: carol, reason: 'agency agreed' });
  await inc.send(msg.addNote, { actor: as('rick'), text: 'attacker IP blocked "quickly"' });
  await inc.send(msg.advancePhase, {
    actor: carol,
    to: 'notify_customers',
    force: true,
    reason: 'fast track',
  });
  const req = await inc.send(msg.requestApproval, { actor: as('rick'), gateId: 'customer_notice' });
  await inc.send(msg.approve, {
    actor: as('lena', 'web'),
    gateId: 'customer_notice',
    contentHash: req.draft.contentHash,
    comment: 'ok',
  });
  await inc.send(msg.approve, {
    actor: as('cami', 'slack'),
    gateId: 'customer_notice',
    contentHash: req.draft.contentHash,
  });
  const afterApproval = await mark();
  await inc.send(msg.recordNoticeSent, {
    actor: as('cami'),
    gateId: 'customer_notice',
    channel: 'email',
    reference: 'campaign-1',
    recipients: 1500,
  });
  if (opts.close) await inc.send(msg.closeIncident, { actor: carol, reason: 'done', force: true });
  const end = await mark();
  return { inc, incidentId, marks: { afterFacts, duringHold, afterApproval, end } };
}
