// Deadline clocks on the time-skipping test server: the 72-hour regulator deadline reminds at 50/75/90% of its
// time and escalates when missed (timeline and real mail), and meeting it in time stops the clock.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import * as msg from '../../workflows/messages';
import { SEARCH_ATTRIBUTE_TYPES } from '../../workflows/search-attributes';
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import { createMailer } from '../../src/mailer';
import { testServerPath } from '../../src/temporal/binaries';
import { createDataConverter } from '../../src/temporal/data-converter';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { createBreachplanWorker } from '../../src/worker/worker';
import { TEMPLATES_DIR } from '../../src/paths';
import { IncidentDriver, eventually, subjectOf } from '../support/incident-driver';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { TEST_KEYS, quietRuntime, testEdgeKey } from '../support/temporal';
import { withEdgeSigner } from '../../src/temporal/incidents';
import { scratchCampaignDeps } from '../support/campaign-deps';
import { declareAs } from '../support/auth';

const REGULATOR = 'regulator-72h';

describe('deadline clocks (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let sink: MailSink;
  let mailer: ReturnType<typeof createMailer>;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'deadlines';

  beforeAll(async () => {
    quietRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testServerPath() } },
      client: { dataConverter: createDataConverter(TEST_KEYS) },
    });
    // The test server knows only Temporal's own search attributes; register ours as an operator would.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        Object.keys(SEARCH_ATTRIBUTE_TYPES).map((name) => [
          name,
          temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        ]),
      ),
    });
    sink = await startMailSink();
    mailer = createMailer({ mode: 'embedded', mail: { sinkPort: sink.port, from: 'test@breachplan.local' } });
    worker = await createBreachplanWorker({
      connection: env.nativeConnection,
      temporal: { address: env.address, namespace: env.namespace ?? 'default', taskQueue },
      keys: TEST_KEYS,
      workflowBundle: { codePath: process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE! },
      activityDeps: {
        templatesDir: TEMPLATES_DIR,
        mailer,
        mailFrom: 'Breachplan <test@breachplan.local>',
        directory: () => DIRECTORY,
        campaign: scratchCampaignDeps(),
      },
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    mailer?.close();
    await sink?.close();
    await env?.teardown();
  });

  async function declareNow(): Promise<IncidentDriver> {
    const now = await env.currentTimeMs();
    const awareAt = new Date(now).toISOString();
    // Commands are signed with the test server's (skipped) time, which is the workflow's clock.
    withEdgeSigner(env.client, testEdgeKey(), async () => new Date(await env.currentTimeMs()));
    const { incidentId } = await declareAs(env.client, taskQueue, {
      facts: sampleFacts({ awareAt }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
      // The server's skipped time is the edge's "now" here: aware now is not in the future.
      now,
    });
    const inc = new IncidentDriver(env.client, incidentId);
    const view = await inc.view();
    expect(view.deadlines.find((d) => d.id === REGULATOR)!.dueAt).toBe(Date.parse(awareAt) + 72 * 3600_000);
    return inc;
  }

  const regulatorEvents = async (inc: IncidentDriver) =>
    (await inc.timeline())
      .filter((e) => e.details.deadline === REGULATOR)
      .map((e) => (e.type === 'deadline.reminder' ? `reminder ${e.details.fraction}` : e.type));

  /** Skips time, then waits until the workflow has recorded what that time brought. */
  async function skipTo(inc: IncidentDriver, hours: number, expected: string[]) {
    const elapsed = (await env.currentTimeMs()) - Date.parse((await inc.view()).facts.awareAt);
    await env.sleep(Math.max(0, hours * 3600_000 - elapsed));
    const events = await eventually(
      () => regulatorEvents(inc),
      (e) => e.length >= expected.length,
      { what: `${expected.length} deadline events after ${hours}h` },
    );
    expect(events).toEqual(expected);
  }

  it('reminds at 50/75/90% and escalates when the 72-hour internal target passes', async () => {
    const inc = await declareNow();
    await skipTo(inc, 37, ['reminder 0.5']);
    await skipTo(inc, 55, ['reminder 0.5', 'reminder 0.75']);
    await skipTo(inc, 65, ['reminder 0.5', 'reminder 0.75', 'reminder 0.9']);
    expect((await inc.view()).deadlines.find((d) => d.id === REGULATOR)!.status).toBe('pending');
    await skipTo(inc, 73, ['reminder 0.5', 'reminder 0.75', 'reminder 0.9', 'deadline.missed']);

    const view = await inc.view();
    const regulator = view.deadlines.find((d) => d.id === REGULATOR)!;
    expect(regulator.status).toBe('missed');
    expect(regulator.remindersSent).toEqual([0.5, 0.75, 0.9]);
    // The 30-day customer clock is still running and has not reminded anyone yet.
    expect(view.deadlines.find((d) => d.id === 'customer-notice-30d')).toMatchObject({
      status: 'pending',
      remindersSent: [],
    });
    const missed = (await inc.timeline()).find((e) => e.type === 'deadline.missed')!;
    expect(missed).toMatchObject({
      actor: { id: 'breachplan', source: 'system' },
      details: { deadline: REGULATOR, kind: 'internal_target', escalatedTo: ['commander', 'legal'] },
      // A runbook deadline is an internal target: never "Deadline missed", which is for legal clocks.
      summary: expect.stringMatching(/^Internal target passed: /),
    });
    expect(Date.parse(missed.at)).toBeGreaterThanOrEqual(regulator.dueAt!);

    // The commander and legal were told by mail: three reminders and the escalation.
    const mine = () => sink.messages.filter((m) => subjectOf(m).includes(inc.incidentId));
    const subjects = await eventually(
      () => mine().map(subjectOf),
      (s) =>
        s.filter((x) => x.includes('Reminder (internal target): Regulator reports ready')).length >= 3 &&
        s.some((x) => x.includes('Internal target passed: Regulator reports ready')),
      { what: 'reminder and escalation mail' },
    );
    const reminders = subjects.filter((s) =>
      s.includes('Reminder (internal target): Regulator reports ready'),
    );
    expect(reminders.map((s) => /\((\d+)% of the time used\)/.exec(s)?.[1])).toEqual(['50', '75', '90']);
    const escalations = subjects.filter((s) => s.includes('Internal target passed: Regulator reports ready'));
    expect(escalations).toHaveLength(1);
    const escalation = mine().find((m) =>
      subjectOf(m).includes('Internal target passed: Regulator reports ready'),
    )!;
    expect([...escalation.to].sort()).toEqual(
      DIRECTORY.people
        .filter((p) => p.roles.some((r) => r === 'commander' || r === 'legal'))
        .map((p) => p.email!)
        .sort(),
    );
  });

  it('stops the clock when the regulator notice goes out in time', async () => {
    const inc = await declareNow();
    const carol = as('carol');
    await skipTo(inc, 40, ['reminder 0.5']);
    await inc.send(msg.advancePhase, {
      actor: carol,
      to: 'notify_customers',
      force: true,
      reason: 'test: go straight to the notices',
    });
    const reg = await inc.send(msg.requestApproval, { actor: carol, gateId: 'regulator_notice' });
    await inc.send(msg.approve, {
      actor: as('lena'),
      gateId: 'regulator_notice',
      requestId: reg.requestId,
      contentHash: reg.draft.contentHash,
    });
    await inc.send(msg.recordNoticeSent, { actor: as('leo'), gateId: 'regulator_notice', channel: 'portal' });
    expect(await regulatorEvents(inc)).toEqual(['reminder 0.5', 'deadline.met']);

    // Well past the due time: no more reminders, no miss.
    await env.sleep('40h');
    await inc.send(msg.addNote, { actor: carol, text: 'checkpoint after the due time' });
    const view = await inc.view();
    expect(view.deadlines.find((d) => d.id === REGULATOR)).toMatchObject({
      status: 'met',
      remindersSent: [0.5],
    });
    expect(await regulatorEvents(inc)).toEqual(['reminder 0.5', 'deadline.met']);
    expect((await inc.types()).filter((t) => t === 'deadline.missed')).toEqual([]);
    // The 30-day customer clock keeps running: 80 hours in, it has not reached its first reminder.
    expect(view.deadlines.find((d) => d.id === 'customer-notice-30d')).toMatchObject({
      status: 'pending',
      remindersSent: [],
    });
  });
});
