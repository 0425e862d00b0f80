// The text after `/incident`: which subcommand and its arguments, parsed without touching anything else so
// the edge can answer usage errors at once.
import { z } from 'zod';
import { advancePhaseSchema, describeIssues, recordNoticeSentSchema } from '../domain/commands';
import type { PhaseId } from '../domain/runbook';
import { roleSchema, type Role } from '../domain/roles';

export type IncidentCommand =
  | { kind: 'declare' }
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'assign'; slackUserId: string; role: Role }
  | { kind: 'task'; taskId: string; note: string }
  | { kind: 'note'; text: string }
  | { kind: 'facts'; patch: Record<string, unknown>; reason: string }
  | { kind: 'hold'; agency: string; reference: string; reason?: string }
  | { kind: 'release'; reason: string }
  | { kind: 'request'; gateId: string }
  | { kind: 'close'; reason: string; force: boolean }
  | { kind: 'advance'; to?: PhaseId; force: boolean; reason?: string }
  | { kind: 'notice-sent'; gateId: string; channel: string; reference?: string; recipients?: number }
  | { kind: 'usage'; message: string };

/** The help text; `bot` is how the app is mentioned (a `<@U…>` link when the edge knows the bot's user id). */
export const usage = (bot = '`@breachplan`') =>
  [
    ...USAGE_LINES,
    `Or mention ${bot} in an incident channel with the same words: ${bot} status · ${bot} note <text>`,
  ].join('\n');

const USAGE_LINES = [
  '`/incident` or `/incident declare` — declare an incident (opens a form)',
  'In an incident channel:',
  '`/incident status` — the current state',
  '`/incident assign @someone <commander|responder|legal|communications|auditor>`',
  '`/incident task <task-id> <what was done>` — complete a task',
  '`/incident note <text>` — add a note to the timeline',
  '`/incident facts severity=sev2 estimatedAffected=1500 dataCategories=name,email | <why>`',
  '`/incident hold <agency> | <reference> | <reason>` · `/incident release <reason>`',
  '`/incident request <gate-id>` — ask for approval of a notice draft',
  '`/incident advance [<phase-id>] [--force <why>]` — start the next phase (or that one)',
  '`/incident notice-sent <gate-id> channel=<email|portal|post> [reference=<ref>] [recipients=<n>]` — record an approved notice sent outside Breachplan',
  '`/incident close <reason>` (`close --force <reason>` outside the review phase)',
];
export const USAGE = usage();

const ADVANCE_USAGE = 'usage: `/incident advance [<phase-id>] [--force <why>]`';
const NOTICE_SENT_USAGE =
  'usage: `/incident notice-sent <gate-id> channel=<how> [reference=<ref>] [recipients=<n>]`';

// The edge checks a command's own fields with the workflow's schema (minus the actor, which it adds), so a
// typo is answered at once and names the field; whether the person may do it is the workflow's decision.
const advanceFields = advancePhaseSchema.omit({ actor: true });
const noticeSentFields = recordNoticeSentSchema.omit({ actor: true }).strict();

function checked<T>(
  schema: z.ZodType<T>,
  value: unknown,
  usage: string,
): T | { kind: 'usage'; message: string } {
  const r = schema.safeParse(value);
  return r.success ? r.data : { kind: 'usage', message: `${describeIssues(r.error)}\n${usage}` };
}

const LIST_FACTS = new Set(['dataCategories', 'affectedSystems']);
const unquote = (raw: string) => raw.replace(/^"(.*)"$/s, '$1');

function factValue(key: string, raw: string): unknown {
  if (LIST_FACTS.has(key))
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (/^-?\d+$/.test(raw)) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw.startsWith('[') || raw.startsWith('{')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return unquote(raw);
}

