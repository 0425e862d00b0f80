// Every saved incident history (test/replay/*.json, recorded by record.ts) must replay on the current
// workflow code without a determinism error: that is what keeps a deploy safe for incidents already running.
// v1 is the breach plan alone; v2 adds the Slack sync (through the channel archived at close), a notice
// campaign child workflow and the audit archive; v3 hands over between runs with the campaign in flight; v4 has
// alerts in, webhooks out (a retry, a parked lane redelivered), letters, a regulator package and the internal
// target reminder, with its campaign child's history (campaign-v4.json, where the letters are printed); v5 hands
// over with a webhook delivery in flight (a subscriber down) and a later run delivers it. The last test shows
// the check has teeth: a workflow changed without a patch fails to replay, on every saved history.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { createDataConverter } from '../../src/temporal/data-converter';
import { campaignWorkflowId } from '../../src/domain/campaign';
import { quietRuntime } from '../support/temporal';
import { historyFromJson } from './history-json';
import { RECORDED_INCIDENT_ID } from './record';
import { loadReplayKeys } from './replay-key';

const HISTORIES = readdirSync(__dirname)
  .filter((f) => f.startsWith('incident-') && f.endsWith('.json'))
  .sort();
const CAMPAIGN_HISTORIES = readdirSync(__dirname)
  .filter((f) => f.startsWith('campaign-') && f.endsWith('.json'))
  .sort();
const load = (file: string) => historyFromJson(JSON.parse(readFileSync(join(__dirname, file), 'utf8')));
const workflowId = `incident-${RECORDED_INCIDENT_ID}`;
type Events = NonNullable<ReturnType<typeof load>['events']>;
/** The ids of the patch markers, in the order the workflow first asked for them. */
const patchesOf = (events: Events) =>
  events
    .map((e) => e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data)
    .filter((d): d is Uint8Array => !!d)
    .map((d) => (JSON.parse(Buffer.from(d).toString()) as { id: string }).id);
const activitiesOf = (events: Events) =>
  events.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
const updatesOf = (events: Events) =>
  events
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name)
    .filter(Boolean);

