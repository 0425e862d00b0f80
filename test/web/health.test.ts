// /healthz while Temporal is up, silent (a black hole: the connection stays open, nothing answers) and gone;
// and an operator command while Temporal is gone: one line a responder understands, never a gRPC stack.
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer, connect } from 'node:net';
import pino from 'pino';
import { createApp } from '../../src/web/app';
import { runCliProcess, withoutTemporal } from '../support/cli';
import { serverAddress, testClient } from '../support/temporal';

/** A TCP relay to the test Temporal server that can stop relaying while keeping every connection open. */
async function relay(target: string): Promise<{ address: string; silence(): void; close(): Promise<void> }> {
  const [host, port] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.slice(target.lastIndexOf(':') + 1)),
  ];
  let silent = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((down) => {
    sockets.add(down);
    down.on('error', () => undefined);
    if (silent) return;
    const up = connect(port, host);
    sockets.add(up);
    up.on('error', () => undefined);
    down.on('data', (d) => !silent && up.write(d));
    up.on('data', (d) => !silent && down.write(d));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    silence: () => void (silent = true),
    close: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

describe('health and outages', () => {
  it('answers /healthz 503 when Temporal stops answering, bounded by its deadline', async () => {
    const r = await relay(serverAddress());
    const client = await testClient(undefined, r.address);
    const app = createApp({
      client,
      logger: pino({ level: 'silent' }),
      namespace: 'default',
      healthDeadlineMs: 500,
    });
    const http = await new Promise<Server>((ok) => {
      const s = app.listen(0, '127.0.0.1', () => ok(s));
    });
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/healthz`;
    try {
      const up = await fetch(url);
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ ok: true, temporal: 'reachable' });
      r.silence();
      // Without a deadline this call never returns while the connection stays open and silent.
      const down = await fetch(url, { signal: AbortSignal.timeout(20_000) });
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ ok: false, temporal: 'unreachable', deadlineMs: 500 });
    } finally {
      await new Promise((ok) => http.close(ok));
      await client.connection.close().catch(() => undefined);
      await r.close();
    }
  });

  it('says in one line that Temporal cannot be reached, for an operator command, and exits non-zero', async () => {
    const r = await relay(serverAddress());
    const gone = r.address;
    await r.close();
    const out = await runCliProcess(
      {
        ...withoutTemporal(),
        TEMPORAL_ADDRESS: gone,
        BREACHPLAN_MODE: 'embedded',
        BREACHPLAN_DATA_DIR: '/nonexistent-bp',
      },
      'operator',
      'replay',
      'INC-20261124-AAAA',
    );
    expect(out.code).toBe(75);
    expect(out.err).toBe(
      `error: cannot reach the Temporal server at ${gone} (Failed to connect before the deadline): is it running, and is TEMPORAL_ADDRESS right?\n`,
    );
  });
});
