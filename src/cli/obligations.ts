// `breachplan obligations --facts FILE.json [--json]`: prints the notification obligations for incident facts;
// `--coverage` prints what the engine knows. Bad facts print `error: <field path>: <message>` and exit 2.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Obligation } from '../domain/regulations';

export interface ObligationsOptions {
  facts?: string;
  json?: boolean;
  coverage?: boolean;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
};

const COLUMNS = ['id', 'jurisdiction', 'recipient', 'status', 'due', 'citation'] as const;

function dueCell(o: Obligation): string {
  if (o.due) return o.due;
  if (o.internalTarget) return `~${o.internalTarget} (target)`;
  return '-';
}

/** Renders obligations as a fixed-width table followed by a status summary. */
export function formatObligationsTable(obligations: readonly Obligation[]): string {
  const rows = obligations.map((o) => [o.id, o.jurisdiction, o.recipient, o.status, dueCell(o), o.citation]);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const count = (s: Obligation['status']) => obligations.filter((o) => o.status === s).length;
  const summary = `${obligations.length} obligation(s): ${count('required')} required, ${count('needs_more_info')} need more info, ${count('not_required')} not required`;
  return [line(COLUMNS), ...rows.map(line), '', summary].join('\n') + '\n';
}

/** Runs the command and returns the exit status (0 ok, 2 bad input), writing only through `io`. */
export function runObligationsCommand(options: ObligationsOptions, io: CliIo = defaultIo): number {
  if (options.coverage) {
    // Loaded here, not at start: the rest of the CLI needs no rules engine.
    const { coverageRows, formatCoverageText, summarizeCoverage } =
      require('../domain/regulations/coverage') as typeof import('../domain/regulations/coverage');
    const rows = coverageRows();
    io.stdout(
      options.json
        ? `${JSON.stringify({ summary: summarizeCoverage(rows), rules: rows }, null, 2)}\n`
        : formatCoverageText(rows),
    );
    return 0;
  }
  if (!options.facts) {
    io.stderr('error: --facts: required (or --coverage)\n');
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(io.readFile(options.facts));
  } catch (err) {
    io.stderr(`error: --facts: cannot read JSON from ${options.facts}: ${(err as Error).message}\n`);
    return 2;
  }
  const { computeObligations, parseObligationFacts } =
    require('../domain/regulations') as typeof import('../domain/regulations');
  const parsed = parseObligationFacts(raw);
  if (!parsed.ok) {
    for (const issue of parsed.issues) io.stderr(`error: ${issue.path}: ${issue.message}\n`);
    return 2;
  }
  const obligations = computeObligations(parsed.facts);
  io.stdout(
    options.json ? `${JSON.stringify({ obligations }, null, 2)}\n` : formatObligationsTable(obligations),
  );
  return 0;
}

export function registerObligationsCommand(program: Command): void {
  program
    .command('obligations')
    .description('List breach-notification obligations (who, by when, why) for incident facts')
    .option('--facts <file>', 'incident facts JSON (see obligationFactsSchema)')
    .option('--coverage', 'print every jurisdiction, recipient, deadline and review date the engine knows')
    .option('--json', 'print JSON ({"obligations": [...]}, or the coverage rows) instead of a table')
    .action((options: ObligationsOptions) => {
      const status = runObligationsCommand(options);
      if (status !== 0) process.exitCode = status;
    });
}
