// `breachplan status` and `breachplan approve` as whole processes (the compiled CLI, through the API), against
// the Temporal CLI's own `temporal workflow describe` of the same incident, in the same run on the same server.
// The arms alternate every round; prints medians with min and max and the ratios. Run: npm run bench:cli
// (builds dist/ first). Options: --rounds N (default 9, at least 5); --profile DIR (one more status, CPU-profiled).
import { declareAs, sendAs } from '../test/support/auth';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../src/dev/temporal-server';
import { requireBinary, temporalCliPath } from '../src/temporal/binaries';
import { incidentHandle, loadRunbookFile } from '../src/temporal/incidents';
import { workflowIdFor } from '../src/domain/incident';
import { startCliApp, withoutTemporal } from '../test/support/cli';
import { as, DIRECTORY, sampleFacts } from '../test/support/people';
import { startTestStack } from '../test/support/temporal';
import { prepareTestEdge } from '../test/support/edge-key';
import * as msg from '../workflows/messages';
import { median } from './stats';

const COMPILED = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
const BIN = join(__dirname, '..', 'bin', 'breachplan.js');
/** --profile DIR: one more `status` with --cpu-prof into DIR, and its phases timed (where the time goes). */
const profileDir = (() => {
  const i = process.argv.indexOf('--profile');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
const rounds = (() => {
  const i = process.argv.indexOf('--rounds');
  return i >= 0 ? Math.max(5, Number(process.argv[i + 1])) : 9;
})();

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code === 0) ok(ms);
      else fail(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0).padStart(5)} ms  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

async function main(): Promise<void> {
  if (!existsSync(COMPILED))
    throw new Error(`no compiled CLI at ${COMPILED}: run npm run build (npm run bench:cli does)`);
  const temporal = requireBinary(temporalCliPath(), 'Temporal CLI');
  // The bench's edge key, as jest's global setup makes one: its public half compiled into the bundle.
  const [server] = await Promise.all([
    startDevServer({ headless: true, logLevel: 'error' }),
    prepareTestEdge('bench-edge', join(mkdtempSync(join(tmpdir(), 'bp-bench-cli-')), 'workflows.js')),
  ]);
  const stack = await startTestStack({ directory: DIRECTORY, address: server.address });
  const app = await startCliApp(stack);
  try {
    const carol = as('carol');
    /** An incident whose regulator notice awaits counsel's approval; the draft hash to approve. */
    const awaitingApproval = async () => {
      const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
        facts: sampleFacts({ awareAt: new Date().toISOString() }),
        runbook: loadRunbookFile(),
        actor: carol,
      });
      const h = incidentHandle(stack.client, incidentId);
      await sendAs(h, msg.advancePhase, {
        actor: carol,
        to: 'notify_customers',
        force: true,
        reason: 'bench',
      });
      const r = await sendAs(h, msg.requestApproval, { actor: carol, gateId: 'regulator_notice' });
      return { incidentId, hash: r.draft.contentHash };
    };
    const shown = await awaitingApproval();
    // The compiled CLI, as `npx breachplan` runs it (no BREACHPLAN_CLI_FROM_SOURCE), signed in by token.
    const cliEnv = (who: 'lena' | 'audrey') => {
      const env = { ...app.env(who) };
      delete env.BREACHPLAN_CLI_FROM_SOURCE;
      return env;
    };
    const temporalEnv = withoutTemporal();
    const describe = () =>
      timed(
        temporal,
        [
          'workflow',
          'describe',
          '--address',
          server.address,
          '--namespace',
          'default',
          '-w',
          workflowIdFor(shown.incidentId),
        ],
        temporalEnv,
      );
    // Node's own start, for scale: the part of the CLI's time that no code of ours can remove.
    const bareNode = () => timed(process.execPath, ['-e', '0'], temporalEnv);
    const status = () => timed(process.execPath, [BIN, 'status', shown.incidentId], cliEnv('audrey'));
    const approve = async () => {
      const next = await awaitingApproval(); // untimed: a fresh draft to approve
      return timed(
        process.execPath,
        [BIN, 'approve', next.incidentId, 'regulator_notice', '--draft', next.hash],
        cliEnv('lena'),
      );
    };
    await Promise.all([describe(), status()]); // warm the file cache, the server and the app
    await approve();

    const t = {
      describe: [] as number[],
      status: [] as number[],
      approve: [] as number[],
      node: [] as number[],
    };
    for (let i = 0; i < rounds; i++) {
      const order =
        i % 2 === 0
          ? (['describe', 'node', 'status', 'approve'] as const)
          : (['approve', 'status', 'node', 'describe'] as const);
      for (const arm of order)
        t[arm].push(
          await (arm === 'describe'
            ? describe()
            : arm === 'status'
              ? status()
              : arm === 'node'
                ? bareNode()
                : approve()),
        );
    }
    const ratio = (xs: number[]) => {
      const r = xs.map((x, i) => x / t.describe[i]!);
      return `median ${median(r).toFixed(2)}x  (min ${Math.min(...r).toFixed(2)}x, max ${Math.max(...r).toFixed(2)}x)`;
    };
    console.log(`${rounds} rounds, arms alternating; whole processes, wall clock`);
    console.log(`  temporal workflow describe (baseline)  ${fmt(t.describe)}`);
    console.log(`  node -e 0 (Node's own start)           ${fmt(t.node)}`);
    console.log(`  breachplan status (compiled, API)      ${fmt(t.status)}`);
    console.log(`  breachplan approve (compiled, API)     ${fmt(t.approve)}`);
    console.log(`  status / describe   ${ratio(t.status)}`);
    console.log(`  approve / describe  ${ratio(t.approve)}`);
    if (profileDir) {
      const env = { ...cliEnv('audrey'), NODE_DEBUG: '' };
      const ms = await timed(
        process.execPath,
        ['--cpu-prof', '--cpu-prof-dir', profileDir, BIN, 'status', shown.incidentId],
        env,
      );
      console.log(`  profiled status: ${ms.toFixed(0)} ms, profile in ${profileDir}`);
    }
  } finally {
    await app.stop();
    await stack.stop();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
