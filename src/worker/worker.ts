// Builds the Breachplan worker: workflows from workflows/ (or a prebuilt bundle), activities with their
// dependencies, the encrypting data converter, and a connection from config.
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { DefinePlugin } from 'webpack';
import { type ActivityDeps, createActivities } from '../../activities';
import type { Config, TemporalConnectionConfig } from '../config';
import type { RoleDirectory } from '../domain/roles';
import { loadCodecKeys } from '../temporal/keys';
import { activityDepsFromConfig } from './activity-deps';
import type { TrustedEdgeKeys } from '../domain/actor-assertion';
import { loadTrustedEdgeKeys } from '../crypto/edge-keys';
import type { CodecKey } from '../crypto/keyring';
import { connectionOptions } from '../temporal/client';
import { createDataConverter } from '../temporal/data-converter';
import { FAILURE_CONVERTER_PATH, WORKFLOWS_PATH } from '../paths';

/** The workflow interceptor that refuses unsigned and unencrypted commands (workflows/command-auth.ts). */
export const COMMAND_AUTH_MODULE = require.resolve('../../workflows/command-auth');

/**
 * Modules evaluated once for all the workflows of a worker, not once per workflow (Temporal's reusable context
 * gives each workflow its own module cache otherwise). Pure code only: nothing in them may hold state one
 * workflow could change for another.
 */
export const SHARED_WORKFLOW_MODULES = [require.resolve('../../workflows/shared/ed25519')];

/**
 * The trusted edge public keys go into the workflow bundle as code (a webpack constant), from the worker's
 * own configuration: no Temporal client can add one (see workflows/command-auth.ts).
 */
export function edgeKeysBundlerOptions(edgeKeys: TrustedEdgeKeys) {
  return {
    preloadModules: SHARED_WORKFLOW_MODULES,
    webpackConfigHook: (config: import('webpack').Configuration) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        new DefinePlugin({ __BREACHPLAN_EDGE_KEYS__: JSON.stringify(JSON.stringify(edgeKeys)) }),
      ],
    }),
  };
}

/** Bundles workflows/ once (with the failure converter the sandbox needs), quietly: for test and bench workers. */
export async function bundleBreachplanWorkflows(edgeKeys: TrustedEdgeKeys): Promise<{ code: string }> {
  const quiet = () => undefined;
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: [COMMAND_AUTH_MODULE],
    ...edgeKeysBundlerOptions(edgeKeys),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: {
      log: quiet,
      trace: quiet,
      debug: quiet,
      info: quiet,
      warn: quiet,
      error: (m: string) => console.error(m),
    },
  });
}

export async function connectWorker(t: TemporalConnectionConfig): Promise<NativeConnection> {
  const o = connectionOptions(t);
  return NativeConnection.connect({
    address: o.address,
    tls: o.tls,
    apiKey: o.apiKey as string | undefined,
    metadata: o.metadata as Record<string, string> | undefined,
  });
}

export interface BreachplanWorkerOptions {
  connection: NativeConnection;
  temporal: TemporalConnectionConfig;
  keys: CodecKey[];
  /** The edge public keys commands must be signed with (compiled into the bundle; ignored with a prebuilt one). */
  edgeKeys?: TrustedEdgeKeys;
  activityDeps: ActivityDeps;
  /** A prebuilt workflow bundle (tests build one once); otherwise workflows/ is bundled at start. */
  workflowBundle?: { codePath: string };
  overrides?: Partial<WorkerOptions>;
}

export async function createBreachplanWorker(o: BreachplanWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.temporal.namespace,
    taskQueue: o.temporal.taskQueue,
    ...(o.workflowBundle
      ? { workflowBundle: o.workflowBundle }
      : {
          workflowsPath: WORKFLOWS_PATH,
          interceptors: { workflowModules: [COMMAND_AUTH_MODULE] },
          bundlerOptions: edgeKeysBundlerOptions(o.edgeKeys ?? {}),
        }),
    activities: createActivities({
      campaignControl: {
        namespace: o.temporal.namespace,
        dataConverter: createDataConverter(o.keys),
        workflowService: () => o.connection.workflowService as never,
      },
      ...o.activityDeps,
      campaign: { ...o.activityDeps.campaign, keys: o.activityDeps.campaign.keys ?? o.keys },
    }),
    dataConverter: createDataConverter(o.keys, { refusePlaintext: true }),
    // The audit sink only matters to `breachplan replay`; a live worker drops it.
    sinks: { audit: { timelineEntry: { fn: () => undefined, callDuringReplay: false } } },
    ...o.overrides,
  });
}

export interface RunningWorker {
  worker: Worker;
  connection: NativeConnection;
  /** Settles when the worker has stopped (a shutdown signal, or `stop()`). */
  done: Promise<void>;
  /** Shuts the worker down, waits for it, then closes its connection. */
  stop(): Promise<void>;
}

/** The worker started from config, as the production main (worker-main.ts) and the embedded stack start it. */
export async function startWorker(
  config: Config,
  o: { keys?: CodecKey[]; directory?: RoleDirectory; edgeKeys?: TrustedEdgeKeys } = {},
): Promise<RunningWorker> {
  const keys = o.keys ?? loadCodecKeys(config);
  const connection = await connectWorker(config.temporal);
  let worker: Worker;
  try {
    worker = await createBreachplanWorker({
      connection,
      temporal: config.temporal,
      keys,
      edgeKeys: o.edgeKeys ?? loadTrustedEdgeKeys(config),
      activityDeps: activityDepsFromConfig(config, connection, o.directory),
    });
  } catch (err) {
    await connection.close();
    throw err;
  }
  const done = worker.run();
  return {
    worker,
    connection,
    done,
    stop: async () => {
      worker.shutdown();
      await done.catch(() => undefined);
      await connection.close();
    },
  };
}
