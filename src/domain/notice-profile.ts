// Who gives notice and how readers reach them: the company's name and contacts, and the identity-theft
// service it offers, from configuration (src/config.ts). Part of every notice, so part of what is approved.
import { z } from 'zod';

const text = z.string().trim().min(1).max(300);

export const noticeProfileSchema = z.strictObject({
  companyName: text,
  contactEmail: z.email(),
  contactPhone: text.optional().describe('preferably toll-free'),
  website: text.optional(),
  postalAddress: text.optional(),
  /** GDPR Art. 33(3)(b): the data protection officer or other contact point. */
  dpoContact: text.optional(),
  offer: z
    .strictObject({ provider: text, enrollUrl: text, phone: text.optional() })
    .optional()
    .describe('where readers enrol in the identity-theft service the incident facts offer'),
});
export type NoticeProfile = z.infer<typeof noticeProfileSchema>;

/**
 * The profile from a sender address ("Name <address>"); without one, the fixed profile services fall back to
 * when they are built without configuration (the worker and web edge of one deployment share src/config's).
 */
export function defaultNoticeProfile(from = 'Breachplan <breachplan@localhost>'): NoticeProfile {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  const address = (m?.[2] ?? from).trim();
  return {
    companyName: m?.[1]?.trim() || 'Breachplan',
    contactEmail: address.includes('.') ? address : `${address}.invalid`,
  };
}
