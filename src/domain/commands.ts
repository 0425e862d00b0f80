// What people can ask of an incident: one zod schema per message, shared by the edges (which validate input
// and say which field is wrong) and the workflow's update validators (which refuse anything malformed).
import { z } from 'zod';
import { factsPatchSchema, isoTimeSchema } from './incident';
import { phaseIdSchema } from './runbook';
import { actorSchema, roleSchema } from './roles';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const updateFactsSchema = z.object({
  actor: actorSchema,
  patch: factsPatchSchema,
  reason: text(2000),
});
export const assignRoleSchema = z.object({ actor: actorSchema, personId: text(100), role: roleSchema });
export const completeTaskSchema = z.object({ actor: actorSchema, taskId: text(64), note: text(5000) });
export const addNoteSchema = z.object({ actor: actorSchema, text: text(10_000) });
export const requestApprovalSchema = z.object({ actor: actorSchema, gateId: text(64) });
export const approveSchema = z.object({
  actor: actorSchema,
  gateId: text(64),
  requestId: z.string().optional(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'the draft content hash (64 hex characters)'),
  comment: z.string().max(2000).optional(),
});
export const overrideNoticeComplianceSchema = z.object({
  actor: actorSchema,
  gateId: text(64),
  contentHash: approveSchema.shape.contentHash,
  reason: text(2000).describe('why the notice may go out although the content check found problems'),
});
export const rejectSchema = approveSchema.omit({ comment: true }).extend({ reason: text(2000) });
export const placeHoldSchema = z.object({
  actor: actorSchema,
  agency: text(200),
  reference: text(200),
  until: isoTimeSchema.optional(),
  reason: z.string().max(2000).optional(),
});
export const releaseHoldSchema = z.object({
  actor: actorSchema,
  holdId: z.string().optional(),
  reason: text(2000),
});
export const recordNoticeSentSchema = z.object({
  actor: actorSchema,
  gateId: text(64),
  channel: text(100).describe('how it was submitted: email, portal, post, campaign'),
  reference: z.string().max(200).optional(),
  recipients: z.number().int().min(0).optional(),
  /** The authority's receipt of the submission: the edge hashes the file; the hash goes on the timeline. */
  receipt: z
    .strictObject({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 (64 hex characters)'),
      bytes: z.number().int().min(1, 'a receipt file that is not empty'),
      name: z.string().trim().min(1).max(200).optional(),
    })
    .optional(),
});
export const advancePhaseSchema = z.object({
  actor: actorSchema,
  to: phaseIdSchema.optional(),
  force: z.boolean().default(false),
  reason: z.string().max(2000).optional(),
});
export const overrideObligationSchema = z.object({
  actor: actorSchema,
  obligationId: text(100),
  status: z.enum(['required', 'not_required', 'needs_more_info']),
  reason: text(2000),
});
export const closeIncidentSchema = z.object({
  actor: actorSchema,
  reason: text(2000),
  force: z.boolean().default(false),
});

export type UpdateFactsCommand = z.infer<typeof updateFactsSchema>;
export type AssignRoleCommand = z.infer<typeof assignRoleSchema>;
export type CompleteTaskCommand = z.infer<typeof completeTaskSchema>;
export type AddNoteCommand = z.infer<typeof addNoteSchema>;
export type RequestApprovalCommand = z.infer<typeof requestApprovalSchema>;
export type ApproveCommand = z.infer<typeof approveSchema>;
export type OverrideNoticeComplianceCommand = z.infer<typeof overrideNoticeComplianceSchema>;
export type RejectCommand = z.infer<typeof rejectSchema>;
export type PlaceHoldCommand = z.infer<typeof placeHoldSchema>;
export type ReleaseHoldCommand = z.infer<typeof releaseHoldSchema>;
export type RecordNoticeSentCommand = z.infer<typeof recordNoticeSentSchema>;
export type AdvancePhaseCommand = z.input<typeof advancePhaseSchema>;
export type OverrideObligationCommand = z.infer<typeof overrideObligationSchema>;
export type CloseIncidentCommand = z.input<typeof closeIncidentSchema>;

/** Turns a zod failure into one line per field: `patch.severity: Invalid option…`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
}
