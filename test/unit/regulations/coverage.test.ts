import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  coverageRows,
  renderReadmeCoverage,
  summarizeCoverage,
  withReadmeCoverage,
} from '../../../src/domain/regulations/coverage';
import { EEA_SUPERVISORY_AUTHORITIES, GDPR_COUNTRIES } from '../../../src/domain/regulations/authorities';

const README = join(__dirname, '../../../src/domain/regulations/README.md');

it('the README coverage section is the one generated from the data (npx tsx scripts/regulations-readme.ts)', () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toContain(renderReadmeCoverage());
  expect(withReadmeCoverage(readme)).toBe(readme);
});

it('lists every rule once with a deadline, citation and review date', () => {
  const rows = coverageRows();
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  for (const r of rows) {
    expect(r.deadline.length).toBeGreaterThan(3);
    expect(r.citation.length).toBeGreaterThan(3);
    expect(r.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  const summary = summarizeCoverage(rows);
  expect(summary.jurisdictions).toBeGreaterThanOrEqual(100);
  expect(rows.find((r) => r.id === 'us-sec-8k-item-1-05')?.deadline).toBe('4 business days of determination');
  expect(rows.find((r) => r.id === 'hk-pdpo-regulator')?.deadline).toBe('voluntary');
});

it('has the supervisory authority of each of the 30 EU/EEA states, with how to notify and languages', () => {
  expect(GDPR_COUNTRIES.size).toBe(30);
  for (const a of Object.values(EEA_SUPERVISORY_AUTHORITIES)) {
    expect(a.name.length).toBeGreaterThan(5);
    expect(a.notify.url).toMatch(/^https:\/\//);
    expect(a.languages.length).toBeGreaterThan(0);
    expect(() => new Intl.DateTimeFormat('en', { timeZone: a.timeZone })).not.toThrow();
  }
});
