// Replays an incident's history on the current workflow code: a DeterminismViolationError means the code
// would have decided differently (we name the event), and the timeline the code rebuilds on the way — caught
// through the audit sink — must equal the one that was recorded (in the history, the archive or an export).
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { type ReplayWorkerOptions, Worker } from '@temporalio/worker';
import type { TimelineEntry } from '../domain/timeline';
import { EncryptionCodec } from './codec';
import { type CodecKey } from '../crypto/keyring';
import { createDataConverter } from './data-converter';
import { WORKFLOWS_PATH } from '../paths';
import type { IncidentView } from '../domain/incident-view';
import type { History } from '../audit/archive';

type Event = temporal.api.history.v1.IHistoryEvent;
const EventType = temporal.api.enums.v1.EventType;

export interface ReplayFailure {
  kind: 'nondeterminism' | 'replay_error' | 'timeline_mismatch';
  message: string;
  event?: { id: number; type: string; time?: string };
  seq?: number;
}

export interface ReplayOutcome {
  ok: boolean;
  events: number;
  /** The timeline as the current code rebuilds it from the history. */
  rebuilt: TimelineEntry[];
  failure?: ReplayFailure;
}

export type WorkflowCode = { workflowBundle: { codePath: string } } | { workflowsPath: string };

export function eventTypeName(e: Event | undefined): string {
  const name = e?.eventType != null ? EventType[e.eventType] : undefined;
  return (name ?? 'UNKNOWN').replace(/^EVENT_TYPE_/, '');
}

function eventTime(e: Event | undefined): string | undefined {
  const t = e?.eventTime;
  if (!t?.seconds) return undefined;
  return new Date(Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString();
}

/** Core names the event a nondeterminism was found at (e.g. "event 7" or "HistoryEvent(id: 7"). */
export function eventIdFromMessage(message: string): number | undefined {
  const m = /HistoryEvent\(id: (\d+)|event(?: id)?[ :#]+(\d+)/i.exec(message);
  const id = m && (m[1] ?? m[2]);
  return id ? Number(id) : undefined;
}

/**
 * The event a nondeterminism message is about: by id when Core gives one, else by what it names (a patch
 * marker's change id, an activity or timer id of a scheduled event).
 */
export function locateEvent(message: string, events: Event[]): Event | undefined {
  const id = eventIdFromMessage(message);
  if (id !== undefined) return events.find((e) => Number(e.eventId) === id);
  const patch = /patch marker encountered for change ([^\s,]+)/i.exec(message)?.[1];
  if (patch) {
    return events.find((e) =>
      Object.values(e.markerRecordedEventAttributes?.details ?? {}).some((p) =>
        p.payloads?.some((x) =>
          Buffer.from(x.data ?? [])
            .toString('utf8')
            .includes(`"${patch}"`),
        ),
      ),
    );
  }
  const named = /(activity|timer) (?:id|type) of scheduled event '([^']+)'/i.exec(message);
  if (named) {
    const [, kind, value] = named;
    return events.find((e) =>
      kind!.toLowerCase() === 'timer'
        ? e.timerStartedEventAttributes?.timerId === value
        : e.activityTaskScheduledEventAttributes?.activityId === value ||
          e.activityTaskScheduledEventAttributes?.activityType?.name === value,
    );
  }
  return undefined;
}

export async function replayHistory(o: {
  history: History;
  keys: CodecKey[];
  code?: WorkflowCode;
  workflowId?: string;
}): Promise<ReplayOutcome> {
  const rebuilt: TimelineEntry[] = [];
  const events = o.history.events ?? [];
  const options: ReplayWorkerOptions = {
    ...(o.code ?? { workflowsPath: WORKFLOWS_PATH }),
    dataConverter: createDataConverter(o.keys),
    replayName: 'breachplan-audit-replay',
    sinks: {
      audit: {
        timelineEntry: {
          fn: (_info, entry: TimelineEntry) => void rebuilt.push(entry),
          callDuringReplay: true,
        },
      },
    },
  };
  try {
    await Worker.runReplayHistory(options, o.history, o.workflowId);
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof DeterminismViolationError) {
      const ev = locateEvent(message.replace(/^.*?Details:/s, ''), events);
      const id = ev ? Number(ev.eventId) : undefined;
      return {
        ok: false,
        events: events.length,
        rebuilt,
        failure: {
          kind: 'nondeterminism',
          message: `the current code would have decided differently${id === undefined ? '' : ` at event ${id} (${eventTypeName(ev)}${eventTime(ev) ? ` at ${eventTime(ev)}` : ''})`}: ${message}`,
          event: id === undefined ? undefined : { id, type: eventTypeName(ev), time: eventTime(ev) },
        },
      };
    }
    return {
      ok: false,
      events: events.length,
      rebuilt,
      failure: { kind: 'replay_error', message: `replay failed: ${message}` },
    };
  }
  return { ok: true, events: events.length, rebuilt };
}

async function decodeFirst<T>(
  keys: CodecKey[],
  payloads: temporal.api.common.v1.IPayload[] | null | undefined,
) {
  if (!payloads?.length) return undefined;
  const [decoded] = await new EncryptionCodec(keys).decode([payloads[0]!]);
  return defaultPayloadConverter.fromPayload<T>(decoded!);
}

export interface RecordedInHistory {
  /** The timeline the workflow handed to archiveIncident at close, when it got that far. */
  archivedTimeline?: TimelineEntry[];
  /** The workflow's result, when it completed. */
  result?: IncidentView;
}

/** What the history itself recorded about the timeline (decoded with the keyring). */
export async function recordedInHistory(history: History, keys: CodecKey[]): Promise<RecordedInHistory> {
  const out: RecordedInHistory = {};
  for (const e of history.events ?? []) {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === 'archiveIncident') {
      const req = await decodeFirst<{ timeline: TimelineEntry[] }>(keys, scheduled.input?.payloads);
      out.archivedTimeline = req?.timeline;
    }
    const completed = e.workflowExecutionCompletedEventAttributes;
    if (completed) out.result = await decodeFirst<IncidentView>(keys, completed.result?.payloads);
  }
  return out;
}

/**
 * The first entry where `rebuilt` and `recorded` differ, or null. With `prefix`, `recorded` may stop early
 * (a live query or an as-of export); otherwise both must have the same length.
 */
export function firstDifference(
  rebuilt: TimelineEntry[],
  recorded: TimelineEntry[],
  prefix = false,
): { seq: number; reason: string } | null {
  const n = Math.min(rebuilt.length, recorded.length);
  for (let i = 0; i < n; i++) {
    if (rebuilt[i]!.hash !== recorded[i]!.hash) {
      const r = rebuilt[i]!;
      const rec = recorded[i]!;
      const what =
        r.type !== rec.type
          ? `type ${rec.type} was recorded, the code rebuilds ${r.type}`
          : r.summary !== rec.summary
            ? `summary "${rec.summary}" was recorded, the code rebuilds "${r.summary}"`
            : `${rec.type} differs (hash ${rec.hash.slice(0, 12)} recorded, ${r.hash.slice(0, 12)} rebuilt)`;
      return { seq: i + 1, reason: `entry ${i + 1}: ${what}` };
    }
  }
  if (recorded.length > rebuilt.length)
    return {
      seq: n + 1,
      reason: `entry ${n + 1}: recorded, but the code does not rebuild it (only ${n} entries)`,
    };
  if (!prefix && rebuilt.length > recorded.length)
    return {
      seq: n + 1,
      reason: `entry ${n + 1}: rebuilt by the code, but not recorded (${n} entries recorded)`,
    };
  return null;
}
