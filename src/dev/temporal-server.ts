// Starts the Temporal CLI dev server (SQLite persistence, UI, our search attributes) as a child process and
// waits until it answers. Used by the embedded stack and by the test suites.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { requireBinary, temporalCliPath } from '../temporal/binaries';
import { SEARCH_ATTRIBUTE_TYPES } from '../../workflows/search-attributes';

export interface DevServerOptions {
  ip?: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  /** The codec endpoint the UI sends payloads to (ours: …/codec on the HTTP app). */
  uiCodecEndpoint?: string;
  dbFilename?: string;
  namespace?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'never';
  onOutput?: (line: string) => void;
}

export interface DevServer {
  address: string;
  port: number;
  uiPort?: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startDevServer(o: DevServerOptions = {}): Promise<DevServer> {
  const ip = o.ip ?? '127.0.0.1';
  const port = o.port ?? (await freePort(ip));
  const uiPort = o.headless ? undefined : (o.uiPort ?? (await freePort(ip)));
  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(port),
    '--log-level',
    o.logLevel ?? 'error',
    '--disable-config-file',
    '--disable-config-env',
  ];
  // The UI only ever listens on loopback (the embedded stack puts a Host check in front of it: ui-guard.ts).
  if (uiPort) args.push('--ui-port', String(uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');
  if (uiPort && o.uiCodecEndpoint) args.push('--ui-codec-endpoint', o.uiCodecEndpoint);
  if (o.dbFilename) args.push('--db-filename', o.dbFilename);
  if (o.namespace && o.namespace !== 'default') args.push('--namespace', o.namespace);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES))
    args.push('--search-attribute', `${name}=${type}`);

  const child = spawn(requireBinary(temporalCliPath(), 'Temporal CLI'), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
    if (o.onOutput) for (const line of chunk.toString().split('\n')) if (line.trim()) o.onOutput(line);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const address = `${ip}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const done = await Promise.race([
      exited.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 250)),
    ]);
    if (done) throw new Error(`Temporal dev server exited during start (exit ${child.exitCode}):\n${output}`);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.describeNamespace({ namespace: o.namespace ?? 'default' });
        break;
      } finally {
        await conn.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(
          `Temporal dev server did not become ready on ${address}: ${(err as Error).message}\n${output}`,
        );
      }
    }
  }

  return {
    address,
    port,
    uiPort,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
