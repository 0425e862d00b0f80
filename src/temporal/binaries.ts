// Where the Temporal server binaries live: a per-user cache outside the repo, keyed by version, filled by
// scripts/install-temporal.ts and never downloaded at test or run time.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli';
export const TEMPORAL_CLI_PACKAGE = `${TEMPORAL_CLI_MODULE}/cmd/temporal`;
/**
 * The SQLite driver the dev server is linked with. CLI v1.5.1 pins modernc.org/sqlite v1.34.1, whose context
 * cancellation can interrupt an unrelated statement (a check-then-interrupt race, fixed upstream in v1.44.x);
 * with the dev server's single SQLite connection that wedges the whole server: every later call answers
 * "interrupted (9)". Temporal server v1.32 ships v1.51.0, so the CLI is built against that one.
 */
export const TEMPORAL_SQLITE_MODULE = 'modernc.org/sqlite';
export const TEMPORAL_SQLITE_VERSION = 'v1.51.0';
export const JAVA_TEST_SERVER_VERSION = '1.31.0';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BREACHPLAN_CACHE_DIR) return env.BREACHPLAN_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'breachplan');
}

export function temporalCliDir(env?: NodeJS.ProcessEnv): string {
  return join(cacheRoot(env), 'temporal-cli', `${TEMPORAL_CLI_VERSION}+sqlite-${TEMPORAL_SQLITE_VERSION}`);
}

export function temporalCliPath(env?: NodeJS.ProcessEnv): string {
  return join(temporalCliDir(env), 'bin', 'temporal');
}

export function testServerDir(env?: NodeJS.ProcessEnv): string {
  return join(cacheRoot(env), 'temporal-test-server', JAVA_TEST_SERVER_VERSION);
}

/** A shell wrapper that starts the Java time-skipping test server; takes the port as its first argument. */
export function testServerPath(env?: NodeJS.ProcessEnv): string {
  return join(testServerDir(env), 'bin', 'temporal-test-server');
}

export function requireBinary(path: string, what: string): string {
  if (!existsSync(path)) {
    throw new Error(`${what} not found at ${path}. Run: npx tsx scripts/install-temporal.ts`);
  }
  return path;
}
