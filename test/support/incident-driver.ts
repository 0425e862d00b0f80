// Small helpers the workflow suites share: send a command as a person, expect a refusal by its code, wait for
// an asynchronous outcome, read the timeline and the raw subjects of the mail the worker sent.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { SinkMessage } from '../../src/dev/mail-sink';
import { type RefusedError, incidentHandle } from '../../src/temporal/incidents';
import type { TimelineEntry } from '../../src/domain/timeline';
import type { Actor } from '../../src/domain/roles';
import { getIncident, getTimeline } from '../../workflows/messages';
import { sendAs } from './auth';

export class IncidentDriver {
  readonly handle: WorkflowHandle;
  constructor(
    client: Client,
    readonly incidentId: string,
  ) {
    this.handle = incidentHandle(client, incidentId);
  }

  send<R, C extends { actor: Actor }>(def: UpdateDefinition<R, [C]>, command: C): Promise<R> {
    return sendAs(this.handle, def, command);
  }

  /** Expects the command to be refused by a validator with this code (RefusedError.code). */
  async refused<R, C extends { actor: Actor }>(
    def: UpdateDefinition<R, [C]>,
    command: C,
    code: string,
  ): Promise<RefusedError> {
    let outcome: unknown;
    try {
      outcome = await this.send(def, command);
    } catch (err) {
      expect(err).toMatchObject({ name: 'RefusedError', code });
      return err as RefusedError;
    }
    throw new Error(
      `expected ${def.name} to be refused with ${code}, it succeeded: ${JSON.stringify(outcome)}`,
    );
  }

  view() {
    return this.handle.query(getIncident);
  }

  timeline(): Promise<TimelineEntry[]> {
    return this.handle.query(getTimeline);
  }

  async types(): Promise<string[]> {
    return (await this.timeline()).map((e) => e.type);
  }

  async historyLength(): Promise<number> {
    return (await this.handle.fetchHistory()).events?.length ?? 0;
  }
}

/**
 * The entries the runbook's own steps produce: without the regulations engine's obligation entries and the
 * deadline events of obligation clocks (ids `obl-…`), which depend on the rule tables, not on the steps.
 */
export function runbookSteps(timeline: TimelineEntry[]): TimelineEntry[] {
  return timeline.filter(
    (e) => !e.type.startsWith('obligation.') && !String(e.details.deadline ?? '').startsWith('obl-'),
  );
}

/** Polls `probe` until it returns a value that `done` accepts, or fails with the last value seen. */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The Subject header of a raw message, unfolded. */
export function subjectOf(message: SinkMessage): string {
  const head = message.raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return /^subject:\s*(.*)$/im.exec(unfolded)?.[1]?.trim() ?? '';
}
