// Starts test/support/worker-process.ts as a child process and waits for "ready"; the handle can kill it.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface WorkerChild {
  process: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startWorkerChild(env: Record<string, string>): Promise<WorkerChild> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'worker-process.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready:\n${err}`)));
  });
  return {
    process: child,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
