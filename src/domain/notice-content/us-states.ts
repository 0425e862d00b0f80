// What US state breach laws say a notice to residents must (and must not) contain, for the states whose
// statutes list contents. Summaries of the statute text as last reviewed; `note` marks judgement calls.
// Counsel reviews the result of the check on every draft; this is decision support, not legal advice.
import type { ContentRuleInput } from './schema';

export const STATES_REVIEWED = '2026-12-01';

const SSN_DL = ['ssn', 'drivers_license', 'national_id'] as const;

export const US_STATE_CONTENT_RULES: ContentRuleInput[] = [
  {
    id: 'US-CA',
    name: 'California',
    citation: 'Cal. Civ. Code § 1798.82(d)',
    source: {
      name: 'California Legislative Information',
      url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.82',
    },
    lastReviewed: STATES_REVIEWED,
    title: { en: 'Notice of Data Breach' },
    headings: {
      sections: [
        'what_happened',
        'what_information',
        'what_we_are_doing',
        'what_you_can_do',
        'for_more_information',
      ],
      text: {
        en: [
          'What Happened',
          'What Information Was Involved',
          'What We Are Doing',
          'What You Can Do',
          'For More Information',
        ],
      },
      citation: 'Cal. Civ. Code § 1798.82(d)(1)',
    },
    required: [
      { element: 'entity_contact', citation: '§ 1798.82(d)(2)(A)' },
      { element: 'data_types', citation: '§ 1798.82(d)(2)(B)' },
      {
        element: 'breach_dates',
        citation: '§ 1798.82(d)(2)(C)',
        note: 'if it can be determined; otherwise say so',
      },
      { element: 'notice_date', citation: '§ 1798.82(d)(2)(D)' },
      { element: 'law_enforcement_delay', citation: '§ 1798.82(d)(2)(E)' },
      { element: 'nature', citation: '§ 1798.82(d)(2)(F)' },
      { element: 'cra_contacts', citation: '§ 1798.82(d)(2)(G)', whenCategories: [...SSN_DL] },
      {
        element: 'identity_theft_services',
        citation: '§ 1798.82(d)(2)(G)',
        whenCategories: [...SSN_DL],
        note: 'at least 12 months at no cost where the business was the source of the breach',
      },
    ],
    note: 'title and headings clearly and conspicuously displayed; text no smaller than 10-point type',
  },
  {
    id: 'US-MA',
    name: 'Massachusetts',
    citation: 'M.G.L. c. 93H, § 3(b) and § 3A',
    source: {
      name: 'Massachusetts General Laws',
      url: 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXV/Chapter93H/Section3',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'police_report_right', citation: 'c. 93H, § 3(b)' },
      { element: 'security_freeze', citation: 'c. 93H, § 3(b) (how to request it; no fee)' },
      {
        element: 'identity_theft_services',
        citation: 'c. 93H, § 3A(a)',
        whenCategories: ['ssn'],
        note: 'credit monitoring for at least 18 months at no cost, with what is needed to enrol',
      },
    ],
    forbidden: [
      { element: 'nature', citation: 'c. 93H, § 3(b): "shall not include the nature of the breach"' },
      { element: 'number_affected', citation: 'c. 93H, § 3(b): nor "the number of residents … affected"' },
    ],
  },
  {
    id: 'US-NY',
    name: 'New York',
    citation: 'N.Y. Gen. Bus. Law § 899-aa(7)',
    source: { name: 'New York State Senate', url: 'https://www.nysenate.gov/legislation/laws/GBS/899-AA' },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'entity_contact', citation: '§ 899-aa(7)' },
      {
        element: 'ftc_contact',
        citation: '§ 899-aa(7): state and federal agencies on breach response and identity theft',
      },
      { element: 'identity_theft_info', citation: '§ 899-aa(7)' },
      {
        element: 'data_types',
        citation: '§ 899-aa(7): which elements were, or are believed to have been, accessed',
      },
    ],
  },
  {
    id: 'US-IL',
    name: 'Illinois',
    citation: '815 ILCS 530/10(a)',
    source: {
      name: 'Illinois General Assembly',
      url: 'https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=2702',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'cra_contacts', citation: '530/10(a)(1)(i)' },
      { element: 'ftc_contact', citation: '530/10(a)(1)(ii)' },
      { element: 'identity_theft_info', citation: '530/10(a)(1)(iii): fraud alerts and security freezes' },
      { element: 'fraud_alert', citation: '530/10(a)(1)(iii)' },
      { element: 'security_freeze', citation: '530/10(a)(1)(iii)' },
    ],
    forbidden: [
      {
        element: 'number_affected',
        citation: '530/10(a): "shall not … include … the number of Illinois residents affected"',
      },
    ],
  },
  {
    id: 'US-MD',
    name: 'Maryland',
    citation: 'Md. Code, Com. Law § 14-3504(g)',
    source: {
      name: 'Maryland General Assembly',
      url: 'https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=gcl&section=14-3504',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'data_types', citation: '§ 14-3504(g)(1)' },
      { element: 'entity_contact', citation: '§ 14-3504(g)(2): address, telephone and toll-free number' },
      { element: 'cra_contacts', citation: '§ 14-3504(g)(3)' },
      { element: 'ftc_contact', citation: '§ 14-3504(g)(4)(i)' },
      { element: 'state_ag_contact', citation: '§ 14-3504(g)(4)(ii)' },
      { element: 'identity_theft_info', citation: '§ 14-3504(g)(4)' },
    ],
  },
  {
    id: 'US-NC',
    name: 'North Carolina',
    citation: 'N.C. Gen. Stat. § 75-65(d)',
    source: {
      name: 'North Carolina General Assembly',
      url: 'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_75/GS_75-65.html',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 75-65(d)(1)' },
      { element: 'data_types', citation: '§ 75-65(d)(2)' },
      { element: 'actions_taken', citation: '§ 75-65(d)(3)' },
      { element: 'contact_procedures', citation: '§ 75-65(d)(4)' },
      { element: 'remain_vigilant', citation: '§ 75-65(d)(5)' },
      { element: 'cra_contacts', citation: '§ 75-65(d)(6)' },
      { element: 'ftc_contact', citation: '§ 75-65(d)(7)' },
      { element: 'state_ag_contact', citation: '§ 75-65(d)(7)' },
      { element: 'identity_theft_info', citation: '§ 75-65(d)(7)' },
    ],
  },
  {
    id: 'US-OR',
    name: 'Oregon',
    citation: 'Or. Rev. Stat. § 646A.604(5)',
    source: { name: 'Oregon Legislature', url: 'https://oregon.public.law/statutes/ors_646A.604' },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 646A.604(5)(a)' },
      { element: 'breach_dates', citation: '§ 646A.604(5)(b)' },
      { element: 'data_types', citation: '§ 646A.604(5)(c)' },
      { element: 'entity_contact', citation: '§ 646A.604(5)(d)' },
      { element: 'cra_contacts', citation: '§ 646A.604(5)(e)' },
      { element: 'report_identity_theft', citation: '§ 646A.604(5)(f)' },
      { element: 'ftc_contact', citation: '§ 646A.604(5)(f)' },
    ],
  },
  {
    id: 'US-CT',
    name: 'Connecticut',
    citation: 'Conn. Gen. Stat. § 36a-701b(b)(2)(B)',
    source: { name: 'Connecticut General Assembly', url: 'https://www.cga.ct.gov/current/pub/chap_669.htm' },
    lastReviewed: STATES_REVIEWED,
    required: [
      {
        element: 'identity_theft_services',
        citation: '§ 36a-701b(b)(2)(B)',
        whenCategories: ['ssn', 'tax_id'],
        note: 'at least 24 months at no cost, with how to enrol and how to place a freeze',
      },
      { element: 'security_freeze', citation: '§ 36a-701b(b)(2)(B)', whenCategories: ['ssn', 'tax_id'] },
    ],
  },
  {
    id: 'US-DE',
    name: 'Delaware',
    citation: 'Del. Code tit. 6, § 12B-102(e)',
    source: { name: 'Delaware Code Online', url: 'https://delcode.delaware.gov/title6/c012b/index.html' },
    lastReviewed: STATES_REVIEWED,
    required: [
      {
        element: 'identity_theft_services',
        citation: 'tit. 6, § 12B-102(e)',
        whenCategories: ['ssn'],
        note: 'credit monitoring for at least 3 years at no cost',
      },
    ],
  },
  {
    id: 'US-HI',
    name: 'Hawaii',
    citation: 'Haw. Rev. Stat. § 487N-2(d)',
    source: {
      name: 'Hawaii State Legislature',
      url: 'https://www.capitol.hawaii.gov/hrscurrent/Vol11_Ch0476-0490/HRS0487N/HRS_0487N-0002.htm',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 487N-2(d)(1)(A)' },
      { element: 'data_types', citation: '§ 487N-2(d)(1)(B)' },
      { element: 'actions_taken', citation: '§ 487N-2(d)(1)(C)' },
      { element: 'contact_procedures', citation: '§ 487N-2(d)(1)(D)' },
      { element: 'remain_vigilant', citation: '§ 487N-2(d)(1)(E)' },
    ],
  },
  {
    id: 'US-IA',
    name: 'Iowa',
    citation: 'Iowa Code § 715C.2(5)',
    source: { name: 'Iowa Legislature', url: 'https://www.legis.iowa.gov/docs/code/715C.2.pdf' },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 715C.2(5)(a)' },
      { element: 'breach_dates', citation: '§ 715C.2(5)(b)' },
      { element: 'data_types', citation: '§ 715C.2(5)(c)' },
      { element: 'cra_contacts', citation: '§ 715C.2(5)(d)' },
      { element: 'report_identity_theft', citation: '§ 715C.2(5)(e)' },
    ],
  },
  {
    id: 'US-MI',
    name: 'Michigan',
    citation: 'Mich. Comp. Laws § 445.72(6)',
    source: {
      name: 'Michigan Legislature',
      url: 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-445-72',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 445.72(6)(c)' },
      { element: 'data_types', citation: '§ 445.72(6)(d)' },
      { element: 'actions_taken', citation: '§ 445.72(6)(e)' },
      { element: 'contact_procedures', citation: '§ 445.72(6)(f)' },
      { element: 'remain_vigilant', citation: '§ 445.72(6)(g)' },
    ],
  },
  {
    id: 'US-MO',
    name: 'Missouri',
    citation: 'Mo. Rev. Stat. § 407.1500.2(4)',
    source: {
      name: 'Missouri Revisor of Statutes',
      url: 'https://revisor.mo.gov/main/OneSection.aspx?section=407.1500',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 407.1500.2(4)(a)' },
      { element: 'data_types', citation: '§ 407.1500.2(4)(b)' },
      { element: 'contact_procedures', citation: '§ 407.1500.2(4)(c)' },
      { element: 'cra_contacts', citation: '§ 407.1500.2(4)(d)' },
      { element: 'remain_vigilant', citation: '§ 407.1500.2(4)(e)' },
    ],
  },
  {
    id: 'US-NH',
    name: 'New Hampshire',
    citation: 'N.H. Rev. Stat. § 359-C:20(IV)',
    source: {
      name: 'New Hampshire General Court',
      url: 'https://www.gencourt.state.nh.us/rsa/html/XXXI/359-C/359-C-20.htm',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 359-C:20(IV)(a)' },
      { element: 'breach_dates', citation: '§ 359-C:20(IV)(b)' },
      { element: 'data_types', citation: '§ 359-C:20(IV)(c)' },
      { element: 'contact_procedures', citation: '§ 359-C:20(IV)(d)' },
    ],
  },
  {
    id: 'US-VT',
    name: 'Vermont',
    citation: '9 V.S.A. § 2435(b)(5)',
    source: {
      name: 'Vermont General Assembly',
      url: 'https://legislature.vermont.gov/statutes/section/09/062/02435',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 2435(b)(5)(A)' },
      { element: 'data_types', citation: '§ 2435(b)(5)(B)' },
      { element: 'actions_taken', citation: '§ 2435(b)(5)(C)' },
      { element: 'contact_procedures', citation: '§ 2435(b)(5)(D): a toll-free number' },
      { element: 'remain_vigilant', citation: '§ 2435(b)(5)(E)' },
      { element: 'breach_dates', citation: '§ 2435(b)(5)(F)' },
    ],
  },
  {
    id: 'US-VA',
    name: 'Virginia',
    citation: 'Va. Code § 18.2-186.6(A)',
    source: {
      name: 'Virginia Law',
      url: 'https://law.lis.virginia.gov/vacode/title18.2/chapter6/section18.2-186.6/',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'nature', citation: '§ 18.2-186.6(A)(1)' },
      { element: 'data_types', citation: '§ 18.2-186.6(A)(2)' },
      { element: 'actions_taken', citation: '§ 18.2-186.6(A)(3)' },
      { element: 'contact_procedures', citation: '§ 18.2-186.6(A)(4)' },
      { element: 'remain_vigilant', citation: '§ 18.2-186.6(A)(5)' },
    ],
  },
  {
    id: 'US-WA',
    name: 'Washington',
    citation: 'Wash. Rev. Code § 19.255.010(6)',
    source: {
      name: 'Washington State Legislature',
      url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=19.255.010',
    },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'entity_contact', citation: '§ 19.255.010(6)(a)' },
      { element: 'data_types', citation: '§ 19.255.010(6)(b)' },
      { element: 'cra_contacts', citation: '§ 19.255.010(6)(c)', whenCategories: [...SSN_DL] },
      { element: 'breach_dates', citation: '§ 19.255.010(6)(d): the time frame of exposure' },
      { element: 'discovery_date', citation: '§ 19.255.010(6)(d)' },
    ],
  },
  {
    id: 'US-WV',
    name: 'West Virginia',
    citation: 'W. Va. Code § 46A-2A-102(d)',
    source: { name: 'West Virginia Legislature', url: 'https://code.wvlegislature.gov/46A-2A-102/' },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'contact_procedures', citation: '§ 46A-2A-102(d)(1)' },
      { element: 'cra_contacts', citation: '§ 46A-2A-102(d)(2)' },
      { element: 'fraud_alert', citation: '§ 46A-2A-102(d)(2)' },
      { element: 'security_freeze', citation: '§ 46A-2A-102(d)(2)' },
    ],
  },
  {
    id: 'US-WY',
    name: 'Wyoming',
    citation: 'Wyo. Stat. § 40-12-502(e)',
    source: { name: 'Wyoming Legislature', url: 'https://wyoleg.gov/statutes/compress/title40.pdf' },
    lastReviewed: STATES_REVIEWED,
    required: [
      { element: 'contact_procedures', citation: '§ 40-12-502(e)(i): a toll-free number' },
      { element: 'data_types', citation: '§ 40-12-502(e)(ii)' },
      { element: 'nature', citation: '§ 40-12-502(e)(iii)' },
      { element: 'breach_dates', citation: '§ 40-12-502(e)(iv)' },
      { element: 'actions_taken', citation: '§ 40-12-502(e)(v)' },
      { element: 'remain_vigilant', citation: '§ 40-12-502(e)(vi)' },
      { element: 'law_enforcement_delay', citation: '§ 40-12-502(e)(vii)' },
    ],
  },
];
