// Runs the `breachplan` CLI as people do: a child process signed in to the real HTTP app (one token per
// person), with no Temporal address and no codec key in its environment: the API is its only way in.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToken } from '../../src/web/tokens';
import type { TestStack } from './temporal';
import { TOKEN_HOLDERS, type WebApp, startWebApp } from './web-stack';

const BIN = join(__dirname, '..', '..', 'bin', 'breachplan.js');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export type Person = (typeof TOKEN_HOLDERS)[number];

/** The environment of a process that must not reach Temporal itself: every Temporal and key variable dropped. */
export function withoutTemporal(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([k]) =>
        !/^(TEMPORAL_|BREACHPLAN_CODEC|BREACHPLAN_TEST_TEMPORAL|BREACHPLAN_(ROLES|SIGNING|WEB_TOKENS)_)/.test(
          k,
        ),
    ),
  );
}

export function runCliProcess(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  return runCliWithInput(env, undefined, ...args);
}

export function runCliWithInput(
  env: NodeJS.ProcessEnv,
  input: string | undefined,
  ...args: string[]
): Promise<CliResult> {
  return new Promise((resolve) => {
    // The source, not a dist/ that may be older than it (the benchmark runs the compiled CLI).
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...env, BREACHPLAN_CLI_FROM_SOURCE: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

export interface CliApp extends WebApp {
  tokens: Record<Person, string>;
  /** A config directory of its own (XDG_CONFIG_HOME), so `login` never touches the developer's. */
  configHome: string;
  /** The CLI's environment when signed in as `who` (by BREACHPLAN_TOKEN), or not signed in at all. */
  env(who?: Person): NodeJS.ProcessEnv;
  cli(who: Person | undefined, ...args: string[]): Promise<CliResult>;
}

/** The HTTP app on the stack's worker, with a token per person, for CLI processes to sign in to. */
export async function startCliApp(
  stack: TestStack,
  api: { archiveDir?: string; mode?: string } = {},
): Promise<CliApp> {
  const dir = mkdtempSync(join(tmpdir(), 'bp-cli-'));
  const tokensFile = join(dir, 'web-tokens.yaml');
  const tokens = Object.fromEntries(TOKEN_HOLDERS.map((who) => [who, addToken(tokensFile, who)])) as Record<
    Person,
    string
  >;
  const app = await startWebApp(
    stack,
    {
      auth: ['token'],
      trustedProxies: [],
      proxyUserHeader: 'x-forwarded-user',
      tokensFile,
      codecOrigins: [],
    },
    undefined,
    api,
  );
  const configHome = join(dir, 'config');
  const env = (who?: Person): NodeJS.ProcessEnv => ({
    ...withoutTemporal(),
    XDG_CONFIG_HOME: configHome,
    BREACHPLAN_DATA_DIR: dir,
    ...(who ? { BREACHPLAN_SERVER: app.url, BREACHPLAN_TOKEN: tokens[who] } : {}),
  });
  return { ...app, tokens, configHome, env, cli: (who, ...args) => runCliProcess(env(who), ...args) };
}
