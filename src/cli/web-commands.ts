// `breachplan web-token <person>`: mints a bearer token for the web edge and its codec endpoint. The token is
// printed once; only its SHA-256 goes into BREACHPLAN_WEB_TOKENS_FILE. Revoke it by deleting that entry.
import type { Command } from 'commander';
import type { Config } from '../config';
import { loadRoleDirectory } from '../directory';
import { findPerson } from '../domain/roles';
import { addToken } from '../web/tokens';
import { CliUsageError } from './errors';

export interface WebCliContext {
  config(): Config;
}

export function registerWebCommands(program: Command, ctx: WebCliContext): void {
  program
    .command('web-token <person>')
    .description(
      'Mint a token for the web pages and the codec endpoint (printed once; only its hash is kept)',
    )
    .option('--label <text>', 'what the token is for, kept beside its hash (e.g. "audrey laptop")')
    .action((who: string, o: { label?: string }) => {
      const config = ctx.config();
      const person = findPerson(loadRoleDirectory(config.rolesFile), who);
      if (!person) throw new CliUsageError(`${who} is not in the role directory (BREACHPLAN_ROLES_FILE)`);
      const token = addToken(config.web.tokensFile, person.id, o.label);
      process.stderr.write(
        `token for ${person.id} (${person.roles.join(', ')}) added to ${config.web.tokensFile}; it is shown only now:\n`,
      );
      process.stdout.write(`${token}\n`);
    });
}
