// `breachplan` incident commands: each validates its flags with zod, resolves the actor through the role
// directory, and sends one message to the incident workflow through the shared client.
import { describeFinding } from '../notices/compliance';
import type { Command } from 'commander';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { describeIssues } from '../domain/commands';
import { type IncidentFactsInput, incidentIdFromWorkflowId, incidentIdSchema } from '../domain/incident';
import type { Actor } from '../domain/roles';
import * as msg from '../../workflows/messages';
import { declareIncident, incidentHandle, loadRunbookFile } from '../temporal/incidents';
import { CliUsageError } from './errors';
import { print, table } from './output';
import { cliAuthenticated, cliSend } from './embedded-signing';

export interface CliContext {
  client(): Promise<Client>;
  taskQueue(): string;
  actor(as?: string): Actor;
}

const list = (v?: string) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliUsageError(describeIssues(r.error));
  return r.data;
}

function incidentId(value: string): string {
  return parse(incidentIdSchema, value.toUpperCase());
}

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
    patch[s.slice(0, eq)] = value;
  }
  return patch;
}

function ago(iso?: string): string {
  return iso ? iso.replace('T', ' ').slice(0, 16) + 'Z' : '-';
}

export function statusText(v: msg.IncidentView): string {
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
      ['id', 'status', 'due', 'title'],
      v.deadlines.map((d) => [
        d.id,
        d.pausedSince ? `${d.status} (paused)` : d.status,
        d.dueAt ? ago(new Date(d.dueAt).toISOString()) : '-',
        d.title,
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
    '',
  ].join('\n');
}

export function registerIncidentCommands(program: Command, ctx: CliContext): void {
  const handle = async (id: string) => incidentHandle(await ctx.client(), incidentId(id));
  const asOpt = (c: Command) =>
    c.option('--as <person>', 'act as this person (id, email or Slack id); default BREACHPLAN_ACTOR');

  asOpt(program.command('declare'))
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
    .option('--runbook <file>', 'runbook YAML (default runbooks/default.yaml)')
    .option('--json')
    .action(async (o) => {
      const actor = ctx.actor(o.as);
      const affected = parseAffected(o.affected) ?? [];
      const facts: IncidentFactsInput = {
        title: o.title,
        summary: o.summary,
        severity: o.severity,
        reporter: actor.id,
        awareAt: o.awareAt ?? new Date().toISOString(),
        dataCategories: list(o.data) as IncidentFactsInput['dataCategories'],
        affected,
        estimatedAffected:
          o.estimated !== undefined
            ? parse(z.coerce.number().int().min(0), o.estimated)
            : affected.reduce((n, g) => n + g.count, 0),
        affectedSystems: list(o.systems),
        encrypted: Boolean(o.encrypted),
        keyCompromised: Boolean(o.keyCompromised),
      };
      const r = await declareIncident(await ctx.client(), ctx.taskQueue(), {
        facts,
        runbook: loadRunbookFile(o.runbook),
        as: cliAuthenticated(actor),
      });
      print(o.json, r, () => `${r.incidentId} declared\n`);
    });

  program
    .command('list')
    .description('List incidents')
    .option('--status <status>', 'open or closed')
    .option('--severity <sev>')
    .option('--json')
    .action(async (o) => {
      const client = await ctx.client();
      const clauses = ['WorkflowType = "incidentWorkflow"'];
      if (o.status) clauses.push(`BreachplanStatus = "${parse(z.enum(['open', 'closed']), o.status)}"`);
      if (o.severity)
        clauses.push(`BreachplanSeverity = "${parse(z.enum(['sev1', 'sev2', 'sev3', 'sev4']), o.severity)}"`);
      const rows: {
        incidentId: string;
        severity?: unknown;
        phase?: unknown;
        status?: unknown;
        started: string;
      }[] = [];
      for await (const w of client.workflow.list({ query: clauses.join(' AND ') })) {
        const sa = w.searchAttributes as Record<string, unknown[] | undefined>;
        rows.push({
          incidentId: incidentIdFromWorkflowId(w.workflowId) ?? w.workflowId,
          severity: sa.BreachplanSeverity?.[0],
          phase: sa.BreachplanPhase?.[0],
          status: sa.BreachplanStatus?.[0],
          started: w.startTime.toISOString(),
        });
        if (rows.length >= 200) break;
      }
      print(o.json, rows, () =>
        table(
          ['incident', 'status', 'severity', 'phase', 'declared'],
          rows.map((r) => [
            r.incidentId,
            String(r.status),
            String(r.severity),
            String(r.phase),
            ago(r.started),
          ]),
        ),
      );
    });

  program
    .command('status <incident>')
    .description('Show an incident: phase, deadlines, approvals, tasks')
    .option('--json')
    .action(async (id, o) => {
      const v = await (await handle(id)).query(msg.getIncident);
      print(o.json, v, () => statusText(v));
    });

  program
    .command('tasks <incident>')
    .description('List runbook tasks (open ones unless --all)')
    .option('--all')
    .option('--json')
    .action(async (id, o) => {
      const v = await (await handle(id)).query(msg.getIncident);
      const tasks = o.all ? v.tasks : v.tasks.filter((t) => t.status === 'open');
      print(o.json, tasks, () =>
        table(
          ['task', 'phase', 'owner', 'status', 'due', 'title'],
          tasks.map((t) => [t.id, t.phase, t.owner, t.status, ago(t.dueAt), t.title]),
        ),
      );
    });

  const simple = <C extends { actor: Actor }>(
    name: string,
    description: string,
    def: import('@temporalio/common').UpdateDefinition<unknown, [C]>,
    build: (args: string[], o: Record<string, string | boolean | undefined>, actor: Actor) => C,
    configure: (c: Command) => Command = (c) => c,
    done: (r: unknown) => string = () => 'done\n',
  ) =>
    configure(asOpt(program.command(name)).description(description).option('--json')).action(
      async (...params: unknown[]) => {
        const cmd = params[params.length - 1] as Command;
        const o = cmd.opts() as Record<string, string | boolean | undefined>;
        const args = cmd.args;
        const h = await handle(args[0]!);
        const r = await cliSend(h, def, build(args.slice(1), o, ctx.actor(o.as as string | undefined)));
        print(o.json as boolean | undefined, r ?? { ok: true }, () => done(r));
      },
    );

  simple(
    'complete',
    'Complete a runbook task with a note',
    msg.completeTask,
    ([taskId], o, actor) => ({ actor, taskId: taskId!, note: String(o.note ?? '') }),
    (c) => c.argument('<incident>').argument('<task>').requiredOption('--note <text>', 'what was done'),
  );
  simple(
    'facts',
    'Change facts: --set field=value (JSON values allowed) with a --reason',
    msg.updateFacts,
    (_a, o, actor) => ({
      actor,
      patch: parseFactAssignments((o.set as unknown as string[]) ?? []),
      reason: String(o.reason ?? ''),
    }),
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
    msg.assignRole,
    ([personId, role], _o, actor) => ({ actor, personId: personId!, role: role as never }),
    (c) => c.argument('<incident>').argument('<person>').argument('<role>'),
  );
  simple(
    'request-approval',
    'Render the draft of a gated notice and ask for approval',
    msg.requestApproval,
    ([gateId], _o, actor) => ({ actor, gateId: gateId! }),
    (c) => c.argument('<incident>').argument('<gate>'),
    (r) => {
      const x = r as msg.ApprovalRequestResult;
      const c = x.draft.compliance;
      const check = !c
        ? ''
        : c.ok
          ? `content check: OK (${c.checked} notices)\n`
          : `content check: ${c.findings.length} problem(s) — approval needs a counsel override (breachplan override-content-check):\n${c.findings.map((f) => `  - ${describeFinding(f)}\n`).join('')}`;
      return `requested ${x.requestId}\ndraft ${x.draft.contentHash} (template ${x.draft.templateId} ${x.draft.templateVersion}, facts v${x.draft.factsVersion})\n${check}\n${x.draft.excerpt}\n`;
    },
  );
  const withDraft = async (incident: string, gateId: string, draft?: string) => {
    if (draft && /^[0-9a-f]{64}$/.test(draft)) return draft;
    const v = await (await handle(incident)).query(msg.getIncident);
    const current = v.gates.find((g) => g.id === gateId)?.draft?.contentHash;
    if (!current) throw new CliUsageError(`gate "${gateId}" has no draft awaiting approval`);
    if (draft && !current.startsWith(draft))
      throw new CliUsageError(
        `--draft ${draft} is not the draft awaiting approval (${current.slice(0, 12)})`,
      );
    return current;
  };
  asOpt(program.command('approve <incident> <gate>'))
    .description('Approve the draft awaiting approval (--draft binds the hash you reviewed)')
    .option('--draft <hash>', 'content hash (or prefix) of the draft you reviewed')
    .option('--comment <text>')
    .option('--json')
    .action(async (id, gateId, o) => {
      const contentHash = await withDraft(id, gateId, o.draft);
      const g = await cliSend(await handle(id), msg.approve, {
        actor: ctx.actor(o.as),
        gateId,
        contentHash,
        comment: o.comment,
      });
      print(
        o.json,
        g,
        () => `${gateId}: ${g.status} (${g.votes.map((v) => `${v.actor.id} as ${v.role}`).join(', ')})\n`,
      );
    });
  asOpt(program.command('override-content-check <incident> <gate>'))
    .description('Counsel: let a draft that fails the notice content check be approved, with a reason')
    .requiredOption('--reason <text>', 'why it may go out as it is (goes on the timeline)')
    .option('--draft <hash>', 'content hash (or prefix) of the draft you reviewed')
    .option('--json')
    .action(async (id, gateId, o) => {
      const contentHash = await withDraft(id, gateId, o.draft);
      const g = await cliSend(await handle(id), msg.overrideNoticeCompliance, {
        actor: ctx.actor(o.as),
        gateId,
        contentHash,
        reason: o.reason,
      });
      print(o.json, g, () => `${gateId}: content check overridden for draft ${contentHash.slice(0, 12)}\n`);
    });
  asOpt(program.command('reject <incident> <gate>'))
    .description('Reject the draft awaiting approval, with a reason')
    .requiredOption('--reason <text>')
    .option('--draft <hash>')
    .option('--json')
    .action(async (id, gateId, o) => {
      const contentHash = await withDraft(id, gateId, o.draft);
      const g = await cliSend(await handle(id), msg.reject, {
        actor: ctx.actor(o.as),
        gateId,
        contentHash,
        reason: o.reason,
      });
      print(o.json, g, () => `${gateId}: rejected\n`);
    });
  simple(
    'notice-sent',
    'Record that an approved notice was sent (channel, reference)',
    msg.recordNoticeSent,
    ([gateId], o, actor) => ({
      actor,
      gateId: gateId!,
      channel: String(o.channel),
      reference: o.reference as string | undefined,
      recipients:
        o.recipients === undefined ? undefined : parse(z.coerce.number().int().min(0), o.recipients),
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
    msg.placeHold,
    (_a, o, actor) => ({
      actor,
      agency: String(o.agency),
      reference: String(o.reference),
      until: o.until as string | undefined,
      reason: o.reason as string | undefined,
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
    msg.releaseHold,
    (_a, o, actor) => ({ actor, holdId: o.hold as string | undefined, reason: String(o.reason) }),
    (c) => c.argument('<incident>').option('--hold <id>').requiredOption('--reason <text>'),
  );
  simple(
    'note',
    'Add a note to the timeline',
    msg.addNote,
    (rest, _o, actor) => ({ actor, text: rest.join(' ') }),
    (c) => c.argument('<incident>').argument('<text...>'),
    (r) => `note #${r}\n`,
  );
  simple(
    'advance',
    'Advance to the next phase (or --to PHASE)',
    msg.advancePhase,
    (_a, o, actor) => ({
      actor,
      to: o.to as never,
      force: Boolean(o.force),
      reason: o.reason as string | undefined,
    }),
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
    msg.overrideObligation,
    ([obligationId], o, actor) => ({
      actor,
      obligationId: obligationId!,
      status: o.status as never,
      reason: String(o.reason),
    }),
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
    msg.closeIncident,
    (_a, o, actor) => ({ actor, reason: String(o.reason), force: Boolean(o.force) }),
    (c) => c.argument('<incident>').requiredOption('--reason <text>').option('--force'),
  );
}
