// A whole incident driven through the client on a real Temporal server, from declaration to closure: facts,
// roles, tasks, phases, both approval gates, a law-enforcement hold, deadlines, and the hash-chained timeline.
import * as msg from '../../workflows/messages';
import { SYSTEM_ACTOR } from '../../src/domain/roles';
import { firstBrokenEntry } from '../../src/domain/timeline';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { IncidentDriver, eventually, runbookSteps, subjectOf } from '../support/incident-driver';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { startTestStack, type TestStack } from '../support/temporal';
import { declareAs } from '../support/auth';

const HEX64 = /^[0-9a-f]{64}$/;

describe('incident lifecycle on a real Temporal server', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ directory: DIRECTORY });
  });
  afterAll(() => stack.stop());

  async function declare(overrides = {}): Promise<IncidentDriver> {
    const { incidentId, created } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), ...overrides }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    expect(created).toBe(true);
    return new IncidentDriver(stack.client, incidentId);
  }

  it('runs from declaration to closure and leaves an intact, complete timeline', async () => {
    const inc = await declare();
    const carol = as('carol');
    const rick = as('rick');
    const lena = as('lena', 'web');
    const leo = as('leo');
    const cami = as('cami', 'slack');
    const audrey = as('audrey');

    let view = await inc.view();
    expect(view.status).toBe('open');
    expect(view.factsVersion).toBe(1);
    expect(view.phases.map((p) => [p.id, p.status])).toEqual([
      ['triage', 'active'],
      ['contain', 'pending'],
      ['investigate', 'pending'],
      ['notify_customers', 'pending'],
      ['inform_authorities', 'pending'],
      ['remediate', 'pending'],
      ['review', 'pending'],
    ]);
    // The declaring commander holds the commander role in this incident.
    expect(view.assignments).toEqual([expect.objectContaining({ personId: 'carol', role: 'commander' })]);

    // Facts: who changed what and why, with a version bump; an auditor cannot change them.
    await inc.refused(
      msg.updateFacts,
      { actor: audrey, patch: { estimatedAffected: 9 }, reason: 'x' },
      'not_authorized',
    );
    const factsChange = await inc.send(msg.updateFacts, {
      actor: rick,
      patch: { estimatedAffected: 1500, dataCategories: ['name', 'email', 'address', 'phone'] },
      reason: 'the export also covered the archive table',
    });
    expect(factsChange).toEqual({ factsVersion: 2, changed: ['estimatedAffected', 'dataCategories'] });
    // The same values again change nothing and do not bump the version.
    expect(
      await inc.send(msg.updateFacts, { actor: rick, patch: { estimatedAffected: 1500 }, reason: 'again' }),
    ).toEqual({ factsVersion: 2, changed: [] });
    view = await inc.view();
    expect(view.factsVersion).toBe(2);
    expect(view.facts.estimatedAffected).toBe(1500);

    // Roles: rick cannot do the commander's task until carol assigns him as (deputy) commander.
    await inc.refused(
      msg.completeTask,
      { actor: rick, taskId: 'confirm-incident', note: 'ok' },
      'not_authorized',
    );
    await inc.refused(msg.assignRole, { actor: rick, personId: 'rick', role: 'commander' }, 'not_authorized');
    await inc.send(msg.assignRole, { actor: carol, personId: 'rick', role: 'commander' });
    await inc.refused(msg.assignRole, { actor: carol, personId: 'rick', role: 'commander' }, 'duplicate');

    // Tasks: a note is required; the owner role or the commander may complete; an auditor may not.
    await inc.refused(
      msg.completeTask,
      { actor: rick, taskId: 'confirm-incident', note: '  ' },
      'invalid_input',
    );
    await inc.refused(
      msg.completeTask,
      { actor: audrey, taskId: 'initial-scope', note: 'x' },
      'not_authorized',
    );
    await inc.refused(
      msg.completeTask,
      { actor: cami, taskId: 'initial-scope', note: 'x' },
      'not_authorized',
    );
    await inc.refused(msg.completeTask, { actor: rick, taskId: 'no-such-task', note: 'x' }, 'not_found');
    // The gate of a phase that has not started cannot be requested yet.
    await inc.refused(msg.requestApproval, { actor: carol, gateId: 'customer_notice' }, 'invalid_phase');
    // Advancing with required tasks open is refused, as is skipping phases.
    await inc.refused(msg.advancePhase, { actor: carol }, 'tasks_open');
    await inc.refused(msg.advancePhase, { actor: rick, to: 'contain' }, 'tasks_open');
    await inc.refused(msg.advancePhase, { actor: lena }, 'not_authorized');

    const done = await inc.send(msg.completeTask, {
      actor: rick,
      taskId: 'confirm-incident',
      note: 'confirmed from the CRM audit log',
    });
    expect(done).toMatchObject({
      status: 'done',
      completedBy: { id: 'rick' },
      note: 'confirmed from the CRM audit log',
    });
    await inc.refused(
      msg.completeTask,
      { actor: carol, taskId: 'confirm-incident', note: 'again' },
      'already_done',
    );
    await inc.send(msg.completeTask, {
      actor: lena,
      taskId: 'open-privileged-channel',
      note: 'outside counsel engaged',
    });
    await inc.send(msg.completeTask, { actor: rick, taskId: 'initial-scope', note: 'crm-db, ~1500 people' });
    await inc.send(msg.advancePhase, { actor: carol });

    // Contain: one task done, the others left open; a forced advance needs a reason and records the open tasks.
    await inc.send(msg.completeTask, {
      actor: rick,
      taskId: 'isolate-systems',
      note: 'key revoked, host isolated',
    });
    await inc.refused(msg.advancePhase, { actor: carol }, 'tasks_open');
    await inc.refused(msg.advancePhase, { actor: carol, force: true }, 'invalid_input');
    await inc.send(msg.advancePhase, {
      actor: carol,
      force: true,
      reason: 'rotation continues during investigation',
    });

    for (const taskId of ['scope-data', 'root-cause', 'assess-risk'])
      await inc.send(msg.completeTask, { actor: carol, taskId, note: `${taskId} done by the commander` });
    const phases = await inc.send(msg.advancePhase, { actor: carol });
    // inform_authorities starts together with notify_customers.
    expect(phases.filter((p) => p.status === 'active').map((p) => p.id)).toEqual([
      'notify_customers',
      'inform_authorities',
    ]);
    expect(phases.find((p) => p.id === 'contain')?.status).toBe('done');

    // Customer notice: the draft is rendered by the real template activity and bound by its hashes.
    const request = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
    expect(request.draft.contentHash).toMatch(HEX64);
    expect(request.draft.templateVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(request.draft.templateId).toBe('notices/customer/en');
    expect(request.draft.factsVersion).toBe(2);
    expect(request.draft.factsHash).toBe((await inc.view()).factsHash);
    expect(request.draft.excerpt).toContain(
      'your name, your email address, your postal address, and your telephone number',
    );
    expect(request.draft.compliance).toMatchObject({ ok: true, findings: [] });
    const ask = {
      gateId: 'customer_notice',
      requestId: request.requestId,
      contentHash: request.draft.contentHash,
    };

    // Nothing may be sent before approval.
    await inc.refused(
      msg.recordNoticeSent,
      { actor: cami, gateId: 'customer_notice', channel: 'email' },
      'not_approved',
    );
    const afterLena = await inc.send(msg.approve, { actor: lena, ...ask, comment: 'wording ok' });
    expect(afterLena.status).toBe('pending');
    const afterCami = await inc.send(msg.approve, { actor: cami, ...ask });
    expect(afterCami.status).toBe('approved');
    expect(afterCami.votes.map((v) => [v.actor.id, v.role])).toEqual([
      ['lena', 'legal'],
      ['cami', 'communications'],
    ]);

    // A law-enforcement hold stops the customer notice and pauses its clock (not the regulator's).
    const before = await inc.view();
    const customerDue = before.deadlines.find((d) => d.id === 'customer-notice-30d')!.dueAt!;
    const regulatorDue = before.deadlines.find((d) => d.id === 'regulator-72h')!.dueAt!;
    const hold = await inc.send(msg.placeHold, {
      actor: leo,
      agency: 'FBI Cyber Division',
      reference: 'CASE-4411',
      reason: 'notice would impede the investigation',
    });
    await inc.refused(
      msg.recordNoticeSent,
      { actor: cami, gateId: 'customer_notice', channel: 'email', recipients: 1500 },
      'on_hold',
    );
    const paused = (await inc.view()).deadlines.find((d) => d.id === 'customer-notice-30d')!;
    expect(paused.pausedSince).toBe(Date.parse(hold.placedAt));
    await new Promise((r) => setTimeout(r, 600));
    const released = await inc.send(msg.releaseHold, { actor: carol, reason: 'agency cleared the notice' });
    const heldMs = Date.parse(released.endedAt!) - Date.parse(hold.placedAt);
    expect(heldMs).toBeGreaterThanOrEqual(500);
    const resumed = await inc.view();
    const customerAfter = resumed.deadlines.find((d) => d.id === 'customer-notice-30d')!;
    expect(customerAfter.pausedSince).toBeUndefined();
    expect(customerAfter.dueAt! - customerDue).toBe(heldMs);
    expect(resumed.deadlines.find((d) => d.id === 'regulator-72h')!.dueAt).toBe(regulatorDue);

    const sent = await inc.send(msg.recordNoticeSent, {
      actor: cami,
      gateId: 'customer_notice',
      channel: 'email',
      reference: 'campaign-1',
      recipients: 1500,
    });
    expect(sent.noticeSent).toMatchObject({ channel: 'email', recipients: 1500, actor: { id: 'cami' } });
    await inc.refused(
      msg.recordNoticeSent,
      { actor: cami, gateId: 'customer_notice', channel: 'email' },
      'already_done',
    );

    // Regulator notice: legal quorum of one.
    const reg = await inc.send(msg.requestApproval, { actor: carol, gateId: 'regulator_notice' });
    expect(reg.draft.templateId).toBe('regulators/generic/en');
    expect(reg.draft.contentHash).toMatch(HEX64);
    const regGate = await inc.send(msg.approve, {
      actor: lena,
      gateId: 'regulator_notice',
      requestId: reg.requestId,
      contentHash: reg.draft.contentHash,
    });
    expect(regGate.status).toBe('approved');
    await inc.send(msg.recordNoticeSent, {
      actor: lena,
      gateId: 'regulator_notice',
      channel: 'portal',
      reference: 'BfDI-2026-0042',
    });
    view = await inc.view();
    expect(view.deadlines.filter((d) => d.source === 'runbook').map((d) => [d.id, d.status])).toEqual([
      ['regulator-72h', 'met'],
      ['customer-notice-30d', 'met'],
    ]);

    // The rest of the plan.
    await inc.send(msg.completeTask, {
      actor: cami,
      taskId: 'prepare-customer-notice',
      note: 'sent to 1500',
    });
    await inc.send(msg.completeTask, { actor: cami, taskId: 'offer-monitoring', note: '12 months offered' });
    await inc.send(msg.completeTask, { actor: lena, taskId: 'report-regulators', note: 'BfDI portal' });
    await inc.send(msg.completeTask, { actor: leo, taskId: 'law-enforcement-report', note: 'CASE-4411' });
    await inc.send(msg.advancePhase, { actor: carol });
    for (const taskId of ['patch', 'enforce-mfa', 'reset-passwords'])
      await inc.send(msg.completeTask, { actor: rick, taskId, note: `${taskId} rolled out` });
    await inc.send(msg.advancePhase, { actor: carol });
    await inc.refused(msg.closeIncident, { actor: carol, reason: 'done' }, 'tasks_open');
    await inc.send(msg.completeTask, { actor: carol, taskId: 'post-incident-review', note: 'review held' });
    await inc.refused(msg.closeIncident, { actor: audrey, reason: 'x' }, 'not_authorized');
    await inc.send(msg.closeIncident, { actor: carol, reason: 'all notices sent, review complete' });

    const final = (await inc.handle.result()) as msg.IncidentView;
    expect(final.status).toBe('closed');
    expect(final.closedAt).toBeDefined();
    expect(final.phases.every((p) => p.status === 'done')).toBe(true);
    // A finished incident takes no more commands.
    await expect(inc.send(msg.addNote, { actor: carol, text: 'too late' })).rejects.toThrow();

    // The timeline: every step, in order, with its actor and source, hash-chained and intact.
    const full = await inc.timeline();
    expect(full.map((e) => e.seq)).toEqual(full.map((_, i) => i + 1));
    expect(firstBrokenEntry(full)).toBeNull();
    expect(final.timelineHead).toBe(full[full.length - 1]!.hash);
    const timeline = runbookSteps(full);
    expect(timeline.map((e) => e.type)).toEqual([
      'incident.declared',
      'phase.started',
      'facts.changed',
      'role.assigned',
      'task.completed',
      'task.completed',
      'task.completed',
      'phase.completed',
      'phase.started',
      'task.completed',
      'phase.completed',
      'phase.started',
      'task.completed',
      'task.completed',
      'task.completed',
      'phase.completed',
      'phase.started',
      'phase.started',
      'approval.requested',
      'approval.granted',
      'approval.granted',
      'approval.completed',
      'hold.placed',
      'hold.released',
      'notice.sent',
      'deadline.met',
      'approval.requested',
      'approval.granted',
      'approval.completed',
      'notice.sent',
      'deadline.met',
      'task.completed',
      'task.completed',
      'task.completed',
      'task.completed',
      'phase.completed',
      'phase.completed',
      'phase.started',
      'task.completed',
      'task.completed',
      'task.completed',
      'phase.completed',
      'phase.started',
      'task.completed',
      'phase.completed',
      'incident.closed',
    ]);

    const who = (i: number) => `${timeline[i]!.actor.id}/${timeline[i]!.actor.source}`;
    expect(who(0)).toBe('carol/cli');
    expect(timeline[1]!.actor).toEqual(SYSTEM_ACTOR);
    expect(timeline[2]).toMatchObject({
      actor: { id: 'rick', roles: ['responder'], source: 'cli' },
      details: {
        before: { estimatedAffected: 1200, dataCategories: ['name', 'email', 'address'] },
        after: { estimatedAffected: 1500, dataCategories: ['name', 'email', 'address', 'phone'] },
        reason: 'the export also covered the archive table',
        factsVersion: 2,
      },
    });
    expect(timeline[3]).toMatchObject({
      actor: { id: 'carol' },
      details: { personId: 'rick', role: 'commander' },
    });
    expect(timeline[4]).toMatchObject({ actor: { id: 'rick' }, details: { taskId: 'confirm-incident' } });
    expect(timeline[5]).toMatchObject({ actor: { id: 'lena', source: 'web' } });
    expect(timeline[10]).toMatchObject({
      details: { phase: 'contain', forced: true, openTasks: ['rotate-credentials', 'preserve-evidence'] },
    });
    expect(timeline[16]!.details).toEqual({ phase: 'notify_customers' });
    expect(timeline[17]!.details).toEqual({ phase: 'inform_authorities' });
    expect(timeline[18]).toMatchObject({
      actor: { id: 'carol' },
      details: {
        gateId: 'customer_notice',
        requestId: request.requestId,
        contentHash: request.draft.contentHash,
        templateVersion: request.draft.templateVersion,
      },
    });
    expect([who(19), who(20)]).toEqual(['lena/web', 'cami/slack']);
    expect(timeline[21]).toMatchObject({
      actor: SYSTEM_ACTOR,
      details: { contentHash: request.draft.contentHash },
    });
    expect(timeline[22]).toMatchObject({ actor: { id: 'leo' }, details: { agency: 'FBI Cyber Division' } });
    expect(timeline[24]).toMatchObject({
      actor: { id: 'cami', source: 'slack' },
      details: { channel: 'email' },
    });
    expect(timeline[25]).toMatchObject({ details: { deadline: 'customer-notice-30d', status: 'met' } });
    expect(timeline[30]).toMatchObject({ details: { deadline: 'regulator-72h', status: 'met' } });
    expect(timeline[45]).toMatchObject({
      type: 'incident.closed',
      actor: { id: 'carol' },
      details: { openTasks: expect.any(Array) },
    });
    // Entries are in time order.
    const times = full.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // The check can fail: any edit of an exported copy is found.
    const edited = full.map((e) => ({ ...e }));
    const forged = timeline[19]!.seq - 1;
    edited[forged] = { ...edited[forged]!, actor: { ...edited[forged]!.actor, id: 'leo' } };
    expect(firstBrokenEntry(edited)).toBe(forged + 1);

    // The people holding the roles were told (by real mail through the SMTP sink).
    const subjects = await eventually(
      () => stack.sink.messages.filter((m) => subjectOf(m).includes(inc.incidentId)).map(subjectOf),
      (s) =>
        s.some((x) => x.includes('Approval needed: Customer notice')) &&
        s.some((x) => x.includes('approved')),
      { what: 'approval notifications' },
    );
    expect(subjects.some((s) => s.includes('declared'))).toBe(true);
  });
});
