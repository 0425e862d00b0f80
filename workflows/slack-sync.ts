// The incident's Slack presence, driven from the workflow: its channel, the pinned status message kept current
// (debounced: one publish per burst of changes), notices, approval requests in the legal channel, and at close
// a summary and the channel archived. It runs beside the main loop, so a Slack outage delays messages but never
// blocks or fails the incident.
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { GateState } from '../src/domain/approval';
import { type Actor, SYSTEM_ACTOR } from '../src/domain/roles';
import type { TimelineType } from '../src/domain/timeline';
import { failureKind } from './clock';
import type { IncidentView } from './messages';
import { SLACK_CHANNEL } from './search-attributes';
import { type ClosingSummary, slackStatusOf } from '../src/domain/slack-status';
import { nonRetryableTypes } from '../src/domain/failures';

type Activities = ReturnType<typeof createActivities>;

/** Replay guard: incidents started before Slack existed never schedule these activities. */
export const SLACK_PATCH = 'slack-incident-channel-v1';
/** Replay guard: incidents closed before channels were archived at close never schedule it. */
export const SLACK_ARCHIVE_PATCH = 'slack-archive-channel-v1';

const slack = wf.proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '24 hours',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: nonRetryableTypes('slack'),
  },
});

/**
 * Closing the channel waits at most 15 minutes: the audit archive runs after it, and a Slack outage must not hold
 * the compliance record back (a failure is recorded on the timeline and the channel stays open).
 */
const slackAtClose = wf.proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '15 minutes',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: nonRetryableTypes('slack'),
  },
});

export interface SlackSyncOptions {
  incidentId: string;
  declaredBy: Actor;
  /** Changes whenever anything shown changes (the timeline length). */
  version: () => number;
  isOpen: () => boolean;
  view: () => IncidentView;
  /** Puts an entry on the incident timeline (the archive's outcome). */
  record: (type: TimelineType, actor: Actor, summary: string, details?: Record<string, unknown>) => unknown;
}

export type SlackSync = ReturnType<typeof createSlackSync>;

export function createSlackSync(o: SlackSyncOptions) {
  const notices: { kind: string; text: string; key: string }[] = [];
  let noticeSeq = 0;
  let off = false;
  let channelId: string | undefined;
  let statusTs: string | undefined;
  let published = -1;
  const approvals = new Map<
    string,
    { requestId: string; sig: string; message?: { channel: string; ts: string } }
  >();

  const warn = (what: string) => (err: unknown) => {
    wf.log.warn(`slack: ${what} gave up`, { error: failureKind(err) });
    return undefined;
  };
  const gateSig = (g: GateState) =>
    `${g.requestId}|${g.status}|${g.votes.length}|${g.noticeSent ? 'sent' : ''}|${g.draft?.contentHash}`;

  async function publishApprovals(view: IncidentView): Promise<void> {
    for (const g of view.gates) {
      if (!g.requestId || g.status === 'drafting') continue;
      const seen = approvals.get(g.id);
      const sig = gateSig(g);
      if (seen?.sig === sig) continue;
      const message = seen?.requestId === g.requestId ? seen.message : undefined;
      approvals.set(g.id, { requestId: g.requestId, sig, message });
      const ref = await slack
        .publishSlackApproval({
          incidentId: o.incidentId,
          incidentTitle: view.facts.title,
          channelId,
          gate: g,
          message,
        })
        .catch(warn('approval request'));
      if (ref && !('skipped' in ref)) approvals.set(g.id, { requestId: g.requestId, sig, message: ref });
    }
  }

  return {
    get channelId() {
      return channelId;
    },
    /** A reminder, escalation or approval notice for the incident channel. */
    notice(kind: string, text: string): void {
      if (!off) notices.push({ kind, text, key: `notice-${++noticeSeq}` });
    },
    /**
     * After the incident closed and the last status went out: the closing summary, then the channel archived.
     * Either outcome goes on the timeline; a refusal (bot removed, scope missing) never fails the incident.
     */
    async archive(summary: ClosingSummary): Promise<void> {
      if (!channelId) return;
      try {
        const r = await slackAtClose.closeIncidentChannel({ channelId, incidentId: o.incidentId, summary });
        if ('skipped' in r) return;
        o.record(
          'slack.channel_archived',
          SYSTEM_ACTOR,
          r.alreadyArchived ? 'Slack channel already archived' : 'Slack channel archived',
          { channelId, alreadyArchived: r.alreadyArchived, summaryPosted: r.summaryTs !== undefined },
        );
      } catch (err) {
        const cause = err instanceof wf.ActivityFailure ? err.cause : err;
        const reason = cause instanceof Error ? cause.message : String(cause);
        wf.log.warn('slack: archiving the channel gave up', { error: failureKind(err) });
        o.record('slack.channel_archive_failed', SYSTEM_ACTOR, 'Slack channel not archived', {
          channelId,
          error: failureKind(cause),
          reason,
        });
      }
    },
    async run(): Promise<void> {
      const opened = await slack
        .openIncidentChannel({
          incidentId: o.incidentId,
          title: o.view().facts.title,
          declaredBy: o.declaredBy,
        })
        .catch(warn('incident channel'));
      if (!opened || 'skipped' in opened) {
        off = true;
        notices.length = 0;
        if (opened) wf.log.info('slack: off for this incident', { reason: opened.skipped });
        return;
      }
      channelId = opened.channelId;
      wf.upsertSearchAttributes([{ key: SLACK_CHANNEL, value: channelId }]);
      for (;;) {
        const version = o.version();
        if (version !== published) {
          published = version;
          const view = o.view();
          const r = await slack
            .publishSlackStatus({ channelId, messageTs: statusTs, status: slackStatusOf(view) })
            .catch(warn('status'));
          if (r && !('skipped' in r)) statusTs = r.ts;
          await publishApprovals(view);
        }
        for (let n = notices.shift(); n; n = notices.shift()) {
          await slack
            .postSlackNotice({ channelId, incidentId: o.incidentId, ...n })
            .catch(warn(`notice ${n.kind}`));
        }
        if (!o.isOpen() && o.version() === published && notices.length === 0) return;
        await wf.condition(() => notices.length > 0 || o.version() !== published || !o.isOpen());
      }
    },
  };
}
