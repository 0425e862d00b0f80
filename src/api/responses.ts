// What each operation of /api/v1 answers, as zod schemas: the OpenAPI document shows them (src/api/openapi.ts),
// and test/api/openapi-responses.test.ts parses real answers with them, so they cannot drift from the code.
// Objects are loose (more fields may come: clients ignore what they do not know); the fields named are the
// contract. Kept beside the operation table, not in it, so that adding an operation touches one line here.
import { z } from 'zod';
import { incidentStatusSchema } from '../domain/incident';
import { principalSchema } from '../domain/principal';
import { actorSchema, roleSchema } from '../domain/roles';

const time = z.string().describe('ISO 8601 time');

const draftSchema = z.looseObject({
  contentHash: z.string(),
  subject: z.string().optional(),
});

export const gateStateSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  phase: z.string(),
  status: z.enum(['not_requested', 'drafting', 'pending', 'approved', 'rejected']),
  requestId: z.string().optional(),
  requestedBy: actorSchema.optional(),
  draft: draftSchema.optional(),
  votes: z.array(z.looseObject({ actor: actorSchema })),
  noticeSent: z.looseObject({ at: time, channel: z.string() }).optional(),
});

export const taskStateSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  phase: z.string(),
  status: z.enum(['open', 'done']),
  dueAt: time.optional(),
  completedBy: actorSchema.optional(),
});

export const holdStateSchema = z.looseObject({
  id: z.string(),
  agency: z.string(),
  reference: z.string(),
  requestedBy: actorSchema,
  placedAt: time,
  until: time.optional(),
  endedAt: time.optional(),
});

export const obligationStateSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  gateId: z.string().optional(),
  deadlineId: z.string().optional(),
});

export const campaignSummarySchema = z.looseObject({
  campaignId: z.string(),
  workflowId: z.string(),
  listHash: z.string(),
  gateId: z.string(),
  status: z.string(),
  total: z.number().int(),
  startedBy: actorSchema,
  startedAt: time,
  sent: z.number().int().optional(),
  failed: z.number().int().optional(),
});

const phaseSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'active', 'done']),
  startedAt: time.optional(),
  completedAt: time.optional(),
});

export const incidentViewSchema = z.looseObject({
  incidentId: z.string(),
  status: incidentStatusSchema,
  declaredAt: time,
  declaredBy: actorSchema,
  closedAt: time.optional(),
  facts: z.looseObject({ title: z.string(), severity: z.string() }),
  factsVersion: z.number().int(),
  factsHash: z.string(),
  runbook: z.looseObject({ id: z.string(), name: z.string(), version: z.number(), hash: z.string() }),
  phases: z.array(phaseSchema),
  tasks: z.array(taskStateSchema),
  gates: z.array(gateStateSchema),
  holds: z.array(holdStateSchema),
  deadlines: z.array(z.looseObject({ id: z.string() })),
  obligations: z.array(obligationStateSchema),
  assignments: z.array(
    z.looseObject({ personId: z.string(), role: roleSchema, assignedBy: z.string(), at: time }),
  ),
  timelineLength: z.number().int(),
  timelineHead: z.string(),
  campaigns: z.array(campaignSummarySchema).optional(),
});

const ok = z.looseObject({ ok: z.literal(true) }).describe('`{ok: true}`: done, nothing more to say');
const timelineEntrySchema = z.looseObject({ seq: z.number().int(), at: time, type: z.string() });

/** The answer schema of each operation that has no `response.schema` of its own in the table. */
export const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  whoami: z.looseObject({ actor: actorSchema, principal: principalSchema, mode: z.string() }),
  getIncident: incidentViewSchema,
  updateFacts: z.looseObject({ factsVersion: z.number().int(), changed: z.array(z.string()) }),
  assignRole: ok,
  completeTask: taskStateSchema,
  addNote: z.number().int().describe('the timeline sequence number of the note'),
  placeHold: holdStateSchema,
  releaseHold: holdStateSchema,
  requestApproval: z.looseObject({ gateId: z.string(), requestId: z.string(), draft: draftSchema }),
  approve: gateStateSchema,
  overrideContentCheck: gateStateSchema,
  reject: gateStateSchema,
  recordNoticeSent: gateStateSchema,
  advancePhase: z.array(phaseSchema),
  overrideObligation: obligationStateSchema,
  closeIncident: ok,
  importRecipients: z.looseObject({
    listHash: z.string(),
    rejects: z.array(z.looseObject({ line: z.number().int(), reason: z.string() })),
    factsChanged: z.array(z.string()).optional(),
  }),
  previewNotice: z.looseObject({
    contentHash: z.string(),
    compliance: z.unknown(),
    found: z.unknown(),
    text: z.string(),
  }),
  startCampaign: campaignSummarySchema,
  pauseCampaign: campaignSummarySchema,
  resumeCampaign: campaignSummarySchema,
  cancelCampaign: campaignSummarySchema,
  campaignStatus: z.looseObject({ campaign: campaignSummarySchema, progress: z.unknown() }),
  exportUndeliverable: z.array(
    z.looseObject({
      email: z.string(),
      name: z.string().optional(),
      smtpCode: z.number(),
      reason: z.string(),
    }),
  ),
  exportTimeline: z.looseObject({ entries: z.array(timelineEntrySchema) }),
  incidentAsOf: z.looseObject({ state: z.unknown(), entries: z.array(timelineEntrySchema) }),
  computeObligations: z.looseObject({ obligations: z.array(z.looseObject({ id: z.string() })) }),
};
