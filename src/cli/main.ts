// The `breachplan` command line: incident commands on the shared Temporal client, plus the obligations engine.
import { Command, CommanderError } from 'commander';
import type { Client } from '@temporalio/client';
import { loadConfig } from '../config';
import { loadRoleDirectory } from '../directory';
import { actorFor, type Actor } from '../domain/roles';
import { connectFromConfig } from '../temporal/client';
import { RefusedError } from '../temporal/incidents';
import { RunbookError } from '../domain/runbook-yaml';
import { refusalOutcome } from '../domain/failures';
import { registerAuditCommands } from './audit-commands';
import { registerCampaignCommands } from './campaign-commands';
import { CliUsageError } from './errors';
import { registerIncidentCommands } from './incident-commands';
import { registerObligationsCommand } from './obligations';
import { registerWebCommands } from './web-commands';

export function buildProgram(): { program: Command; close(): Promise<void> } {
  let client: Promise<Client> | undefined;
  const program = new Command('breachplan').description('Breach plans as durable workflows').exitOverride();
  const actor = (as?: string): Actor => {
    const who = as ?? loadConfig().actor;
    if (!who) throw new CliUsageError('who is acting? pass --as PERSON or set BREACHPLAN_ACTOR');
    return actorFor(loadRoleDirectory(loadConfig().rolesFile), who, 'cli');
  };
  registerIncidentCommands(program, {
    client: () => (client ??= connectFromConfig(loadConfig())),
    taskQueue: () => loadConfig().temporal.taskQueue,
    actor,
  });
  registerObligationsCommand(program);
  registerCampaignCommands(program, {
    client: () => (client ??= connectFromConfig(loadConfig())),
    config: loadConfig,
    actor,
  });
  registerAuditCommands(program, {
    client: () => (client ??= connectFromConfig(loadConfig())),
    config: loadConfig,
  });
  registerWebCommands(program, { config: loadConfig });
  return { program, close: async () => void (client && (await (await client).connection.close())) };
}

export async function runCli(argv: string[]): Promise<number> {
  const { program, close } = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof RefusedError) {
      process.stderr.write(`refused: ${err.message}\n`);
      return refusalOutcome(err.code).exit;
    }
    if (err instanceof CliUsageError || err instanceof RunbookError) {
      process.stderr.write(`refused: ${err.message}\n`);
      return refusalOutcome('invalid_input').exit;
    }
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await close();
  }
}

if (require.main === module) {
  void runCli(process.argv).then((code) => process.exit(code));
}
