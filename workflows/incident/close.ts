// The close sequence, once the incident is closed and every handler has finished: background work settles,
// the Slack channel gets its summary and is archived, then the audit archive is written (so the archived
// timeline says what became of the channel).
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { SYSTEM_ACTOR } from '../../src/domain/roles';
import { ARCHIVE_ON_CLOSE_PATCH } from '../audit-sink';
import { failureKind } from '../clock';
import { SLACK_ARCHIVE_PATCH, type SlackSync } from '../slack-sync';
import { closingSummaryOf } from '../../src/domain/slack-status';
import type { Incident } from './state';

type Activities = ReturnType<typeof createActivities>;

// Archiving at close retries for days: the closed history is deleted after retention, the archive is not.
const archiving = wf.proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  scheduleToCloseTimeout: '7 days',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function closeSequence(
  incident: Incident,
  slack: SlackSync | undefined,
  background: Promise<unknown>[],
  outbound?: { readonly settled: boolean },
): Promise<void> {
  await wf.condition(wf.allHandlersFinished);
  await Promise.allSettled(background);
  // The closing event reaches the subscribers (or parks) before the archive; the retry budget bounds the wait.
  if (outbound && !outbound.settled) await wf.condition(() => outbound.settled, '1 day');
  if (slack?.channelId && wf.patched(SLACK_ARCHIVE_PATCH)) {
    await slack.archive(
      closingSummaryOf(incident.view(), incident.data.closing ?? { actor: SYSTEM_ACTOR, reason: '' }),
    );
  }
  if (wf.patched(ARCHIVE_ON_CLOSE_PATCH)) {
    // Sealed segments are the archive's too: it reads them back with the live tail into one export.
    const { timeline, segments } = incident.data;
    await archiving
      .archiveIncident({
        incidentId: incident.id,
        view: incident.view(),
        timeline,
        ...(segments.length ? { segments } : {}),
      })
      .catch((err: unknown) => wf.log.error('archive gave up', { error: failureKind(err) }));
  }
}
