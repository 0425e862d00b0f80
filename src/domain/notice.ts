// The data a customer notice is rendered from, checked with zod before anything is rendered or sent: a
// template in strict mode fails on a missing field, and this says which field of which person is missing.
import { z } from 'zod';
import { dataCategorySchema, type IncidentFacts } from './incident';

export const noticeDataSchema = z.object({
  incident: z.looseObject({
    id: z.string().min(1),
    title: z.string().min(1),
    summary: z.string().refine((v) => v.trim().length > 0, 'the notice needs a summary of what happened'),
    awareAt: z.string().min(1),
    dataCategories: z.array(dataCategorySchema),
  }),
  recipient: z.object({
    name: z.string().refine((v) => v.trim().length > 0, 'a name to address the person by'),
    /** Absent for a person who gets a printed letter. */
    email: z.string().min(3).optional(),
    locale: z.string().min(2),
    country: z.string().length(2),
    region: z.string().optional(),
    dataCategories: z.array(dataCategorySchema).min(1, 'which of this person’s data was involved'),
  }),
});
export type NoticeData = z.infer<typeof noticeDataSchema>;

/** The incident part of a notice; `noticeDate` is the date the notice states (the approved draft's). */
export function incidentNoticeData(
  incidentId: string,
  facts: IncidentFacts,
  noticeDate?: string,
): NoticeData['incident'] {
  return noticeDate ? { id: incidentId, ...facts, noticeDate } : { id: incidentId, ...facts };
}

/**
 * The sample person legal reviews: a placeholder name, the incident's data categories.
 * Drafts, previews and the campaign's start check render the same sample, so their hashes agree.
 */
export function sampleRecipient(facts: IncidentFacts, locale = 'en'): NoticeData['recipient'] {
  return {
    name: '{{recipient name}}',
    email: 'recipient@example.invalid',
    locale,
    country: 'US',
    dataCategories: facts.dataCategories,
  };
}