/** `key=value key2="two words"` → values, and whatever text was not an assignment. */
function assignments(
  text: string,
  value: (key: string, raw: string) => unknown,
): { values: Record<string, unknown>; leftover: string } {
  const values: Record<string, unknown> = {};
  const re = /([A-Za-z_]+)=("[^"]*"|\S+)/g;
  let m: RegExpExecArray | null;
  // Own properties only (never the prototype); the reserved names are refused by name by the caller.
  while ((m = re.exec(text)))
    Object.defineProperty(values, m[1]!, {
      value: value(m[1]!, m[2]!),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return { values, leftover: text.replace(re, '').trim() };
}

/** `key=value key2="two words" | reason`: the patch before the bar, the reason after it. */
function parseFacts(rest: string): IncidentCommand {
  const bar = rest.indexOf('|');
  const reason = bar >= 0 ? rest.slice(bar + 1).trim() : '';
  const patch = assignments(bar >= 0 ? rest.slice(0, bar) : rest, factValue).values;
  const reserved = Object.keys(patch).find((k) => ['__proto__', 'constructor', 'prototype'].includes(k));
  if (reserved) return { kind: 'usage', message: `\`${reserved}\` is not a fact (a reserved name)` };
  if (Object.keys(patch).length === 0 || !reason)
    return { kind: 'usage', message: 'usage: `/incident facts key=value … | <why it changed>`' };
  return { kind: 'facts', patch, reason };
}

/** `[<phase-id>] [--force <why>]`, like `breachplan advance [--to <phase>] [--force --reason <why>]`. */
function parseAdvance(rest: string): IncidentCommand {
  const flag = /(^|\s)--force(\s|$)/.exec(rest);
  const before = (flag ? rest.slice(0, flag.index) : rest).trim();
  const reason = flag ? rest.slice(flag.index + flag[0].length).trim() : '';
  const words = before ? before.split(/\s+/) : [];
  if (words.length > 1)
    return { kind: 'usage', message: `one phase id at most; a reason goes after --force\n${ADVANCE_USAGE}` };
  const fields = checked(
    advanceFields,
    { to: words[0], force: Boolean(flag), reason: reason || undefined },
    ADVANCE_USAGE,
  );
  return 'kind' in fields ? fields : { kind: 'advance', ...fields };
}

/** `<gate-id> channel=<how> [reference=<ref>] [recipients=<n>]`, the CLI's `notice-sent` flags as key=value. */
function parseNoticeSent(rest: string): IncidentCommand {
  const [gateId = ''] = rest.split(/\s+/);
  if (!gateId || gateId.includes('=')) return { kind: 'usage', message: NOTICE_SENT_USAGE };
  // Only the count is a number; a reference like 4411 stays the text it is.
  const { values, leftover } = assignments(rest.slice(gateId.length), (key, raw) =>
    key === 'recipients' && /^\d+$/.test(raw) ? Number(raw) : unquote(raw),
  );
  if (leftover) return { kind: 'usage', message: `"${leftover}" is not key=value\n${NOTICE_SENT_USAGE}` };
  const fields = checked(noticeSentFields, { gateId, ...values }, NOTICE_SENT_USAGE);
  return 'kind' in fields ? fields : { kind: 'notice-sent', ...fields };
}

export function parseIncidentCommand(text: string): IncidentCommand {
  const trimmed = text.trim();
  const [word = '', ...restWords] = trimmed.split(/\s+/);
  const rest = trimmed.slice(word.length).trim();
  switch (word.toLowerCase()) {
    case '':
    case 'declare':
      return { kind: 'declare' };
    case 'help':
      return { kind: 'help' };
    case 'status':
      return { kind: 'status' };
    case 'assign': {
      const user = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(restWords[0] ?? '')?.[1];
      const role = roleSchema.safeParse(restWords[1]?.toLowerCase());
      if (!user || !role.success)
        return { kind: 'usage', message: 'usage: `/incident assign @someone <role>`' };
      return { kind: 'assign', slackUserId: user, role: role.data };
    }
    case 'task': {
      const [taskId, ...note] = restWords;
      if (!taskId || note.length === 0)
        return { kind: 'usage', message: 'usage: `/incident task <task-id> <what was done>`' };
      return { kind: 'task', taskId, note: rest.slice(taskId.length).trim() };
    }
    case 'note':
      return rest
        ? { kind: 'note', text: rest }
        : { kind: 'usage', message: 'usage: `/incident note <text>`' };
    case 'facts':
      return parseFacts(rest);
    case 'hold': {
      const [agency, reference, reason] = rest.split('|').map((s) => s.trim());
      if (!agency || !reference)
        return { kind: 'usage', message: 'usage: `/incident hold <agency> | <reference> | <reason>`' };
      return { kind: 'hold', agency, reference, reason: reason || undefined };
    }
    case 'release':
      return rest
        ? { kind: 'release', reason: rest }
        : { kind: 'usage', message: 'usage: `/incident release <reason>`' };
    case 'request':
      return restWords[0]
        ? { kind: 'request', gateId: restWords[0] }
        : { kind: 'usage', message: 'usage: `/incident request <gate-id>`' };
    case 'advance':
      return parseAdvance(rest);
    case 'notice-sent':
      return parseNoticeSent(rest);
    case 'close': {
      const force = restWords[0] === '--force';
      const reason = force ? rest.slice('--force'.length).trim() : rest;
      return reason
        ? { kind: 'close', reason, force }
        : { kind: 'usage', message: 'usage: `/incident close <reason>`' };
    }
    default:
      return { kind: 'usage', message: `unknown subcommand "${word}"\n${USAGE}` };
  }
}
