// The `breachplan` command line: a client of the Breachplan API (like gh or kubectl). It acts as whoever its
// token belongs to and needs no Temporal credentials and no codec keys; `breachplan operator …` is the
// exception, for the people who run the deployment. Kept light: the Temporal SDK loads only for operators.
import { Command, CommanderError } from 'commander';
import { ApiClient, ServerError } from './api-client';
import { currentLogin } from './credentials';
import { CliUsageError } from './errors';

type Ctx = { api: () => ApiClient };

/**
 * The command groups, each in its own module, by the names of the commands it registers. Only the group of
 * the invoked command is loaded (start time: `breachplan status` should cost little more than Node itself);
 * help, a typo or no command at all load every group, so commander can list and suggest them all.
 */
const GROUPS: {
  names: string[];
  register: (program: Command, ctx: Ctx) => { close?(): Promise<void> } | void;
}[] = [
  {
    names: ['login', 'logout', 'whoami'],
    register: (p) => (require('./auth-commands') as typeof import('./auth-commands')).registerAuthCommands(p),
  },
  {
    names: [
      ...['declare', 'list', 'status', 'tasks', 'approve', 'override-content-check', 'reject', 'complete'],
      ...['facts', 'assign', 'request-approval', 'notice-sent', 'hold', 'release', 'note', 'advance'],
      ...['override', 'close'],
    ],
    register: (p, c) =>
      (require('./incident-commands') as typeof import('./incident-commands')).registerIncidentCommands(p, c),
  },
  {
    names: ['recipients', 'notice', 'campaign'],
    register: (p, c) =>
      (require('./campaign-commands') as typeof import('./campaign-commands')).registerCampaignCommands(p, c),
  },
  {
    // After the campaign group: it adds its subcommands to `notice`.
    names: ['regulator', 'notice', 'submission'],
    register: (p, c) =>
      (require('./letter-commands') as typeof import('./letter-commands')).registerLetterCommands(p, c),
  },
  {
    names: ['timeline', 'as-of', 'verify', 'public-key'],
    register: (p, c) =>
      (require('./audit-commands') as typeof import('./audit-commands')).registerAuditCommands(p, c),
  },
  {
    names: ['obligations'],
    register: (p) =>
      (require('./obligations') as typeof import('./obligations')).registerObligationsCommand(p),
  },
  {
    names: ['webhooks'],
    register: (p, c) =>
      (require('./webhook-commands') as typeof import('./webhook-commands')).registerWebhookCommands(p, c),
  },
  {
    names: ['operator'],
    register: (p) =>
      (require('./operator-commands') as typeof import('./operator-commands')).registerOperatorCommands(p),
  },
];

/** The command a command line invokes: its first word that is not an option (undefined: none). */
function invokedCommand(argv: string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}

export function buildProgram(argv: string[] = []): { program: Command; close(): Promise<void> } {
  const program = new Command('breachplan')
    .description('Breach plans as durable workflows (a client of the Breachplan API: breachplan login first)')
    .exitOverride();
  let api: ApiClient | undefined;
  const ctx: Ctx = { api: () => (api ??= new ApiClient(currentLogin())) };
  const name = invokedCommand(argv);
  const wanted = GROUPS.filter((g) => name !== undefined && g.names.includes(name));
  const help = argv.includes('--help') || argv.includes('-h');
  const closers: (() => Promise<void>)[] = [];
  for (const group of help || wanted.length === 0 ? GROUPS : wanted) {
    const r = group.register(program, ctx);
    if (r?.close) closers.push(r.close);
  }
  return { program, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}

export async function runCli(argv: string[]): Promise<number> {
  const { program, close } = buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof CliUsageError || (err as Error).name === 'RunbookError') {
      process.stderr.write(`refused: ${(err as Error).message}\n`);
      return 2;
    }
    if (err instanceof ServerError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    // Only operator commands talk to Temporal: an outage or a limit in words, never a gRPC stack.
    if (typeof (err as { code?: unknown }).code === 'number' || /deadline|connect/i.test(String(err))) {
      const { temporalRefusal } = require('../temporal/errors') as typeof import('../temporal/errors');
      const refusal = temporalRefusal(err, 'the operator command');
      if (refusal) {
        const where = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
        process.stderr.write(
          refusal.problem === 'unavailable'
            ? `error: cannot reach the Temporal server at ${where} (${(err as Error).message}): is it running, and is TEMPORAL_ADDRESS right?\n`
            : `error: ${refusal.message}\n`,
        );
        return refusal.exitCode;
      }
    }
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  } finally {
    // A connection that never came up has nothing to close (and must not throw again here).
    await close().catch(() => undefined);
  }
}

if (require.main === module) {
  void runCli(process.argv).then((code) => process.exit(code));
}
