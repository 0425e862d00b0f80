// A regulator package: the fields an authority's form asks (src/domain/regulator-forms.ts), filled from the
// incident's facts, the notice profile and the obligation, as text for counsel to approve (it is part of the
// authority notice's draft, so the approval hash binds it) and as fields for whoever files it.
import type { IncidentFacts } from '../domain/incident';
import { defaultNoticeProfile, type NoticeProfile } from '../domain/notice-profile';
import { type FormField, formFor, type RegulatorForm } from '../domain/regulator-forms';
import { categoriesInWords, dateInWords } from './words';
import { sha256 } from './hash';

/** What a package needs of its obligation (the workflow passes the obligation as it has it). */
export interface PackageObligation {
  id: string;
  jurisdiction: string;
  recipient?: string;
  authority?: string;
  citation: string;
  due: string | null;
  template: string;
  affectedCount?: number;
}

export interface PackageField extends FormField {
  /** null: not known from the facts, or for counsel to complete (`manual`). */
  value: string | null;
}

export interface RegulatorPackage {
  obligationId: string;
  form: Omit<RegulatorForm, 'fields'>;
  fields: PackageField[];
  /** Required fields without a value: what counsel completes before filing. */
  missing: string[];
  text: string;
  contentHash: string;
}

export const TO_COMPLETE = '[to be completed by counsel]';

const when = (iso?: string) => (iso ? `${dateInWords('en', iso, 'UTC')} (${iso})` : null);
const yesNo = (b?: boolean) => (b === undefined ? null : b ? 'Yes' : 'No');

function valueOf(
  from: FormField['from'],
  facts: IncidentFacts,
  profile: NoticeProfile,
  o: PackageObligation,
  incidentId: string,
): string | null {
  switch (from) {
    case 'company.name':
      return profile.companyName;
    case 'company.address':
      return profile.postalAddress ?? null;
    case 'company.contact':
      return [profile.contactEmail, profile.contactPhone].filter(Boolean).join(', ');
    case 'company.dpo':
      return profile.dpoContact ?? null;
    case 'incident.id':
      return incidentId;
    case 'facts.summary':
      return facts.summary.trim() || null;
    case 'facts.awareAt':
      return when(facts.awareAt);
    case 'facts.determinedAt':
      return when(facts.determinedAt);
    case 'facts.breachStartedAt':
      return when(facts.breachStartedAt);
    case 'facts.breachEndedAt':
      return when(facts.breachEndedAt);
    case 'facts.dataCategories':
      return facts.dataCategories.length
        ? categoriesInWords('en', facts.dataCategories).replace(/\byour /g, '')
        : null;
    case 'facts.estimatedAffected':
      return facts.estimatedAffected ? String(facts.estimatedAffected) : null;
    case 'facts.encrypted':
      return yesNo(facts.encrypted);
    case 'facts.contained':
      return facts.contained === undefined
        ? null
        : facts.contained
          ? 'The incident has been contained; the access it gave has been closed off.'
          : 'The incident is not yet contained.';
    case 'facts.lawEnforcementDelay':
      return yesNo(facts.lawEnforcementDelay);
    case 'facts.servicesOffered': {
      const s = facts.servicesOffered;
      if (!s) return 'None';
      return `${s.months} months of ${s.kind.replace(/_/g, ' ')}${profile.offer ? ` through ${profile.offer.provider}` : ''}, at no cost`;
    }
    case 'facts.cyberAttack':
      return facts.cyberAttack === undefined ? null : facts.cyberAttack ? 'Hacking/IT incident' : null;
    case 'obligation.affectedCount':
      return o.affectedCount !== undefined ? String(o.affectedCount) : null;
    case 'obligation.due':
      return o.due;
    case 'obligation.citation':
      return o.citation;
    case 'manual':
      return null;
  }
}

/** The package for an obligation, or undefined when no form is modelled for it. */
export function regulatorPackage(
  o: PackageObligation,
  incidentId: string,
  facts: IncidentFacts,
  profile: NoticeProfile = defaultNoticeProfile(),
): RegulatorPackage | undefined {
  const form = formFor({
    template: o.template,
    jurisdiction: o.jurisdiction,
    recipient: o.recipient ?? 'regulator',
  });
  if (!form) return undefined;
  const fields = form.fields.map((f) => ({ ...f, value: valueOf(f.from, facts, profile, o, incidentId) }));
  const missing = fields.filter((f) => f.required && f.value === null).map((f) => f.id);
  const { fields: _omit, ...meta } = form;
  const lines = [
    `REGULATOR PACKAGE: ${form.title}`,
    `Authority: ${o.authority ?? form.authority} (${o.jurisdiction}); obligation ${o.id} under ${o.citation}`,
    `Form: ${form.citation}; source ${form.source.name} <${form.source.url}>, reviewed ${form.lastReviewed}`,
    `Filed by ${form.channel}; due ${o.due ?? 'no fixed deadline'}`,
    '',
    ...fields.flatMap((f, i) => [
      `${i + 1}. ${f.label}${f.citation ? ` [${f.citation}]` : ''}${f.required ? '' : ' (if applicable)'}`,
      `   ${(f.value ?? TO_COMPLETE).replace(/\n/g, '\n   ')}`,
    ]),
    '',
    missing.length ? `To complete before filing: ${missing.join(', ')}` : 'Every required field is filled.',
  ];
  const text = `${lines.join('\n')}\n`;
  return {
    obligationId: o.id,
    form: meta,
    fields,
    missing,
    text,
    contentHash: sha256(text),
  };
}
