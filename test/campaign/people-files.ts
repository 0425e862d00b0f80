// Generated recipient files for the campaign suites: n people, deterministic, with optional bad rows.
import { writeFileSync } from 'node:fs';

export function personAt(i: number) {
  const country = i % 3 === 0 ? 'DE' : 'US';
  return {
    email: `person${i}@example.test`,
    name: `Person ${i}`,
    locale: i % 4 === 1 ? 'es' : 'en',
    country,
    region: country === 'US' ? (i % 2 ? 'US-CA' : 'US-NY') : '',
    address: '',
    dataCategories: i % 5 === 0 ? 'email;ssn' : 'email;address',
  };
}

export function writeCsv(file: string, n: number, extra: string[] = []): void {
  const lines = ['email,name,locale,country,region,address,data_categories'];
  for (let i = 0; i < n; i++) {
    const p = personAt(i);
    lines.push([p.email, p.name, p.locale, p.country, p.region, p.address, p.dataCategories].join(','));
  }
  writeFileSync(file, [...lines, ...extra].join('\n') + '\n');
}
