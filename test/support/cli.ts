// Runs the `breachplan` CLI as people do: a child process configured by environment for a test stack.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { RoleDirectory } from '../../src/domain/roles';
import { formatCodecKeys } from '../../src/temporal/codec';
import { TEST_KEYS, type TestStack } from './temporal';

const BIN = join(__dirname, '..', '..', 'bin', 'breachplan.js');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** The environment a CLI process needs to reach the stack; the role directory is written into `dir`. */
export function cliEnv(stack: TestStack, directory: RoleDirectory, dir: string): NodeJS.ProcessEnv {
  writeFileSync(join(dir, 'roles.yaml'), stringify(directory));
  return {
    ...process.env,
    TEMPORAL_ADDRESS: stack.temporal.address,
    TEMPORAL_TASK_QUEUE: stack.temporal.taskQueue,
    BREACHPLAN_CODEC_KEYS: formatCodecKeys(TEST_KEYS),
    BREACHPLAN_ROLES_FILE: join(dir, 'roles.yaml'),
    BREACHPLAN_DATA_DIR: dir,
    // The test deployment's edge key (its public half is in the workflow bundle the test workers run).
    BREACHPLAN_EDGE_SIGNING_KEY: process.env.BREACHPLAN_TEST_EDGE_KEY,
  };
}

export function runCliProcess(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
