// When Temporal itself does not take a command, the edges say so in words and exit non-zero: through the
// real CLI against a port where no server listens, and the wording of each kind of failure the SDK reports.
import {
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { freePort } from '../../src/dev/temporal-server';
import { isRunSwitch, isTaskRace, temporalRefusal } from '../../src/temporal/errors';
import { runCliProcess, withoutTemporal } from '../support/cli';

describe("Temporal's refusals in responder words", () => {
  it('the CLI with the server down: exits 1, says it cannot reach the server, no stack, no bare failure', async () => {
    const port = await freePort();
    const r = await runCliProcess(
      { ...withoutTemporal(), BREACHPLAN_SERVER: `http://127.0.0.1:${port}`, BREACHPLAN_TOKEN: 'bp_x' },
      'note',
      'INC-20261201-ABCDEF',
      'still here',
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^error: cannot reach http://127\\.0\\.0\\.1:${port}`, 'm'));
    expect(r.err).not.toMatch(/Workflow Update failed|\n\s+at /);
  });

  it('words each kind: limit, timeout, gone, and a failed update that is not a refusal', () => {
    // What the server answers the 2,001st update of one run (seen on the dev server, Temporal CLI 1.5.1).
    const grpc = Object.assign(
      new Error(
        '9 FAILED_PRECONDITION: The limit on the total number of distinct updates in this workflow has been reached (2000). Make sure any duplicate updates share an Update ID so the server can deduplicate them.',
      ),
      { code: 9 },
    );
    const limit = temporalRefusal(new ServiceError('Workflow Update failed', { cause: grpc }), 'addNote');
    expect(limit).toMatchObject({ problem: 'limit', exitCode: 1, httpStatus: 503 });
    expect(limit!.message).toBe(
      'Temporal refused addNote: The limit on the total number of distinct updates in this workflow has been reached (2000). Nothing was recorded; the incident moves to a new run on its own, send it again in a minute',
    );
    const timeout = temporalRefusal(new WorkflowUpdateRPCTimeoutOrCancelledError('Timeout'), 'approve');
    expect(timeout).toMatchObject({ problem: 'timeout', exitCode: 75, httpStatus: 504 });
    expect(timeout!.message).toMatch(/did not answer in time: approve may not have been recorded/);
    expect(temporalRefusal(new WorkflowNotFoundError('not found', 'incident-x', undefined))).toMatchObject({
      problem: 'gone',
    });
    expect(
      temporalRefusal(new WorkflowUpdateFailedError('Workflow Update failed', new Error('boom'))),
    ).toMatchObject({
      problem: 'failed',
    });
    // A validator's refusal is not Temporal's: the edges show it as a refusal (exit 2), not as this.
    const refused = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: 'not_authorized', message: 'no', nonRetryable: true }),
    );
    expect(temporalRefusal(refused)).toBeUndefined();
    expect(temporalRefusal(new Error('a bug'))).toBeUndefined();
  });

  it('knows the answers that mean "the run is switching: send it again"', () => {
    const continuing = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: 'continuing', message: 'moving', nonRetryable: true }),
    );
    expect(isRunSwitch(continuing)).toBe(true);
    expect(isRunSwitch(new Error('workflow execution already completed'))).toBe(true);
    expect(isRunSwitch(new Error('boom'))).toBe(false);
  });

  it('knows a command whose workflow task failed under it (a hand-over raced an activity result)', () => {
    const raced = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      new Error(
        '9 FAILED_PRECONDITION: Unable to perform workflow execution update due to unexpected workflow task failure.',
      ),
    );
    expect(isTaskRace(raced)).toBe(true);
    expect(isRunSwitch(raced)).toBe(false);
    expect(isTaskRace(new Error('boom'))).toBe(false);
  });
});
