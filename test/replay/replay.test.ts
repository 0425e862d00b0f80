// Every saved incident history (test/replay/*.json, recorded by record.ts) must replay on the current
// workflow code without a determinism error: that is what keeps a deploy safe for incidents already running.
// The second test shows the check has teeth: a workflow changed without a patch fails to replay.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { createDataConverter } from '../../src/temporal/data-converter';
import { quietRuntime } from '../support/temporal';
import { historyFromJson } from './history-json';
import { RECORDED_INCIDENT_ID } from './record';
import { loadReplayKeys } from './replay-key';

const HISTORIES = readdirSync(__dirname)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => historyFromJson(JSON.parse(readFileSync(join(__dirname, file), 'utf8')));
const workflowId = `incident-${RECORDED_INCIDENT_ID}`;

describe('replay of saved incident histories', () => {
  beforeAll(() => quietRuntime());
  const dataConverter = createDataConverter(loadReplayKeys());

  it('has saved histories of finished incidents', () => {
    expect(HISTORIES).toContain('incident-v1.json');
    for (const file of HISTORIES) {
      const events = load(file).events ?? [];
      expect(events.length).toBeGreaterThan(100);
      expect(events.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
    }
  });

  it.each(HISTORIES)('replays %s on the current workflow code', async (file) => {
    await expect(
      Worker.runReplayHistory(
        {
          workflowBundle: { codePath: process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE! },
          dataConverter,
          replayName: file,
        },
        load(file),
        workflowId,
      ),
    ).resolves.toBeUndefined();
  });

  it('fails with a determinism violation on a workflow changed without a patch', async () => {
    const silent = () => undefined;
    const changed = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/changed-incident-workflow'),
      failureConverterPath: require.resolve('../../src/temporal/failure-converter'),
      logger: { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent },
    });
    const outcome = Worker.runReplayHistory(
      { workflowBundle: changed, dataConverter, replayName: 'changed' },
      load('incident-v1.json'),
      workflowId,
    );
    await expect(outcome).rejects.toBeInstanceOf(DeterminismViolationError);
    await expect(outcome).rejects.toThrow(/nondeterminism/i);
  });
});
