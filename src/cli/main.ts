// The `breachplan` command line: a client of the Breachplan API (like gh or kubectl). It acts as whoever its
// token belongs to and needs no Temporal credentials and no codec keys; `breachplan operator …` is the
// exception, for the people who run the deployment. Kept light: the Temporal SDK loads only for operators.
import { Command, CommanderError } from 'commander';
import { ApiClient, ServerError } from './api-client';
import { registerAuditCommands } from './audit-commands';
import { registerAuthCommands } from './auth-commands';
import { registerCampaignCommands } from './campaign-commands';
import { currentLogin } from './credentials';
import { CliUsageError } from './errors';
import { registerIncidentCommands } from './incident-commands';
import { registerLetterCommands } from './letter-commands';
import { registerObligationsCommand } from './obligations';
import { registerOperatorCommands } from './operator-commands';
import { registerWebhookCommands } from './webhook-commands';

export function buildProgram(): { program: Command; close(): Promise<void> } {
  const program = new Command('breachplan')
    .description('Breach plans as durable workflows (a client of the Breachplan API: breachplan login first)')
    .exitOverride();
  let api: ApiClient | undefined;
  const ctx = { api: () => (api ??= new ApiClient(currentLogin())) };
  registerAuthCommands(program);
  registerIncidentCommands(program, ctx);
  registerCampaignCommands(program, ctx);
  registerAuditCommands(program, ctx);
  registerLetterCommands(program, ctx);
  registerObligationsCommand(program);
  registerWebhookCommands(program, ctx);
  const operator = registerOperatorCommands(program);
  return { program, close: operator.close };
}

export async function runCli(argv: string[]): Promise<number> {
  const { program, close } = buildProgram();
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
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await close();
  }
}

if (require.main === module) {
  void runCli(process.argv).then((code) => process.exit(code));
}