describe('replay of saved incident histories', () => {
  beforeAll(() => quietRuntime());
  const dataConverter = createDataConverter(loadReplayKeys());
  /** Replays a saved history on the current workflow code (the bundle jest's global setup built). */
  const replay = (file: string, id: string) =>
    Worker.runReplayHistory(
      {
        workflowBundle: { codePath: process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE! },
        dataConverter,
        replayName: file,
      },
      load(file),
      id,
    );

  it('has saved histories of finished incidents (or of runs that handed over to the next)', () => {
    expect(HISTORIES).toEqual(
      expect.arrayContaining([
        'incident-v1.json',
        'incident-v2.json',
        'incident-v3.json',
        'incident-v3-end.json',
        'incident-v4.json',
        'incident-v5.json',
        'incident-v5-end.json',
      ]),
    );
    expect(CAMPAIGN_HISTORIES).toEqual(['campaign-v4.json']);
    for (const file of [...HISTORIES, ...CAMPAIGN_HISTORIES]) {
      const events = load(file).events ?? [];
      // A whole incident is long; a campaign to a list of four is a few batches and its letters.
      expect(events.length).toBeGreaterThan(file.startsWith('campaign-') ? 20 : 100);
      const last = events.at(-1);
      expect(
        last?.workflowExecutionCompletedEventAttributes ??
          last?.workflowExecutionContinuedAsNewEventAttributes,
      ).toBeTruthy();
    }
  });

  it('has a v3 whose first run handed over with its campaign in flight, and whose last run heard it end', () => {
    const first = load('incident-v3.json').events ?? [];
    const end = load('incident-v3-end.json').events ?? [];
    expect(first.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    const child = first.find((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);
    // ABANDON: the hand-over does not terminate the campaign.
    expect(child?.startChildWorkflowExecutionInitiatedEventAttributes?.parentClosePolicy).toBe(2);
    expect(first.some((e) => e.childWorkflowExecutionCompletedEventAttributes)).toBe(false);
    expect(end[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
    expect(end.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'campaignEnded')).toBe(
      true,
    );
    expect(end.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
  });

  it('has a v2 that went through Slack, a campaign, approvals and both archives at close', () => {
    const events = load('incident-v2.json').events ?? [];
    const activities = new Set(
      events.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean),
    );
    for (const name of [
      'openIncidentChannel',
      'publishSlackStatus',
      'postSlackNotice',
      'publishSlackApproval',
      'renderNoticeDraft',
      'prepareCampaign',
      'closeIncidentChannel',
      'archiveIncident',
    ])
      expect(activities).toContain(name);
    expect(
      events.filter((e) => e.childWorkflowExecutionCompletedEventAttributes?.workflowType?.name),
    ).toHaveLength(1);
    expect(patchesOf(events)).toEqual([
      'obligations-v1',
      'slack-incident-channel-v1',
      'notice-campaign-v1',
      'slack-archive-channel-v1',
      'archive-on-close',
    ]);
  });

  it('has a v4 with alerts attached, webhooks retried, parked and redelivered, letters and a regulator package', () => {
    const events = load('incident-v4.json').events ?? [];
    expect(patchesOf(events)).toEqual(
      expect.arrayContaining(['webhooks-v1', 'web-legal-clocks-v1', 'letters-notice-date-v1']),
    );
    const updates = updatesOf(events);
    expect(updates.filter((u) => u === 'attachAlert')).toHaveLength(2);
    expect(updates).toContain('redeliverWebhooks');
    expect(updates.filter((u) => u === 'recordNoticeSent')).toHaveLength(2);
    const activities = activitiesOf(events);
    for (const name of ['webhookRoutes', 'deliverWebhook', 'prepareCampaign', 'archiveIncident'])
      expect(activities).toContain(name);
    const scheduled = new Map(
      events
        .filter((e) => e.activityTaskScheduledEventAttributes)
        .map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes!.activityType?.name]),
    );
    const deliveryOf = (id: unknown) => scheduled.get(String(id)) === 'deliverWebhook';
    // The flaky subscriber's first try failed and the retry delivered it: a delivery started a second time.
    expect(
      events.some(
        (e) =>
          deliveryOf(e.activityTaskStartedEventAttributes?.scheduledEventId) &&
          (e.activityTaskStartedEventAttributes?.attempt ?? 0) > 1,
      ),
    ).toBe(true);
    // The parked subscriber's budget ran out (the lane parked) before the commander redelivered.
    expect(events.some((e) => deliveryOf(e.activityTaskFailedEventAttributes?.scheduledEventId))).toBe(true);
    expect(
      events.filter((e) => e.childWorkflowExecutionCompletedEventAttributes?.workflowType?.name),
    ).toHaveLength(1);
  });

  it('has a v5 whose first run handed over with a webhook delivery in flight, and whose last run delivered it', () => {
    const first = load('incident-v5.json').events ?? [];
    const end = load('incident-v5-end.json').events ?? [];
    expect(first.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    const closedIn = (events: Events) =>
      new Set(
        events.flatMap((e) =>
          [
            e.activityTaskCompletedEventAttributes,
            e.activityTaskFailedEventAttributes,
            e.activityTaskTimedOutEventAttributes,
            e.activityTaskCanceledEventAttributes,
          ].flatMap((a) => (a ? [String(a.scheduledEventId)] : [])),
        ),
      );
    const deliveries = (events: Events) =>
      events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverWebhook');
    const closed = closedIn(first);
    const inFlight = deliveries(first).filter((e) => !closed.has(String(e.eventId)));
    expect(inFlight).not.toHaveLength(0);
    // The hand-over asked for the patch (a marker) after that delivery was scheduled, and did not wait out its
    // minute for it (no timer fired in this run).
    const marker = first.find((e) => patchesOf([e]).includes('handover-webhooks-v1'));
    expect(Number(marker?.eventId)).toBeGreaterThan(Number(inFlight[0]!.eventId));
    expect(first.some((e) => e.timerFiredEventAttributes)).toBe(false);
    // The last run, restored from the carry, sent the event again and heard it delivered.
    expect(end[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
    const completed = new Set(
      end.flatMap((e) => {
        const id = e.activityTaskCompletedEventAttributes?.scheduledEventId;
        return id ? [String(id)] : [];
      }),
    );
    expect(deliveries(end).some((e) => completed.has(String(e.eventId)))).toBe(true);
    expect(deliveries(end).every((e) => closedIn(end).has(String(e.eventId)))).toBe(true);
    expect(end.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
  });

  it('has a v4 campaign that printed letters', () => {
    const events = load('campaign-v4.json').events ?? [];
    expect(patchesOf(events)).toContain('letters-v1');
    const printing = events.find(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'printCampaignLetters',
    );
    // The letters were printed (the activity completed; what it printed is in its encrypted result).
    expect(
      events.some(
        (e) => String(e.activityTaskCompletedEventAttributes?.scheduledEventId) === String(printing?.eventId),
      ),
    ).toBe(true);
  });

  it.each(CAMPAIGN_HISTORIES)('replays %s on the current workflow code', async (file) => {
    const started = load(file).events?.[0]?.workflowExecutionStartedEventAttributes;
    expect(started?.workflowType?.name).toBe('noticeCampaignWorkflow');
    await expect(replay(file, campaignWorkflowId(`${RECORDED_INCIDENT_ID}-C1`))).resolves.toBeUndefined();
  });

  it.each(HISTORIES)('replays %s on the current workflow code', async (file) => {
    await expect(replay(file, workflowId)).resolves.toBeUndefined();
  });

  let changed: ReturnType<typeof bundleWorkflowCode> | undefined;
  const changedBundle = () => {
    const silent = () => undefined;
    changed ??= bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/changed-incident-workflow'),
      failureConverterPath: require.resolve('../../src/temporal/failure-converter'),
      logger: { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent },
    });
    return changed;
  };

  it.each(HISTORIES)('fails to replay %s on a workflow changed without a patch', async (file) => {
    const outcome = Worker.runReplayHistory(
      { workflowBundle: await changedBundle(), dataConverter, replayName: `changed-${file}` },
      load(file),
      workflowId,
    );
    await expect(outcome).rejects.toBeInstanceOf(DeterminismViolationError);
    await expect(outcome).rejects.toThrow(/nondeterminism/i);
  });
});
