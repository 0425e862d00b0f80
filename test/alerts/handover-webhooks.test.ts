// A hand-over (continue-as-new) does not wait on webhook deliveries: while a subscriber is down and its event
// retries for minutes, the run still hands over at once and every command sent around it is recorded; the
// lane moves to the new run with the event at its head, which the new run sends again (same webhook-id) once
// the subscriber is back. A parked lane stays parked across the hand-over.
import { eventOf } from '../../src/domain/webhook-events';
import { parseWebhooks } from '../../src/integrations';
import { incidentHandle, loadRunbookFile } from '../../src/temporal/incidents';
import * as msg from '../../workflows/messages';
import { type Receiver, startReceiver } from '../support/alert-stack';
import { declareAs, sendAs } from '../support/auth';
import { eventually } from '../support/incident-driver';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { type TestStack, startTestStack } from '../support/temporal';

type History = Awaited<ReturnType<ReturnType<TestStack['client']['workflow']['getHandle']>['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

/** deliverWebhook activities the run scheduled that it never heard finish (completed, failed, timed out). */
function deliveriesInFlight(events: HistoryEvent[]): number {
  const scheduled = events
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverWebhook')
    .map((e) => String(e.eventId));
  const closed = new Set(
    events.flatMap((e) =>
      [
        e.activityTaskCompletedEventAttributes,
        e.activityTaskFailedEventAttributes,
        e.activityTaskTimedOutEventAttributes,
        e.activityTaskCanceledEventAttributes,
      ]
        .filter((a) => a !== null && a !== undefined)
        .map((a) => String(a.scheduledEventId)),
    ),
  );
  return scheduled.filter((id) => !closed.has(id)).length;
}

/** Timers of the hand-over's one-minute wait that ran out (the run waited its minute). */
function minuteWaitsRunOut(events: HistoryEvent[]): number {
  const minute = new Set(
    events
      .filter((e) => Number(e.timerStartedEventAttributes?.startToFireTimeout?.seconds ?? 0) === 60)
      .map((e) => String(e.eventId)),
  );
  return events.filter((e) => minute.has(String(e.timerFiredEventAttributes?.startedEventId))).length;
}

describe('hand-over with a webhook subscriber down', () => {
  let stack: TestStack;
  let down: Receiver;
  let gone: Receiver;
  let steady: Receiver;
  beforeAll(async () => {
    steady = await startReceiver();
    down = await startReceiver();
    gone = await startReceiver();
    down.status = () => 503;
    // 410: a refusal, the lane parks at its first event.
    gone.status = () => 410;
    const webhooks = parseWebhooks(
      {
        subscribers: [
          { id: 'steady', url: steady.url, secret: { env: 'HOOK_STEADY' } },
          { id: 'down', url: down.url, secret: { env: 'HOOK_DOWN' }, events: ['incident.declared'] },
          { id: 'gone', url: gone.url, secret: { env: 'HOOK_GONE' } },
        ],
        // A long budget: a hundred tries, up to a second apart; one delivery stays in flight well past a minute.
        retry: { attempts: 100, initialMs: 200, maxMs: 1_000 },
      },
      'test webhooks',
      { HOOK_STEADY: steady.secret, HOOK_DOWN: down.secret, HOOK_GONE: gone.secret },
    );
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: { webhooks: { config: () => webhooks, timeoutMs: 2_000 } },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await down?.close();
    await gone?.close();
    await steady?.close();
  });

  it('hands over at once while a delivery retries, records every command, and sends the event again after', async () => {
    const carol = as('carol');
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ title: 'Hand-over with a subscriber down', awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: carol,
      updatesPerRun: 3,
    });
    const handle = incidentHandle(stack.client, incidentId);
    const firstRunId = (await handle.describe()).runId;
    // The down subscriber has been tried (and is being retried); the refusing one has parked.
    await eventually(
      () => down.requests,
      (n) => n >= 1,
      { what: 'a first delivery try to the down subscriber' },
    );
    await eventually(
      () => handle.query(msg.getIncident),
      (v) => v.webhooks?.lanes.some((l) => l.subscriberId === 'gone' && l.parked) ?? false,
      { what: 'the refusing subscriber parked' },
    );

    // The third update hands over; the fourth arrives around it, the steady subscriber's deliveries of the
    // hold's events beside them. Sent the edges' way (sendCommand): a refusal with 'continuing' beyond the
    // edge's own retries, or a hand-over's task that raced a delivery's result, would throw here.
    const hold = await sendAs(handle, msg.placeHold, { actor: carol, agency: 'FBI', reference: 'case 9' });
    await sendAs(handle, msg.releaseHold, { actor: carol, holdId: hold.id, reason: 'cleared' });
    const notes = ['first note', 'second note'];
    for (const text of notes) await sendAs(handle, msg.addNote, { actor: carol, text });

    const index = await handle.query(msg.getTimelineIndex);
    expect(index.runs).toBe(2);
    const first = (await stack.client.workflow.getHandle(handle.workflowId, firstRunId).fetchHistory())
      .events!;
    expect(first.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    // The first run handed over with the down subscriber's delivery still in flight, without waiting out its
    // minute for it.
    expect(deliveriesInFlight(first)).toBe(1);
    expect(minuteWaitsRunOut(first)).toBe(0);

    const timeline = await handle.query(msg.getTimeline);
    expect(timeline.filter((e) => e.type === 'note.added').map((e) => e.details.text)).toEqual(notes);
    expect(timeline.filter((e) => e.type.startsWith('hold.')).map((e) => e.type)).toEqual([
      'hold.placed',
      'hold.released',
    ]);
    // The new run holds the down lane's event (not parked) and the parked lane as it was.
    const view = await handle.query(msg.getIncident);
    expect(view.webhooks!.lanes.find((l) => l.subscriberId === 'down')).toMatchObject({
      pending: 1,
      parked: false,
      delivered: 0,
    });
    expect(view.webhooks!.lanes.find((l) => l.subscriberId === 'gone')).toMatchObject({
      parked: true,
      delivered: 0,
    });
    expect(down.accepted).toHaveLength(0);

    // The subscriber comes back: the new run's retry delivers the carried event, by the same webhook-id.
    down.status = () => 204;
    await down.waitFor(1);
    const declared = eventOf(
      incidentId,
      timeline.find((e) => e.type === 'incident.declared')!,
    )!;
    expect([...new Set(down.accepted.map((d) => d.id))]).toEqual([declared.id]);
    expect(down.accepted.every((d) => d.verified)).toBe(true);
    const after = await eventually(
      () => handle.query(msg.getIncident),
      (v) => v.webhooks?.lanes.find((l) => l.subscriberId === 'down')?.delivered === 1,
      { what: 'the down lane delivered in the new run' },
    );
    expect(after.webhooks!.lanes.find((l) => l.subscriberId === 'down')).toMatchObject({ pending: 0 });

    await sendAs(handle, msg.closeIncident, { actor: carol, reason: 'done', force: true });
    const final = await handle.result();
    expect(final.status).toBe('closed');
    // The parked lane stayed parked: the new run never tried it again (one request, the first refusal).
    const parked = final.webhooks!.lanes.find((l) => l.subscriberId === 'gone')!;
    expect(parked).toMatchObject({ parked: true, delivered: 0 });
    expect(parked.parkedEvents[0]?.id).toBe(declared.id);
    expect(gone.requests).toBe(1);
    // The steady subscriber heard every event, in order (once each, dropping repeats by webhook-id).
    const events = (await handle.query(msg.getTimeline))
      .map((e) => eventOf(incidentId, e))
      .filter((e) => e !== undefined);
    expect([...new Set(steady.accepted.map((d) => d.id))]).toEqual(events.map((e) => e.id));
  });
});
