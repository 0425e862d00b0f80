// Where the CLI keeps who you are: the server and your token, in the user's config directory (XDG, like gh),
// readable only by you (0600 in a 0700 directory); BREACHPLAN_SERVER / BREACHPLAN_TOKEN override it.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError } from './errors';

export interface StoredLogin {
  server: string;
  token: string;
  /** Who the server said the token belongs to, when it was stored (shown by `whoami` offline). */
  person?: string;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/')
      ? env.XDG_CONFIG_HOME
      : join(homedir(), '.config');
  return join(base, 'breachplan');
}

export const loginFile = (env: NodeJS.ProcessEnv = process.env) => join(configDir(env), 'login.json');

export function readStoredLogin(env: NodeJS.ProcessEnv = process.env): StoredLogin | undefined {
  const file = loginFile(env);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new CliUsageError(`${file} is not valid JSON: run breachplan login again`);
  }
  const p = parsed as Partial<StoredLogin>;
  if (typeof p.server !== 'string' || typeof p.token !== 'string')
    throw new CliUsageError(`${file} lacks a server or a token: run breachplan login again`);
  return { server: p.server, token: p.token, person: p.person };
}

export function storeLogin(login: StoredLogin, env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = loginFile(env);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  chmodSync(file, 0o600);
  return file;
}

export function forgetLogin(env: NodeJS.ProcessEnv = process.env): boolean {
  const file = loginFile(env);
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}

/** The server and token this invocation uses: the environment first, then what `login` stored. */
export function currentLogin(env: NodeJS.ProcessEnv = process.env): StoredLogin {
  const stored = readStoredLogin(env);
  const server = env.BREACHPLAN_SERVER || stored?.server;
  const token =
    env.BREACHPLAN_TOKEN ||
    (stored && (!env.BREACHPLAN_SERVER || stored.server === server) ? stored.token : undefined);
  if (!server || !token)
    throw new CliUsageError(
      'not signed in: run `breachplan login --server URL` (or set BREACHPLAN_SERVER and BREACHPLAN_TOKEN)',
    );
  return { server: normalizeServer(server), token, person: stored?.person };
}

export function normalizeServer(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliUsageError(`--server: "${url}" is not a URL like https://breachplan.example.com`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new CliUsageError(`--server: "${url}" must be an http(s) URL`);
  return u.origin + u.pathname.replace(/\/+$/, '');
}
