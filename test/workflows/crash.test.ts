// A worker process killed with SIGKILL loses nothing: the incident's state lives in Temporal's history, so a
// new worker process replays it and carries on — even an approval request that was in flight when it died.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { WorkflowUpdateStage } from '@temporalio/client';
import * as msg from '../../workflows/messages';
import { firstBrokenEntry } from '../../src/domain/timeline';
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import { formatCodecKeys } from '../../src/temporal/codec';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { IncidentDriver, runbookSteps } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { serverAddress, TEST_KEYS, testClient, testEdgeKey } from '../support/temporal';
import { signAssertion } from '../../src/crypto/edge-keys';
import { authenticated, declareAs } from '../support/auth';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'test', 'support', 'worker-process.ts');

interface WorkerProcess {
  child: ChildProcess;
  killHard(): Promise<void>;
}

async function startWorkerProcess(
  taskQueue: string,
  smtpPort: number,
  workflowsOnly = false,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', SCRIPT], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BP_ADDRESS: serverAddress(),
      BP_TASK_QUEUE: taskQueue,
      BP_BUNDLE: process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE,
      BP_SMTP_PORT: String(smtpPort),
      BP_CODEC_KEYS: formatCodecKeys(TEST_KEYS),
      BP_WORKFLOWS_ONLY: workflowsOnly ? '1' : '0',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process not ready:\n${output}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('ready\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    child,
    async killHard() {
      child.kill('SIGKILL');
      await exited;
      expect(child.signalCode).toBe('SIGKILL');
    },
  };
}

describe('worker process crash', () => {
  let sink: MailSink;
  const children: WorkerProcess[] = [];
  beforeAll(async () => {
    sink = await startMailSink();
  });
  afterAll(async () => {
    for (const c of children)
      if (c.child.exitCode === null && c.child.signalCode === null) await c.killHard();
    await sink.close();
  });

  it('continues an incident after kill -9, including an update in flight', async () => {
    const taskQueue = `crash-${process.pid}-${Date.now()}`;
    const client = await testClient();
    const carol = as('carol');
    const start = async (workflowsOnly = false) => {
      const w = await startWorkerProcess(taskQueue, sink.port, workflowsOnly);
      children.push(w);
      return w;
    };

    // 1. A full worker runs the first steps, and dies right after the last one is answered.
    const first = await start();
    const { incidentId } = await declareAs(client, taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: carol,
    });
    const inc = new IncidentDriver(client, incidentId);
    await inc.send(msg.updateFacts, {
      actor: as('rick'),
      patch: { estimatedAffected: 1400 },
      reason: 'recount',
    });
    await inc.send(msg.completeTask, { actor: carol, taskId: 'confirm-incident', note: 'confirmed' });
    await inc.send(msg.addNote, { actor: as('rick'), text: 'before the first crash' });
    await inc.send(msg.advancePhase, {
      actor: carol,
      to: 'notify_customers',
      force: true,
      reason: 'crash test',
    });
    const beforeCrash = await inc.timeline();
    await first.killHard();

    // 2. A worker that runs workflow tasks only accepts an approval request, whose draft activity then waits
    //    in the queue; the worker dies while the update is in flight.
    const second = await start(true);
    // Started by hand (to come back for the result later), signed as an edge signs it.
    const command = { actor: carol, gateId: 'customer_notice' };
    const signed = signAssertion(
      testEdgeKey(),
      authenticated(carol),
      inc.handle.workflowId,
      'requestApproval',
      command,
    );
    const inFlight = await inc.handle.startUpdate(msg.requestApproval as never, {
      args: [command, signed] as never,
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await second.killHard();

    // 3. A new full worker replays the history, renders the draft and completes the update.
    await start();
    const request = (await inFlight.result()) as msg.ApprovalRequestResult;
    expect(request.draft.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(request.draft.factsVersion).toBe(2);

    const timeline = await inc.timeline();
    // Nothing lost, nothing rewritten: the entries from before the crashes are there, unchanged.
    expect(timeline.slice(0, beforeCrash.length)).toEqual(beforeCrash);
    expect(firstBrokenEntry(timeline)).toBeNull();
    const requested = timeline.filter((e) => e.type === 'approval.requested');
    expect(requested).toHaveLength(1);
    expect(requested[0]!.details).toMatchObject({
      requestId: request.requestId,
      contentHash: request.draft.contentHash,
    });

    // The approval proceeds on the new worker.
    const ask = {
      gateId: 'customer_notice',
      requestId: request.requestId,
      contentHash: request.draft.contentHash,
    };
    await inc.send(msg.approve, { actor: as('lena'), ...ask });
    const approved = await inc.send(msg.approve, { actor: as('cami'), ...ask });
    expect(approved.status).toBe('approved');
    await inc.send(msg.recordNoticeSent, { actor: as('cami'), gateId: 'customer_notice', channel: 'email' });
    await inc.send(msg.addNote, { actor: as('rick'), text: 'after the crashes' });

    const after = await inc.timeline();
    expect(firstBrokenEntry(after)).toBeNull();
    expect(runbookSteps(after).map((e) => e.type)).toEqual([
      'incident.declared',
      'phase.started',
      'facts.changed',
      'task.completed',
      'note.added',
      'phase.completed',
      'phase.completed',
      'phase.completed',
      'phase.started',
      'phase.started',
      'approval.requested',
      'approval.granted',
      'approval.granted',
      'approval.completed',
      'notice.sent',
      'deadline.met',
      'note.added',
    ]);
    expect(after.filter((e) => e.type === 'note.added').map((e) => e.details.text)).toEqual([
      'before the first crash',
      'after the crashes',
    ]);
    const view = await inc.view();
    expect(view.factsVersion).toBe(2);
    expect(view.tasks.find((t) => t.id === 'confirm-incident')!.status).toBe('done');

    await inc.handle.terminate('crash test done');
    await client.connection.close();
  });
});
