// `breachplan` incident commands: each turns its flags into one request to the API (the server validates with
// the domain's schemas and names the field that is wrong) and prints the answer as a table or as JSON.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { IncidentFactsInput } from '../domain/incident';
import { complianceLines } from '../domain/approval';
import { notRequiredPlaces } from '../domain/incident-view';
import type * as msg from '../../workflows/messages';
import { type ApiClient, ApiRefusal } from './api-client';
import { CliUsageError } from './errors';
import { clean, print, table } from './output';

export interface CliContext {
  api(): ApiClient;
}

const list = (v?: string) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** Checked here too, so a typo never becomes a request path. */
export function incidentId(value: string): string {
  const id = value.toUpperCase();
  if (!/^INC-[0-9A-Z-]{4,40}$/.test(id))
    throw new CliUsageError(`"${value}" is not an incident id like INC-20261124-7F3K`);
  return id;
}

const count = (flag: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliUsageError(`${flag}: "${v}" is not a whole number`);
  return Number(v);
};

/** `US-CA:500,DE:700` → affected groups. */
export function parseAffected(spec?: string): IncidentFactsInput['affected'] {
  return list(spec)?.map((part) => {
    const [where, count] = part.split(':');
    if (!where || count === undefined || !/^\d+$/.test(count))
      throw new CliUsageError(`--affected: "${part}" is not PLACE:COUNT (e.g. US-CA:500)`);
    const region = where.includes('-') ? where.toUpperCase() : undefined;
    return { country: where.slice(0, 2).toUpperCase(), region, count: Number(count) };
  });
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A file the CLI reads itself (a runbook): missing or unreadable is bad input naming the flag, exit 2. */
export function readInputFile(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new CliUsageError(
      `${flag} ${file}: ${e.code === 'ENOENT' ? 'no such file' : `cannot read: ${e.code ?? e.message}`}`,
    );
  }
}

/** `--set severity=sev2 --set dataCategories='["email","ssn"]'` → a facts patch (values parsed as JSON when they are). */
export function parseFactAssignments(sets: string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new CliUsageError(`--set: "${s}" is not FIELD=VALUE`);
    const raw = s.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      /* a plain string */
    }
    const key = s.slice(0, eq).trim();
    // Never a key that reaches an object's prototype: refused by name, not dropped on the way.
    if (RESERVED_KEYS.has(key)) throw new CliUsageError(`--set: "${key}" is not a fact (a reserved name)`);
    Object.defineProperty(patch, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return patch;
}

function ago(iso?: string): string {
  return iso ? iso.replace('T', ' ').slice(0, 16) + 'Z' : '-';
}

export function statusText(v: msg.IncidentView): string {
  return clean(statusLines(v));
}

function statusLines(v: msg.IncidentView): string {
  const open = v.tasks.filter((t) => t.status === 'open');
  return [
    `${v.incidentId}  ${v.facts.title}`,
    `  status ${v.status}  severity ${v.facts.severity}  phase ${
      v.phases
        .filter((p) => p.status === 'active')
        .map((p) => p.id)
        .join('+') || '-'
    }  facts v${v.factsVersion}`,
    `  declared ${ago(v.declaredAt)} by ${v.declaredBy.id}; aware ${ago(v.facts.awareAt)}; runbook ${v.runbook.id} v${v.runbook.version} (${v.runbook.hash.slice(0, 12)})`,
    '',
    'Deadlines',
    table(
      ['id', 'status', 'due', 'title', 'kind'],
      v.deadlines.map((d) => [
        d.id,
        d.pausedSince ? `${d.status} (paused)` : d.status,
        d.dueAt ? ago(new Date(d.dueAt).toISOString()) : '-',
        d.title,
        // Legal clocks come only from the obligations engine; a runbook's deadlines are internal targets.
        d.source === 'obligation' ? 'legal' : 'internal target',
      ]),
    ),
    'Obligations',
    table(
      ['obligation', 'status', 'due', 'authority', 'citation'],
      v.obligations
        .filter((o) => (o.override?.status ?? o.status) !== 'not_required')
        .map((o) => [
          o.id,
          o.override ? `${o.override.status} (override)` : o.status,
          o.due ? ago(o.due) : o.internalTarget ? `~${ago(o.internalTarget)}` : '-',
          o.authority ?? o.recipient,
          o.citation,
        ]),
    ),
    ...notRequiredLines(v),
    'Approvals',
    table(
      ['gate', 'status', 'draft', 'votes', 'sent'],
      v.gates.map((g) => [
        g.id,
        g.status,
        g.draft?.contentHash.slice(0, 12),
        g.votes.map((x) => `${x.actor.id}(${x.role})`).join(' '),
        g.noticeSent ? ago(g.noticeSent.at) : '-',
      ]),
    ),
    `Open tasks: ${open.length}   Holds: ${
      v.holds
        .filter((h) => !h.endedAt)
        .map((h) => `${h.id} ${h.agency}`)
        .join(', ') || 'none'
    }   Timeline: ${v.timelineLength} entries`,
    ...(v.campaigns ?? []).map(
      (c) =>
        `Campaign ${c.campaignId}: ${c.status}${c.pausedBy.length ? ` (${c.pausedBy.join(', ')})` : ''}, ${
          c.sent === undefined ? `${c.total} people` : `${c.sent}/${c.total} sent, ${c.failed} undeliverable`
        }  (progress: breachplan campaign status ${v.incidentId})`,
    ),
    ...webhookLines(v),
    '',
  ].join('\n');
}

