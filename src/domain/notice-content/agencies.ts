// Contact details of the agencies US notices point readers to (consumer reporting agencies, the FTC, the
// state Attorneys General whose laws name them), as data with source and review date. Check before relying.
export const AGENCIES_REVIEWED = '2026-12-01';

export interface AgencyContact {
  name: string;
  phone: string;
  address: string;
  website: string;
}

export const CONSUMER_REPORTING_AGENCIES: readonly AgencyContact[] = [
  {
    name: 'Equifax',
    phone: '1-888-298-0045',
    address: 'P.O. Box 105788, Atlanta, GA 30348-5788',
    website: 'www.equifax.com/personal/credit-report-services',
  },
  {
    name: 'Experian',
    phone: '1-888-397-3742',
    address: 'P.O. Box 9554, Allen, TX 75013',
    website: 'www.experian.com/help',
  },
  {
    name: 'TransUnion',
    phone: '1-888-909-8872',
    address: 'P.O. Box 2000, Chester, PA 19016',
    website: 'www.transunion.com/credit-help',
  },
];

export const FTC_CONTACT: AgencyContact = {
  name: 'Federal Trade Commission',
  phone: '1-877-438-4338',
  address: '600 Pennsylvania Avenue NW, Washington, DC 20580',
  website: 'www.identitytheft.gov',
};

/** The Attorneys General a state's notice must name (Md. § 14-3504(g)(4), N.C. § 75-65(d)(7)), and others often cited. */
export const STATE_AG_CONTACTS: Readonly<Record<string, AgencyContact>> = {
  'US-MD': {
    name: 'Maryland Attorney General, Identity Theft Unit',
    phone: '1-888-743-0023',
    address: '200 St. Paul Place, Baltimore, MD 21202',
    website: 'www.marylandattorneygeneral.gov',
  },
  'US-NC': {
    name: 'North Carolina Attorney General, Consumer Protection Division',
    phone: '1-877-566-7226',
    address: '9001 Mail Service Center, Raleigh, NC 27699-9001',
    website: 'www.ncdoj.gov',
  },
  'US-NY': {
    name: 'New York Attorney General',
    phone: '1-800-771-7755',
    address: 'The Capitol, Albany, NY 12224-0341',
    website: 'ag.ny.gov',
  },
  'US-OR': {
    name: 'Oregon Department of Justice',
    phone: '1-877-877-9392',
    address: '1162 Court Street NE, Salem, OR 97301-4096',
    website: 'www.doj.state.or.us',
  },
};
