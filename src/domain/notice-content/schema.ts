// A law's rules for what a notice to individuals must and must not say, as data with its citation, source
// and review date. Pure: the renderer, the compliance check and the workflow all read the same rules.
import { z } from 'zod';
import { dataCategorySchema } from '../regulations/facts';
import { noticeElementSchema, noticeSectionSchema } from './elements';

/** When a required element applies: always, or only when some of these data categories were involved. */
export const requirementSchema = z.strictObject({
  element: noticeElementSchema,
  citation: z.string().min(1),
  whenCategories: z.array(dataCategorySchema).min(1).optional(),
  note: z.string().optional(),
});
export type Requirement = z.infer<typeof requirementSchema>;

export const prohibitionSchema = z.strictObject({
  element: noticeElementSchema,
  citation: z.string().min(1),
});

export const contentRuleSchema = z.strictObject({
  /** "US-CA", "US-HIPAA", "EU-GDPR", "GB-UKGDPR": a state code, or a law's id for federal/regional laws. */
  id: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{2,8}$/),
  name: z.string().min(1),
  citation: z.string().min(1),
  source: z.strictObject({ name: z.string().min(1), url: z.url() }),
  lastReviewed: z.iso.date(),
  required: z.array(requirementSchema),
  forbidden: z.array(prohibitionSchema).default([]),
  /** The title the notice must carry, by locale (a locale not listed needs a title, in its own words). */
  title: z.record(z.string(), z.string()).optional(),
  /** Sections the notice must have, in this order, under headings clearly displayed. */
  headings: z
    .strictObject({
      sections: z.array(noticeSectionSchema).min(1),
      /** The exact heading text by locale, where the law prescribes it. */
      text: z.record(z.string(), z.array(z.string())).optional(),
      citation: z.string().min(1),
    })
    .optional(),
  note: z.string().optional(),
});
export type ContentRule = z.infer<typeof contentRuleSchema>;
export type ContentRuleInput = z.input<typeof contentRuleSchema>;
