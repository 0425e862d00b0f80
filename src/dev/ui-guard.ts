// The embedded Temporal UI, when asked for (`npm start -- --ui`, BREACHPLAN_TEMPORAL_UI=on), is served on
// loopback only, behind this Host check: the UI itself answers any Host, so a web page could reach it by DNS
// rebinding (security review H2) and send signals with the browser. A request whose Host is not this
// loopback address and port is refused (421) before it reaches the UI.
//
// The guard also turns on the UI's cluster-level "include cross-origin credentials" for the codec endpoint:
// `temporal server start-dev` has a flag for the endpoint but none for credentials, and without them the browser
// sends the codec endpoint no session cookie, so nothing is decoded (web review B3). The endpoint still decodes
// only for a signed-in auditor or counsel, and answers CORS only for this UI's origins.
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

/** The UI's settings with the codec endpoint's credentials on (only when it has a codec endpoint). */
export function withCodecCredentials(json: string): string {
  try {
    const s = JSON.parse(json) as { Codec?: { Endpoint?: string; IncludeCredentials?: boolean } };
    if (!s.Codec?.Endpoint) return json;
    s.Codec.IncludeCredentials = true;
    return JSON.stringify(s);
  } catch {
    return json;
  }
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
    const settings = req.method === 'GET' && (req.url ?? '').split('?')[0] === '/api/v1/settings';
    const headers = { ...req.headers, host: `127.0.0.1:${o.upstreamPort}` };
    // The settings are rewritten below: ask for them uncompressed.
    if (settings) delete headers['accept-encoding'];
    const upstream = request(
      { host: '127.0.0.1', port: o.upstreamPort, method: req.method, path: req.url, headers },
      (up) => {
        if (!settings || up.statusCode !== 200) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = withCodecCredentials(Buffer.concat(chunks).toString('utf8'));
          const { 'content-length': _length, 'transfer-encoding': _te, ...rest } = up.headers;
          res.writeHead(200, { ...rest, 'content-length': Buffer.byteLength(body) });
          res.end(body);
        });
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
