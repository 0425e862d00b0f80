// The vocabulary a notice is checked in: the statements a breach notice can make (elements) and the headed
// sections it can have. Templates tag each paragraph with the elements it states; the content rules of each
// law say which elements must, or must not, appear.
import { z } from 'zod';

export const noticeElements = {
  entity_contact: 'the name and contact details of the business giving notice',
  nature: 'a description of the incident (what happened)',
  breach_dates: 'the date, estimated date or date range of the breach (or that it could not be determined)',
  discovery_date: 'the date the breach was discovered',
  notice_date: 'the date of the notice',
  data_types: 'the types of personal information involved',
  law_enforcement_delay: 'whether the notice was delayed by a law-enforcement investigation',
  containment: 'whether the incident has been contained',
  actions_taken:
    'what the business is doing to investigate, mitigate harm and protect against further breaches',
  steps_individual: 'the steps the reader can take to protect themselves',
  remain_vigilant: 'advice to remain vigilant: review account statements and monitor free credit reports',
  cra_contacts: 'toll-free numbers and addresses of the major consumer reporting agencies',
  ftc_contact: 'toll-free number, address and website of the Federal Trade Commission',
  state_ag_contact: 'contact details of the state Attorney General',
  identity_theft_info:
    'that the reader can get information on identity theft, fraud alerts and freezes from these sources',
  report_identity_theft:
    'advice to report suspected identity theft to law enforcement, the Attorney General and the FTC',
  identity_theft_services:
    'the offer of identity-theft prevention / credit monitoring services at no cost, with how to enrol',
  police_report_right: 'the right to obtain a police report',
  security_freeze: 'how to place a security freeze, and that it is free',
  fraud_alert: 'how to place a fraud alert',
  contact_procedures: 'how to ask questions: a toll-free number, email address, website or postal address',
  dpo_contact: 'the name and contact details of the data protection officer or other contact point',
  likely_consequences: 'the likely consequences of the breach',
  measures_taken: 'the measures taken or proposed to address the breach, including to mitigate its effects',
  regulator_complaint: 'the right to complain to the supervisory authority',
  number_affected: 'the number of people affected',
} as const;

export type NoticeElement = keyof typeof noticeElements;
export const noticeElementIds = Object.keys(noticeElements) as [NoticeElement, ...NoticeElement[]];
export const noticeElementSchema = z.enum(noticeElementIds);

/** The headed sections a notice can have, in their usual order (California's model form). */
export const noticeSections = [
  'what_happened',
  'what_information',
  'what_we_are_doing',
  'what_you_can_do',
  'for_more_information',
] as const;
export type NoticeSection = (typeof noticeSections)[number];
export const noticeSectionSchema = z.enum(noticeSections);
