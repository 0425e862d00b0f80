// `breachplan login | logout | whoami`: who the CLI acts as. Like `gh auth login`: the server and a personal
// token (pasted, piped, or from the embedded stack's example people) kept in the user's config directory.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ApiClient, USER_AGENT, send } from './api-client';
import { currentLogin, forgetLogin, normalizeServer, storeLogin } from './credentials';
import { CliUsageError } from './errors';
import { print } from './output';

/** What `npm start` writes for the example people (src/dev/embedded-sign-in.ts): the app and one token each. */
const EMBEDDED_SIGN_IN_FILE = 'embedded-sign-in.json';

interface WhoAmI {
  actor: { id: string; name?: string; roles: string[] };
  principal: { method: string; subject: string; issuer?: string };
  mode: string;
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.trim();
}

async function prompt(question: string): Promise<string> {
  const { createInterface } = require('node:readline/promises') as typeof import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Whether the server signs the CLI in through the browser (GET /login/cli/info). */
async function offersBrowserSignIn(server: string): Promise<boolean> {
  try {
    const res = await send(
      `${server}/login/cli/info`,
      'GET',
      { 'user-agent': USER_AGENT, accept: 'application/json' },
      undefined,
      AbortSignal.timeout(10_000),
    );
    return res.ok && ((await res.json()) as { browser?: unknown }).browser === true;
  } catch {
    return false;
  }
}

function openBrowser(url: string): void {
  const command =
    process.env.BREACHPLAN_BROWSER ??
    (process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open');
  if (command === 'none') return;
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/**
 * Signs in through the browser (src/web/cli-login.ts): a loopback listener receives a one-time code, traded
 * with a verifier only this process holds for a personal token.
 */
async function browserSignIn(server: string): Promise<string> {
  const { createHash, randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const { createServer } = require('node:http') as typeof import('node:http');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  let done!: (code: string) => void;
  let failed!: (err: Error) => void;
  const gotCode = new Promise<string>((ok, fail) => ((done = ok), (failed = fail)));
  const listener = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') return void res.writeHead(404).end();
    const code = url.searchParams.get('code');
    const ok = code && url.searchParams.get('state') === state;
    res.writeHead(ok ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(ok ? 'Signed in: you can close this tab and go back to the terminal.\n' : 'Not this sign-in.\n');
    if (ok) done(code);
  });
  await new Promise<void>((ok) => listener.listen(0, '127.0.0.1', ok));
  const { port } = listener.address() as import('node:net').AddressInfo;
  const url = `${server}/login/cli?${new URLSearchParams({ port: String(port), challenge, state })}`;
  process.stderr.write(`Sign in in your browser (it opens by itself, or open this address):\n  ${url}\n`);
  openBrowser(url);
  const timer = setTimeout(() => failed(new CliUsageError('no browser sign-in within 5 minutes')), 300_000);
  try {
    const code = await gotCode;
    const body = JSON.stringify({ code, verifier });
    const res = await send(
      `${server}/login/cli/token`,
      'POST',
      {
        'user-agent': USER_AGENT,
        accept: 'application/json',
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    );
    const answer = (await res.json().catch(() => ({}))) as { token?: string; detail?: string };
    if (!res.ok || !answer.token)
      throw new CliUsageError(`the server did not sign the CLI in: ${answer.detail ?? res.status}`);
    return answer.token;
  } finally {
    clearTimeout(timer);
    listener.close();
  }
}

export function registerAuthCommands(program: Command): void {
  program
    .command('login')
    .description('Sign the CLI in: a server and your personal token (kept 0600 in your config directory)')
    .option('--server <url>', 'the Breachplan app, e.g. https://breachplan.example.com')
    .option('--with-token', 'read the token from standard input (for scripts)')
    .option('--paste', 'paste a token instead of signing in in the browser')
    .option(
      '--embedded <person>',
      'the embedded stack only (npm start): sign in as one of its example people',
    )
    .action(async (o: { server?: string; withToken?: boolean; paste?: boolean; embedded?: string }) => {
      let server = o.server && normalizeServer(o.server);
      let token: string;
      if (o.embedded) {
        const dataDir = resolve(process.env.BREACHPLAN_DATA_DIR ?? '.data');
        const file = join(dataDir, EMBEDDED_SIGN_IN_FILE);
        if (!existsSync(file))
          throw new CliUsageError(
            `--embedded works only against the embedded stack: ${file} is missing (start it with npm start)`,
          );
        const stack = JSON.parse(readFileSync(file, 'utf8')) as {
          server: string;
          tokens: Record<string, string>;
        };
        const t = stack.tokens[o.embedded.toLowerCase()];
        if (!t)
          throw new CliUsageError(
            `--embedded: no example person "${o.embedded}" (one of ${Object.keys(stack.tokens).join(', ')})`,
          );
        server ??= normalizeServer(stack.server);
        token = t;
      } else {
        if (!server) throw new CliUsageError('--server URL: which Breachplan to sign in to');
        token = o.withToken
          ? await readStdin()
          : !o.paste && (await offersBrowserSignIn(server))
            ? await browserSignIn(server)
            : await prompt(
                `Paste your token (ask an operator for one: breachplan operator web-token <you>; sign in at ${server}/login for the pages): `,
              );
      }
      if (!/^\S{8,512}$/.test(token)) throw new CliUsageError('the token is empty or has spaces');
      const me = await new ApiClient({ server, token }).get<WhoAmI>('/whoami');
      // The example people's tokens are for the embedded stack: a real deployment never honours them.
      if (o.embedded && me.mode !== 'embedded')
        throw new CliUsageError(`--embedded: ${server} is not an embedded stack (mode ${me.mode})`);
      const file = storeLogin({ server, token, person: me.actor.id });
      process.stderr.write(
        `signed in to ${server} as ${me.actor.id} (${me.actor.roles.join(', ') || 'no role'}); token in ${file}\n`,
      );
    });

  program
    .command('logout')
    .description('Forget the stored token (revoke it on the server with your operator)')
    .action(() => {
      process.stderr.write(forgetLogin() ? 'signed out\n' : 'not signed in\n');
    });

  program
    .command('whoami')
    .description('Who the server says you are: person, directory roles, how you signed in')
    .option('--json')
    .action(async (o: { json?: boolean }) => {
      const login = currentLogin();
      const me = await new ApiClient(login).get<WhoAmI>('/whoami');
      print(
        o.json,
        { server: login.server, ...me },
        () =>
          `${me.actor.id}${me.actor.name ? ` (${me.actor.name})` : ''} on ${login.server}\n  roles ${me.actor.roles.join(', ') || 'none (not in the role directory)'}\n  signed in with ${me.principal.method}${me.principal.issuer ? ` from ${me.principal.issuer}` : ''}\n`,
      );
    });
}