/** Where the people affected are but nothing is owed, and why: a place is never left out without a word. */
function notRequiredLines(v: msg.IncidentView): string[] {
  const places = notRequiredPlaces(v.obligations);
  if (places.length === 0) return [];
  return [
    'Not required',
    table(
      ['where', 'why', 'citation'],
      places.map((p) => [p.jurisdiction, p.reason, p.citation]),
    ),
  ];
}

/** Parked outbound webhook events: what waits, and the command that sends it again. */
function webhookLines(v: msg.IncidentView): string[] {
  const parked = (v.webhooks?.lanes ?? []).filter((l) => l.parked || l.dropped > 0);
  if (parked.length === 0) return [];
  return [
    '',
    'Webhooks parked',
    table(
      ['subscriber', 'waiting', 'first', 'error', 'dropped'],
      parked.map((l) => [
        l.subscriberId,
        String(l.pending),
        l.parkedEvents[0] ? `${l.parkedEvents[0].type} ${l.parkedEvents[0].id}` : '-',
        l.lastError ?? '-',
        String(l.dropped),
      ]),
    ),
    `  send again: breachplan webhooks redeliver ${v.incidentId} [--subscriber <id>]`,
  ];
}

export function registerIncidentCommands(program: Command, ctx: CliContext): void {
  const path = (id: string, rest = '') => `/incidents/${incidentId(id)}${rest}`;
  const view = (id: string) => ctx.api().get<msg.IncidentView>(path(id));

  program
    .command('declare')
    .description('Declare an incident and start its breach plan')
    .requiredOption('--title <text>')
    .requiredOption('--severity <sev>', 'sev1 … sev4')
    .option('--summary <text>', 'what happened', '')
    .option('--aware-at <iso>', 'when the company became aware (default: now)')
    .option('--data <list>', 'data categories, comma-separated (name,email,ssn,…)')
    .option('--affected <list>', 'where the people live: US-CA:500,DE:700')
    .option('--estimated <n>', 'estimated number of people affected')
    .option('--systems <list>', 'affected systems, comma-separated')
    .option('--encrypted', 'the data was encrypted')
    .option('--key-compromised', 'the encryption key was compromised too')
    .option('--restricted', 'need to know: only its participants, commanders, legal and auditors see it')
    .option('--runbook <file>', 'runbook YAML (default: the server’s runbooks/default.yaml)')
    .option('--json')
    .action(async (o) => {
      const facts: Omit<IncidentFactsInput, 'reporter' | 'awareAt'> & { awareAt?: string; runbook?: string } =
        {
          title: o.title,
          summary: o.summary,
          severity: o.severity,
          awareAt: o.awareAt,
          dataCategories: list(o.data) as IncidentFactsInput['dataCategories'],
          affected: parseAffected(o.affected) ?? [],
          estimatedAffected: count('--estimated', o.estimated),
          affectedSystems: list(o.systems),
          encrypted: Boolean(o.encrypted),
          keyCompromised: Boolean(o.keyCompromised),
          ...(o.restricted ? { restricted: true } : {}),
          ...(o.runbook ? { runbook: readInputFile('--runbook', o.runbook) } : {}),
        };
      let r: { incidentId: string; created: boolean };
      try {
        r = await ctx.api().post<{ incidentId: string; created: boolean }>('/incidents', facts);
      } catch (err) {
        // The server names the runbook `body.runbook`; the person typed --runbook FILE.
        if (o.runbook && err instanceof ApiRefusal && /^body\.runbook\b/.test(err.message))
          throw new CliUsageError(
            `--runbook ${err.message.replace(/^body\.runbook/, o.runbook).replace(/body\.runbook/g, o.runbook)}`,
          );
        throw err;
      }
      print(o.json, r, () => `${r.incidentId} declared\n`);
    });

  program
    .command('list')
    .description('List the incidents you may see')
    .option('--status <status>', 'open or closed')
    .option('--severity <sev>')
    .option('--json')
    .action(async (o) => {
      const rows = await ctx.api().get<
        {
          incidentId: string;
          severity?: string;
          phase?: string;
          status?: string;
          restricted: boolean;
          declared: string;
        }[]
      >('/incidents', { status: o.status, severity: o.severity });
      print(o.json, rows, () =>
        clean(
          table(
            ['incident', 'status', 'severity', 'phase', 'declared'],
            rows.map((r) => [
              `${r.incidentId}${r.restricted ? ' (restricted)' : ''}`,
              r.status,
              r.severity,
              r.phase,
              ago(r.declared),
            ]),
          ),
        ),
      );
    });

  program
    .command('status <incident>')
    .description('Show an incident: phase, deadlines, approvals, tasks')
    .option('--json')
    .action(async (id, o) => {
      const v = await view(id);
      print(o.json, v, () => statusText(v));
    });

  program
    .command('tasks <incident>')
    .description('List runbook tasks (open ones unless --all)')
    .option('--all')
    .option('--json')
    .action(async (id, o) => {
      const v = await view(id);
      const tasks = o.all ? v.tasks : v.tasks.filter((t) => t.status === 'open');
      print(o.json, tasks, () =>
        clean(
          table(
            ['task', 'phase', 'owner', 'status', 'due', 'title'],
            tasks.map((t) => [t.id, t.phase, t.owner, t.status, ago(t.dueAt), t.title]),
          ),
        ),
      );
    });

  /** A command that is one POST: its path after the incident, and its body from arguments and flags. */
  const simple = (
    name: string,
    description: string,
    route: (args: string[]) => string,
    build: (args: string[], o: Record<string, string | boolean | string[] | undefined>) => unknown,
    configure: (c: Command) => Command = (c) => c,
    done: (r: unknown) => string = () => 'done\n',
  ) =>
    configure(program.command(name).description(description).option('--json')).action(
      async (...params: unknown[]) => {
        const cmd = params[params.length - 1] as Command;
        const o = cmd.opts() as Record<string, string | boolean | string[] | undefined>;
        const args = cmd.args;
        const r = await ctx.api().post(path(args[0]!, route(args.slice(1))), build(args.slice(1), o));
        print(o.json as boolean | undefined, r ?? { ok: true }, () => clean(done(r)));
      },
    );
  const str = (v: unknown) => (v === undefined ? undefined : String(v));

  simple(
    'complete',
    'Complete a runbook task with a note',
    ([taskId]) => `/tasks/${encodeURIComponent(taskId!)}/complete`,
    (_a, o) => ({ note: String(o.note ?? '') }),
    (c) => c.argument('<incident>').argument('<task>').requiredOption('--note <text>', 'what was done'),
  );
  simple(
    'facts',
    'Change facts: --set field=value (JSON values allowed) with a --reason',
    () => '/facts',
    (_a, o) => ({ patch: parseFactAssignments((o.set as string[]) ?? []), reason: String(o.reason ?? '') }),
    (c) =>
      c
        .argument('<incident>')
        .option('--set <field=value>', 'a fact to change (repeatable)', (v: string, prev: string[] = []) => [
          ...prev,
          v,
        ])
        .requiredOption('--reason <text>'),
    (r) => `facts now v${(r as { factsVersion: number }).factsVersion}\n`,
  );
  simple(
    'assign',
    'Assign a person a role in this incident',
    () => '/assignments',
    ([personId, role]) => ({ personId, role }),
    (c) => c.argument('<incident>').argument('<person>').argument('<role>'),
  );
  const gate =
    (verb: string) =>
    ([gateId]: string[]) =>
      `/gates/${encodeURIComponent(gateId!)}/${verb}`;
  simple(
    'request-approval',
    'Render the draft of a gated notice and ask for approval',
    gate('request-approval'),
    () => ({}),
    (c) => c.argument('<incident>').argument('<gate>'),
    (r) => {
      const x = r as msg.ApprovalRequestResult;
      // The content check first: the requester learns what approvers will be refused over, before they try.
      const check = x.draft.compliance ? complianceLines(x.draft.compliance).join('\n') + '\n' : '';
      return `requested ${x.requestId}\ndraft ${x.draft.contentHash} (template ${x.draft.templateId} ${x.draft.templateVersion}, facts v${x.draft.factsVersion})\n${check}\n${x.draft.excerpt}\n`;
    },
  );
  const withDraft = async (incident: string, gateId: string, draft?: string) => {
    if (draft && /^[0-9a-f]{64}$/.test(draft)) return draft;
    const current = (await view(incident)).gates.find((g) => g.id === gateId)?.draft?.contentHash;
    if (!current) throw new CliUsageError(`gate "${gateId}" has no draft awaiting approval`);
    if (draft && !current.startsWith(draft))
      throw new CliUsageError(
        `--draft ${draft} is not the draft awaiting approval (${current.slice(0, 12)})`,
      );
    return current;
  };
  program
    .command('approve <incident> <gate>')
    .description('Approve the draft awaiting approval (--draft binds the hash you reviewed)')
    .option('--draft <hash>', 'content hash (or prefix) of the draft you reviewed')
    .option('--comment <text>')
    .option('--json')
    .action(async (id, gateId, o) => {
      const contentHash = await withDraft(id, gateId, o.draft);
      const g = await ctx.api().post<msg.IncidentView['gates'][number]>(path(id, gate('approve')([gateId])), {
        contentHash,
        comment: o.comment,
      });
      print(o.json, g, () =>
        clean(`${gateId}: ${g.status} (${g.votes.map((v) => `${v.actor.id} as ${v.role}`).join(', ')})\n`),
      );
    });
  program
    .command('override-content-check <incident> <gate>')
    .description('Counsel: let a draft that fails the notice content check be approved, with a reason')
    .requiredOption('--reason <text>', 'why it may go out as it is (goes on the timeline)')
    .option('--draft <hash>', 'content hash (or prefix) of the draft you reviewed')
    .option('--json')
    .action(async (id, gateId, o) => {
      const contentHash = await withDraft(id, gateId, o.draft);
      const g = await ctx
        .api()
        .post(path(id, gate('override-content-check')([gateId])), { contentHash, reason: o.reason });
      print(o.json, g, () => `${gateId}: content check overridden for draft ${contentHash.slice(0, 12)}\n`);
    });
  program
    .command('reject <incident> <gate>')
    .description('Reject the draft awaiting approval, with a reason')
    .requiredOption('--reason <text>')
    .option('--draft <hash>')
    .option('--json')
    .action(async (id, gateId, o) => {
      const contentHash = await withDraft(id, gateId, o.draft);
      const g = await ctx.api().post(path(id, gate('reject')([gateId])), { contentHash, reason: o.reason });
      print(o.json, g, () => `${gateId}: rejected\n`);
    });
  simple(
    'notice-sent',
    'Record that an approved notice was sent (channel, reference)',
    gate('notice-sent'),
    (_a, o) => ({
      channel: String(o.channel),
      reference: str(o.reference),
      recipients: count('--recipients', str(o.recipients)),
    }),
    (c) =>
      c
        .argument('<incident>')
        .argument('<gate>')
        .requiredOption('--channel <how>', 'email, portal, post, campaign')
        .option('--reference <ref>')
        .option('--recipients <n>'),
  );
  simple(
    'hold',
    'Place a law-enforcement hold on customer notices',
    () => '/holds',
    (_a, o) => ({
      agency: str(o.agency),
      reference: str(o.reference),
      until: str(o.until),
      reason: str(o.reason),
    }),
    (c) =>
      c
        .argument('<incident>')
        .requiredOption('--agency <name>')
        .requiredOption('--reference <ref>')
        .option('--until <iso>')
        .option('--reason <text>'),
    (r) => `hold ${(r as msg.HoldState).id} placed\n`,
  );
  simple(
    'release',
    'Release a law-enforcement hold',
    () => '/holds/release',
    (_a, o) => ({ holdId: str(o.hold), reason: str(o.reason) }),
    (c) => c.argument('<incident>').option('--hold <id>').requiredOption('--reason <text>'),
  );
  simple(
    'note',
    'Add a note to the timeline',
    () => '/notes',
    (rest) => ({ text: rest.join(' ') }),
    (c) => c.argument('<incident>').argument('<text...>'),
    (r) => `note #${r}\n`,
  );
  simple(
    'advance',
    'Advance to the next phase (or --to PHASE)',
    () => '/advance',
    (_a, o) => ({ to: str(o.to), force: Boolean(o.force), reason: str(o.reason) }),
    (c) =>
      c
        .argument('<incident>')
        .option('--to <phase>')
        .option('--force', 'end phases with open required tasks')
        .option('--reason <text>'),
    (r) => `${(r as msg.IncidentView['phases']).map((p) => `${p.id}:${p.status}`).join('  ')}\n`,
  );
  simple(
    'override',
    'Counsel overrides an obligation (required, not_required, needs_more_info) with a reason',
    ([obligationId]) => `/obligations/${encodeURIComponent(obligationId!)}/override`,
    (_a, o) => ({ status: str(o.status), reason: str(o.reason) }),
    (c) =>
      c
        .argument('<incident>')
        .argument('<obligation>')
        .requiredOption('--status <status>')
        .requiredOption('--reason <text>'),
  );
  simple(
    'close',
    'Close the incident',
    () => '/close',
    (_a, o) => ({ reason: str(o.reason), force: Boolean(o.force) }),
    (c) => c.argument('<incident>').requiredOption('--reason <text>').option('--force'),
  );
}
