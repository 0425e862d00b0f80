// `breachplan login | logout | whoami`: who the CLI acts as. Like `gh auth login`: the server and a personal
// token (pasted, piped, or from the embedded stack's example people) kept in the user's config directory.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ApiClient } from './api-client';
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

export function registerAuthCommands(program: Command): void {
  program
    .command('login')
    .description('Sign the CLI in: a server and your personal token (kept 0600 in your config directory)')
    .option('--server <url>', 'the Breachplan app, e.g. https://breachplan.example.com')
    .option('--with-token', 'read the token from standard input (for scripts)')
    .option(
      '--embedded <person>',
      'the embedded stack only (npm start): sign in as one of its example people',
    )
    .action(async (o: { server?: string; withToken?: boolean; embedded?: string }) => {
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
