// One lookup for "who is the regulator here, in which languages and time zone": EU/EEA supervisory
// authorities, the UK's ICO and the authorities of the world table. Plain data for notice packages.
import { EEA_SUPERVISORY_AUTHORITIES, UK_ICO, type Authority } from './authorities';
import { WORLD_LAWS } from './world-data';

const WORLD_AUTHORITIES: ReadonlyMap<string, Authority> = new Map(
  WORLD_LAWS.map((law) => [law.code, { ...law.authority, country: law.code, timeZone: law.clock.timeZone }]),
);

/** The data-protection authority of a country (ISO 3166-1 alpha-2), where the tables name one. */
export function authorityFor(country: string): Authority | undefined {
  if (country === 'GB') return UK_ICO;
  return EEA_SUPERVISORY_AUTHORITIES[country] ?? WORLD_AUTHORITIES.get(country);
}
