// The text after `/incident`: which subcommand and its arguments, parsed without touching anything else so
// the edge can answer usage errors at once.
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
  | { kind: 'usage'; message: string };

export const USAGE = [
  '`/incident` or `/incident declare` — declare an incident (opens a form)',
  'In an incident channel:',
  '`/incident status` — the current state',
  '`/incident assign @someone <commander|responder|legal|communications|auditor>`',
  '`/incident task <task-id> <what was done>` — complete a task',
  '`/incident note <text>` — add a note to the timeline',
  '`/incident facts severity=sev2 estimatedAffected=1500 dataCategories=name,email | <why>`',
  '`/incident hold <agency> | <reference> | <reason>` · `/incident release <reason>`',
  '`/incident request <gate-id>` — ask for approval of a notice draft',
  '`/incident close <reason>` (`close --force <reason>` outside the review phase)',
].join('\n');

const LIST_FACTS = new Set(['dataCategories', 'affectedSystems']);

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
  return raw.replace(/^"(.*)"$/s, '$1');
}

/** `key=value key2="two words" | reason`: the patch before the bar, the reason after it. */
function parseFacts(rest: string): IncidentCommand {
  const bar = rest.indexOf('|');
  const reason = bar >= 0 ? rest.slice(bar + 1).trim() : '';
  const assignments = bar >= 0 ? rest.slice(0, bar) : rest;
  const patch: Record<string, unknown> = {};
  const re = /([A-Za-z]+)=("[^"]*"|\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(assignments))) patch[m[1]!] = factValue(m[1]!, m[2]!);
  if (Object.keys(patch).length === 0 || !reason)
    return { kind: 'usage', message: 'usage: `/incident facts key=value … | <why it changed>`' };
  return { kind: 'facts', patch, reason };
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
