// Alerts in and events out under test: the real HTTP app (alert sources configured, one token per person),
// a real worker whose webhook subscribers are local HTTP receivers on free ports, and the Temporal dev server.
// A receiver verifies each delivery's Standard Webhooks signature and answers as the test tells it to.
import { TEST_SESSION_SECRET } from './web-stack';
import { mkdtempSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../../src/web/app';
import { createWebEdge } from '../../src/web/edge';
import { addToken } from '../../src/web/tokens';
import { newWebhookSecret, verifyStandardWebhook } from '../../src/crypto/webhook-signatures';
import { parseAlertSources, parseWebhooks } from '../../src/integrations';
import type { RoleDirectory } from '../../src/domain/roles';
import { DIRECTORY } from './people';
import { TEST_KEYS, TEST_SIGNER, type TestStack, startTestStack } from './temporal';

export const ALERT_SECRETS = {
  prometheus: 'am-bearer-credentials-0123456789',
  pagerduty: 'pd-signing-secret-abcdef',
  siem: 'siem-hmac-secret-xyz',
};

export const ALERT_DIRECTORY: RoleDirectory = {
  people: [
    ...DIRECTORY.people,
    { id: 'svc-prometheus', name: 'Prometheus', roles: ['responder'], onCall: false, service: true },
    { id: 'svc-pagerduty', name: 'PagerDuty', roles: ['responder'], onCall: false, service: true },
    { id: 'svc-siem', name: 'SIEM', roles: ['responder'], onCall: false, service: true },
  ],
};

export interface Delivery {
  id: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  verified: boolean;
}

/** A webhook receiver: answers `status()` for each request and keeps what it accepted with 2xx. */
export interface Receiver {
  url: string;
  secret: string;
  accepted: Delivery[];
  requests: number;
  /** The status the next request gets (default 204). */
  status: () => number;
  /** Resolves once `n` distinct events were accepted. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const secret = newWebhookSecret();
  const waiters: { n: number; ok: () => void }[] = [];
  const r: Receiver = {
    url: '',
    secret,
    accepted: [],
    requests: 0,
    status: () => 204,
    waitFor: (n) =>
      new Promise<void>((ok) => {
        if (new Set(r.accepted.map((d) => d.id)).size >= n) ok();
        else waiters.push({ n, ok });
      }),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.requests += 1;
      const raw = Buffer.concat(chunks);
      const status = r.status();
      if (status < 300) {
        const h = req.headers;
        r.accepted.push({
          id: String(h['webhook-id']),
          headers: h,
          body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
          verified: verifyStandardWebhook(
            secret,
            {
              id: h['webhook-id'] as string,
              timestamp: h['webhook-timestamp'] as string,
              signature: h['webhook-signature'] as string,
            },
            raw,
          ),
        });
        const distinct = new Set(r.accepted.map((d) => d.id)).size;
        for (const w of waiters.filter((x) => x.n <= distinct)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.ok();
        }
      }
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return r;
}

export interface AlertStack {
  stack: TestStack;
  url: string;
  /** A second app on the same worker (its own intake): deliveries race through Temporal, not one process. */
  url2: string;
  logs: Record<string, unknown>[];
  receivers: { steady: Receiver; dead: Receiver; texty: Receiver };
  bearer(who: string): { authorization: string };
  stop(): Promise<void>;
}

export async function startAlertStack(): Promise<AlertStack> {
  const steady = await startReceiver();
  const dead = await startReceiver();
  const texty = await startReceiver();
  const env = {
    AM: ALERT_SECRETS.prometheus,
    PD: ALERT_SECRETS.pagerduty,
    SIEM: ALERT_SECRETS.siem,
    HOOK_STEADY: steady.secret,
    HOOK_DEAD: dead.secret,
    HOOK_TEXTY: texty.secret,
  };
  const webhooks = parseWebhooks(
    {
      subscribers: [
        { id: 'steady', url: steady.url, secret: { env: 'HOOK_STEADY' } },
        {
          id: 'dead',
          url: dead.url,
          secret: { env: 'HOOK_DEAD' },
          events: ['incident.declared', 'phase.changed'],
        },
        {
          id: 'texty',
          url: texty.url,
          secret: { env: 'HOOK_TEXTY' },
          events: ['incident.declared'],
          includeText: true,
        },
      ],
      // A small budget: an event parks after three tries, a few hundred milliseconds.
      retry: { attempts: 3, initialMs: 50, maxMs: 200 },
    },
    'test webhooks',
    env,
  );
  const stack = await startTestStack({
    directory: ALERT_DIRECTORY,
    activityOverrides: { webhooks: { config: () => webhooks, timeoutMs: 5_000 } },
  });
  const sources = parseAlertSources(
    {
      sources: [
        {
          id: 'prometheus',
          kind: 'alertmanager',
          secret: { env: 'AM' },
          serviceAccount: 'svc-prometheus',
          severity: 'sev3',
          rules: [{ match: { alertname: 'ProbeFailure' }, severity: 'sev2', dataCategories: ['email'] }],
        },
        { id: 'pagerduty', kind: 'pagerduty', secret: { env: 'PD' }, serviceAccount: 'svc-pagerduty' },
        {
          id: 'siem',
          kind: 'generic',
          secret: { env: 'SIEM' },
          serviceAccount: 'svc-siem',
          severity: 'sev1',
        },
      ],
    },
    'test sources',
    env,
  );
  const tokensFile = join(mkdtempSync(join(tmpdir(), 'bp-alerts-')), 'web-tokens.yaml');
  const tokens: Record<string, string> = {};
  for (const who of ['carol', 'rick', 'svc-siem']) tokens[who] = addToken(tokensFile, who, `test ${who}`);
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const appFor = () =>
    createApp({
      client: stack.client,
      logger,
      namespace: 'default',
      web: createWebEdge({
        client: stack.client,
        namespace: 'default',
        keys: TEST_KEYS,
        sessionSecret: TEST_SESSION_SECRET,
        web: {
          auth: ['token'],
          trustedProxies: [],
          proxyUserHeader: 'x-forwarded-user',
          tokensFile,
          codecOrigins: [],
        },
        directory: () => ALERT_DIRECTORY,
        signer: () => TEST_SIGNER,
        archiveDir: stack.archiveDir,
        api: {
          taskQueue: stack.temporal.taskQueue,
          recipientsDir: stack.recipientsDir,
          archiveDir: stack.archiveDir,
          mode: 'test',
        },
        alertSources: sources,
        logger,
      }),
    });
  const listen = (app: ReturnType<typeof createApp>) =>
    new Promise<Server>((ok) => {
      const srv = app.listen(0, '127.0.0.1', () => ok(srv));
    });
  const server = await listen(appFor());
  const server2 = await listen(appFor());
  const urlOf = (srv: Server) => `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return {
    stack,
    url: urlOf(server),
    url2: urlOf(server2),
    logs,
    receivers: { steady, dead, texty },
    bearer: (who) => ({ authorization: `Bearer ${tokens[who]}` }),
    async stop() {
      await Promise.all([server, server2].map((srv) => new Promise<void>((ok) => srv.close(() => ok()))));
      await stack.stop();
      await Promise.all([steady.close(), dead.close(), texty.close()]);
    },
  };
}
