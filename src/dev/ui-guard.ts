// The embedded Temporal UI, when asked for (`npm start -- --ui`, BREACHPLAN_TEMPORAL_UI=on), is served on
// loopback only, behind this Host check: the UI itself answers any Host, so a web page could reach it by DNS
// rebinding (security review H2) and send signals with the browser. A request whose Host is not this
// loopback address and port is refused (421) before it reaches the UI.
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';

export interface UiGuard {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Whether the embedded stack serves the Temporal UI: only when asked for (BREACHPLAN_TEMPORAL_UI=on or --ui). */
export function wantsTemporalUi(config: { temporalUi: boolean }, argv: readonly string[]): boolean {
  return config.temporalUi || argv.includes('--ui');
}

/** The Host values a browser sends for this loopback listener. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export async function startUiGuard(o: { port: number; upstreamPort: number }): Promise<UiGuard> {
  let allowed = allowedHosts(o.port);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowed.has(host)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('misdirected request: the Temporal UI answers only on its loopback address\n');
      return;
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: o.upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${o.upstreamPort}` },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('the Temporal UI is not answering\n');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port, '127.0.0.1', () => ok());
  });
  const port = (server.address() as { port: number }).port;
  allowed = allowedHosts(port);
  return {
    server,
    port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
