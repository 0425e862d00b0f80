// The web edge under test: the real HTTP app on a free loopback port, on a real worker and Temporal dev server,
// with a real tokens file (one token per person, only hashes on disk) and the app's logs captured as JSON.
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { WebConfig } from '../../src/config';
import type { RoleDirectory } from '../../src/domain/roles';
import { createApp } from '../../src/web/app';
import { createWebEdge } from '../../src/web/edge';
import { addToken } from '../../src/web/tokens';
import { DIRECTORY } from './people';
import { startTestStack, TEST_KEYS, TEST_SIGNER, type TestStack, type TestStackOptions } from './temporal';

/** The test deployment's web session secret (BREACHPLAN_SESSION_SECRET): its own, not a codec key. */
export const TEST_SESSION_SECRET = Buffer.alloc(32, 7);

/** The Temporal UI origin the test deployment allows to call its codec endpoint. */
export const UI_ORIGIN = 'http://127.0.0.1:8233';
/** People with a token: everyone in the directory, and mallory, who is not in it. */
export const TOKEN_HOLDERS = ['carol', 'rick', 'lena', 'leo', 'cami', 'audrey', 'mallory'] as const;

export interface WebApp {
  url: string;
  /** The app's log records (pino JSON), newest last. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface WebTestStack extends WebApp {
  stack: TestStack;
  tokensFile: string;
  tokens: Record<(typeof TOKEN_HOLDERS)[number], string>;
  bearer(who: (typeof TOKEN_HOLDERS)[number]): { authorization: string };
  /** Another app on the same worker and tokens, with its own web settings (e.g. a trusted proxy). */
  startApp(web: Partial<WebConfig>, templatesDir?: string, directory?: RoleDirectory): Promise<WebApp>;
}

export async function startWebApp(
  stack: TestStack,
  web: WebConfig,
  templatesDir?: string,
  api: { archiveDir?: string; mode?: string } = {},
  directory: RoleDirectory = DIRECTORY,
): Promise<WebApp> {
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const app = createApp({
    client: stack.client,
    logger,
    namespace: 'default',
    web: createWebEdge({
      client: stack.client,
      namespace: 'default',
      keys: TEST_KEYS,
      sessionSecret: TEST_SESSION_SECRET,
      web,
      directory: () => directory,
      signer: () => TEST_SIGNER,
      archiveDir: stack.archiveDir,
      templatesDir,
      api: {
        taskQueue: stack.temporal.taskQueue,
        recipientsDir: stack.recipientsDir,
        archiveDir: api.archiveDir ?? stack.archiveDir,
        mode: api.mode ?? 'test',
      },
      logger,
    }),
  });
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export async function startWebTestStack(options: TestStackOptions = {}): Promise<WebTestStack> {
  const stack = await startTestStack({ directory: DIRECTORY, ...options });
  const webDir = mkdtempSync(join(tmpdir(), 'bp-web-'));
  const tokensFile = join(webDir, 'web-tokens.yaml');
  const tokens = Object.fromEntries(
    TOKEN_HOLDERS.map((who) => [who, addToken(tokensFile, who, `test ${who}`)]),
  ) as WebTestStack['tokens'];
  const base: WebConfig = {
    auth: ['token'],
    trustedProxies: [],
    proxyUserHeader: 'x-forwarded-user',
    tokensFile,
    codecOrigins: [UI_ORIGIN],
    revokedSessionsFile: join(webDir, 'revoked-sessions'),
  };
  const main = await startWebApp(stack, base);
  const others: WebApp[] = [];
  return {
    ...main,
    stack,
    tokensFile,
    tokens,
    bearer: (who) => ({ authorization: `Bearer ${tokens[who]}` }),
    async startApp(web, templatesDir, directory) {
      const app = await startWebApp(stack, { ...base, ...web }, templatesDir, {}, directory);
      others.push(app);
      return app;
    },
    async stop() {
      await Promise.all([main.stop(), ...others.map((a) => a.stop())]);
      await stack.stop();
    },
  };
}

/** The CSRF token of the first form on a page (or of the page itself, when it offers this viewer no form). */
export function csrfOf(html: string): string {
  const m =
    /name="_csrf" value="([^"]+)"/.exec(html) ?? /<meta name="csrf-token" content="([^"]+)">/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1]!;
}

/** A form post as a browser on our own origin sends it (redirects not followed). */
export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
