// The runbook: the company's breach plan as data. Phases with tasks, approval gates before notices, and
// deadlines with reminders. Validated with zod; its content hash is fixed when an incident is declared.
import { z } from 'zod';
import { durationSchema } from './duration';
import { roleSchema } from './roles';

const idSchema = z.string().regex(/^[a-z][a-z0-9_-]{1,62}$/, 'lowercase id: letters, digits, - or _');

export const PHASE_IDS = [
  'triage',
  'contain',
  'investigate',
  'notify_customers',
  'inform_authorities',
  'remediate',
  'review',
] as const;
export const phaseIdSchema = z.enum(PHASE_IDS);
export type PhaseId = z.infer<typeof phaseIdSchema>;

export const taskSchema = z
  .object({
    id: idSchema,
    title: z.string().min(3),
    description: z.string().optional(),
    owner: roleSchema.describe('role that owns the task'),
    due: durationSchema.optional().describe('due this long after the phase starts'),
    required: z.boolean().default(true).describe('must be done before the phase can end'),
  })
  .strict();
export type RunbookTask = z.infer<typeof taskSchema>;

export const phaseSchema = z
  .object({
    id: phaseIdSchema,
    name: z.string().min(1),
    startsWith: phaseIdSchema.optional().describe('this phase starts together with another one (overlap)'),
    tasks: z.array(taskSchema).default([]),
  })
  .strict();

export const quorumSchema = z
  .array(z.object({ role: roleSchema, count: z.number().int().min(1).max(5).default(1) }).strict())
  .min(1);
export type Quorum = z.infer<typeof quorumSchema>;

export const gateSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['customer_notice', 'authority_notice']),
    title: z.string().min(3),
    phase: phaseIdSchema,
    template: z.string().regex(/^[a-z0-9_/-]+$/, 'a template path under templates/, e.g. notices/customer'),
    quorum: quorumSchema.default([{ role: 'legal', count: 1 }]),
  })
  .strict();
export type RunbookGate = z.infer<typeof gateSchema>;

export const deadlineSchema = z
  .object({
    id: idSchema,
    title: z.string().min(3),
    after: durationSchema,
    from: z.enum(['awareness', 'determination']).default('awareness'),
    reminders: z.array(z.number().gt(0).lt(1)).default([0.5, 0.75, 0.9]).describe('fractions of the time'),
    metBy: z.union([z.object({ gate: idSchema }).strict(), z.object({ task: idSchema }).strict()]),
    pausedByHold: z.boolean().default(false).describe('a law-enforcement hold stops this clock'),
    citation: z.string().optional(),
  })
  .strict();
export type RunbookDeadline = z.infer<typeof deadlineSchema>;

export const runbookSchema = z
  .object({
    id: idSchema,
    name: z.string().min(3),
    version: z.number().int().min(1),
    phases: z.array(phaseSchema).min(1),
    gates: z.array(gateSchema).default([]),
    deadlines: z.array(deadlineSchema).default([]),
  })
  .strict()
  .superRefine((rb, ctx) => {
    const phaseIds = rb.phases.map((p) => p.id);
    rb.phases.forEach((p, i) => {
      if (phaseIds.indexOf(p.id) !== i)
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'id'], message: `duplicate phase "${p.id}"` });
      if (p.startsWith && !phaseIds.includes(p.startsWith)) {
        ctx.addIssue({
          code: 'custom',
          path: ['phases', i, 'startsWith'],
          message: `no phase "${p.startsWith}" in this runbook`,
        });
      }
    });
    const order = PHASE_IDS.filter((id) => phaseIds.includes(id));
    if (order.join() !== phaseIds.join()) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases'],
        message: `phases must follow the breach-plan order: ${order.join(' → ')}`,
      });
    }
    const taskIds = new Set<string>();
    rb.phases.forEach((p, i) =>
      p.tasks.forEach((t, j) => {
        if (taskIds.has(t.id))
          ctx.addIssue({
            code: 'custom',
            path: ['phases', i, 'tasks', j, 'id'],
            message: `duplicate task "${t.id}"`,
          });
        taskIds.add(t.id);
      }),
    );
    const gateIds = new Set<string>();
    rb.gates.forEach((g, i) => {
      if (gateIds.has(g.id))
        ctx.addIssue({ code: 'custom', path: ['gates', i, 'id'], message: `duplicate gate "${g.id}"` });
      gateIds.add(g.id);
      if (!phaseIds.includes(g.phase))
        ctx.addIssue({
          code: 'custom',
          path: ['gates', i, 'phase'],
          message: `no phase "${g.phase}" in this runbook`,
        });
    });
    rb.deadlines.forEach((d, i) => {
      if ('gate' in d.metBy && !gateIds.has(d.metBy.gate)) {
        ctx.addIssue({
          code: 'custom',
          path: ['deadlines', i, 'metBy', 'gate'],
          message: `no gate "${d.metBy.gate}"`,
        });
      }
      if ('task' in d.metBy && !taskIds.has(d.metBy.task)) {
        ctx.addIssue({
          code: 'custom',
          path: ['deadlines', i, 'metBy', 'task'],
          message: `no task "${d.metBy.task}"`,
        });
      }
    });
  });
export type Runbook = z.infer<typeof runbookSchema>;

/** A runbook fixed at declaration: its parsed content and the hash of that content. */
export interface PinnedRunbook {
  runbook: Runbook;
  hash: string;
  source: string;
}
