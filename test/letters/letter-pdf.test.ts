// Every customer template in every locale and reader variant, as a printed letter: the PDF's extracted text
// (poppler's pdftotext) states every line of the very document the content check passed, the address sits in
// the window, pages are as reported, and every font is embedded (pdffonts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_RULES } from '../../src/domain/notice-content';
import { incidentFactsSchema } from '../../src/domain/incident';
import { incidentNoticeData } from '../../src/domain/notice';
import { findingsOf } from '../../src/notices/compliance';
import { templateLocales } from '../../src/notices/draft';
import { addressLines, LetterBatch, LetterLayoutError } from '../../src/notices/print';
import { NoticeRenderer } from '../../src/notices/render';
import { TEMPLATES_DIR } from '../../src/paths';
import { sampleFacts } from '../support/people';

const profile = {
  companyName: 'Acme Bank & Co',
  contactEmail: 'privacy@acme.example',
  contactPhone: '1-800-555-0100',
  postalAddress: '1 Main St\nSpringfield, IL 62701',
  dpoContact: 'Dana Protect, dpo@acme.example',
  offer: { provider: 'IdShield', enrollUrl: 'idshield.example/acme', phone: '1-800-555-0111' },
};
const facts = incidentFactsSchema.parse(
  sampleFacts({
    summary: 'An attacker used a stolen password to copy part of our customer database.',
    breachStartedAt: '2026-11-20T10:00:00Z',
    breachEndedAt: '2026-11-28T18:00:00Z',
    dataCategories: ['name', 'ssn', 'drivers_license', 'email', 'password'],
    servicesOffered: { kind: 'credit_monitoring', months: 24, enrollBy: '2027-03-01T00:00:00Z' },
  }),
);
const incident = incidentNoticeData('INC-20261201-AB12', facts, '2026-12-03T15:00:00Z');
const renderer = new NoticeRenderer(TEMPLATES_DIR, 'notices/customer', profile);
const READERS: { country: string; region?: string }[] = [
  { country: 'US' },
  ...[...CONTENT_RULES.keys()]
    .filter((id) => id.startsWith('US-') && id !== 'US-HIPAA')
    .map((region) => ({ country: 'US', region })),
  { country: 'DE' },
  { country: 'GB' },
];
const tool = (name: string, ...args: string[]) =>
  execFileSync(`/usr/bin/${name}`, args, { encoding: 'utf8' });
// Extracted text wraps lines where the PDF does (also after a hyphen or a slash in a URL); CJK has no spaces,
// so whitespace is dropped entirely there.
const flat = (s: string, locale: string) =>
  locale === 'ja'
    ? s.replace(/\s+/g, '')
    : s
        .replace(/\s+/g, ' ')
        .replace(/([-/]) /g, '$1')
        .trim();

describe('letters for every locale and variant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bp-letter-pdf-'));

  it.each(templateLocales(TEMPLATES_DIR, 'notices/customer'))(
    '%s: the PDF states the checked document',
    async (locale) => {
      const batch = new LetterBatch({ title: 'Notice', createdAt: new Date('2026-12-03T15:00:00Z') });
      const letters = [];
      for (const reader of READERS) {
        const name = locale === 'ja' ? '山田 太郎' : 'Ana Müller-Łukasz';
        const n = renderer.render({
          incident,
          recipient: { name, locale, ...reader, dataCategories: facts.dataCategories },
        });
        expect(findingsOf(n, facts.dataCategories, locale)).toEqual([]);
        const at = batch.add({
          document: n.document,
          locale,
          name,
          address: `Line ${reader.region ?? reader.country} 1\n12345 Town`,
          sender: { name: profile.companyName, address: profile.postalAddress },
          date: '3 December 2026',
          reference: `notice 0123456789ab · L-${reader.region ?? reader.country}`,
        });
        letters.push({ at, n, reader });
      }
      const file = join(dir, `${locale}.pdf`);
      writeFileSync(file, await batch.end());
      const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', file))![1]);
      expect(pages).toBe(letters.reduce((s, l) => s + l.at.pages, 0));
      for (const line of tool('pdffonts', file).trim().split('\n').slice(2))
        expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
      for (const { at, n, reader } of letters) {
        const raw = tool(
          'pdftotext',
          '-raw',
          '-f',
          String(at.firstPage),
          '-l',
          String(at.firstPage + at.pages - 1),
          file,
          '-',
        );
        // The footers (sender, reference, page n of m) come out between the pages' text: taken out first.
        const text = flat(raw.replace(/^Acme Bank & Co · notice .*$/gm, ''), locale);
        const want = [
          n.document.title!,
          ...n.document.sections.flatMap((s) => [s.heading ?? '', ...s.blocks.flatMap((b) => b.lines)]),
        ];
        const missing = want
          .filter((l) => l && !text.includes(flat(l, locale)))
          .map((l) => {
            // Where the text first differs: the longest start of the line the PDF has.
            const f = flat(l, locale);
            let n = 0;
            while (n < f.length && text.includes(f.slice(0, n + 1))) n++;
            const at = text.indexOf(f.slice(0, n)) + n;
            return `…${f.slice(Math.max(0, n - 10), n)}⟦${f.slice(n, n + 20)}⟧ pdf: ${text.slice(at, at + 40)}`;
          });
        expect({ variant: n.variant, missing }).toEqual({ variant: n.variant, missing: [] });
        expect(raw).toContain(`Line ${reader.region ?? reader.country} 1`);
        expect(raw).toContain(`notice 0123456789ab · L-${reader.region ?? reader.country}`);
      }
    },
  );

  it('refuses an address that does not fit the window', () => {
    expect(addressLines('A', 'l1\nl2\nl3\nl4\nl5')).toHaveLength(6);
    expect(() => addressLines('A', 'l1\nl2\nl3\nl4\nl5\nl6')).toThrow(LetterLayoutError);
  });
});
