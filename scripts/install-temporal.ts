// Installs the Temporal servers Breachplan runs on, from the registries only, into a cache outside the repo:
//   - the Temporal CLI dev server, built with Go from the Go module proxy, linked with a fixed SQLite driver
//     (TEMPORAL_SQLITE_VERSION in src/temporal/binaries.ts says why);
//   - the Java time-skipping test server from Maven Central, with a wrapper @temporalio/testing can start.
// Idempotent and quiet when already installed; prints progress while building.
// Usage: npx tsx scripts/install-temporal.ts [--dev-only]
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  JAVA_TEST_SERVER_VERSION,
  TEMPORAL_CLI_PACKAGE,
  TEMPORAL_CLI_VERSION,
  TEMPORAL_SQLITE_MODULE,
  TEMPORAL_SQLITE_VERSION,
  temporalCliDir,
  temporalCliPath,
  testServerDir,
  testServerPath,
} from '../src/temporal/binaries';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const ticker = setInterval(() => {
      process.stdout.write(`  … ${label}: ${Math.round((Date.now() - started) / 1000)}s\n`);
    }, 30_000);
    child.on('error', (err) => {
      clearInterval(ticker);
      reject(new Error(`${label}: cannot run ${cmd}: ${err.message}`));
    });
    child.on('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) {
        process.stdout.write(`  ✓ ${label} in ${Math.round((Date.now() - started) / 1000)}s\n`);
        resolve();
      } else reject(new Error(`${label} failed (exit ${code}):\n${tail}`));
    });
  });
}

async function installTemporalCli(): Promise<void> {
  const target = temporalCliPath();
  if (existsSync(target)) return;
  process.stdout.write(
    `Building Temporal CLI ${TEMPORAL_CLI_VERSION} with Go (first time only, a few minutes)…\n`,
  );
  const dir = temporalCliDir();
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(dir, '.staging-'));
  try {
    // `go install cli@version` cannot raise a dependency, so a throwaway module requires the CLI at its exact
    // version and the driver at ours (Go's minimal version selection takes the higher), then builds the CLI.
    const mod = join(staging, 'mod');
    mkdirSync(mod);
    writeFileSync(join(mod, 'go.mod'), 'module breachplan.local/temporal-cli\n\ngo 1.25.0\n');
    const env = {
      ...process.env,
      CGO_ENABLED: '0',
      GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=mod`.trim(),
    };
    await run(
      'go',
      [
        '-C',
        mod,
        'get',
        `${TEMPORAL_CLI_PACKAGE}@${TEMPORAL_CLI_VERSION}`,
        `${TEMPORAL_SQLITE_MODULE}@${TEMPORAL_SQLITE_VERSION}`,
      ],
      env,
      `go get temporal@${TEMPORAL_CLI_VERSION} sqlite@${TEMPORAL_SQLITE_VERSION}`,
    );
    await run(
      'go',
      ['-C', mod, 'build', '-trimpath', '-o', join(staging, 'temporal'), TEMPORAL_CLI_PACKAGE],
      env,
      `go build temporal@${TEMPORAL_CLI_VERSION}`,
    );
    mkdirSync(join(dir, 'bin'), { recursive: true });
    renameSync(join(staging, 'temporal'), target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  process.stdout.write(`  → ${target}\n`);
}

async function installJavaTestServer(): Promise<void> {
  const wrapper = testServerPath();
  if (existsSync(wrapper)) return;
  process.stdout.write(
    `Fetching Java Temporal test server ${JAVA_TEST_SERVER_VERSION} from Maven Central…\n`,
  );
  const dir = testServerDir();
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(dir, '.staging-'));
  try {
    const pom = join(__dirname, 'java', 'pom.xml');
    await run(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        pom,
        `-Dtemporal.test.server.version=${JAVA_TEST_SERVER_VERSION}`,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${join(staging, 'lib')}`,
        '-DincludeScope=runtime',
      ],
      process.env,
      'mvn dependency:copy-dependencies',
    );
    const jars = readdirSync(join(staging, 'lib')).filter((f) => f.endsWith('.jar'));
    if (!jars.some((j) => j.startsWith('temporal-test-server-')))
      throw new Error('temporal-test-server jar missing after mvn');
    rmSync(join(dir, 'lib'), { recursive: true, force: true });
    renameSync(join(staging, 'lib'), join(dir, 'lib'));
    mkdirSync(join(dir, 'bin'), { recursive: true });
    const script = `#!/bin/sh
# Java time-skipping Temporal test server; first argument is the port (as @temporalio/testing passes it).
exec java -Xms64m -Xmx512m -XX:+UseSerialGC -cp "${join(dir, 'lib')}/*" io.temporal.testserver.TestServer "$@"
`;
    writeFileSync(wrapper + '.tmp', script);
    chmodSync(wrapper + '.tmp', 0o755);
    renameSync(wrapper + '.tmp', wrapper);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  process.stdout.write(`  → ${wrapper}\n`);
}

async function main(): Promise<void> {
  const devOnly = process.argv.includes('--dev-only');
  await installTemporalCli();
  if (!devOnly) await installJavaTestServer();
}

main().catch((err: Error) => {
  process.stderr.write(`install-temporal: ${err.message}\n`);
  process.exit(1);
});
