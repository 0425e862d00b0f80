// The reader's language at import: a person without a locale (or with one the notice has no template for) gets
// the official language of their EU/EEA country where the project has it, else English; counted in the result.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countryLanguage } from '../../src/domain/notice-content/languages';
import { importRecipients } from '../../src/recipients/import';
import { readRecipients } from '../../src/recipients/store';
import { noticeLocales } from '../../src/notices/render';
import { generateCodecKey } from '../../src/temporal/codec';

const keys = [generateCodecKey('k1')];
const TEMPLATES = join(__dirname, '../../templates/notices');
const available = noticeLocales(TEMPLATES, 'customer');

describe('language fallback at import', () => {
  it('the project has the nine languages the rule relies on', () => {
    expect(available).toEqual(['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt']);
  });

  it.each([
    ['DE', undefined, 'de'],
    ['AT', undefined, 'de'],
    ['LI', undefined, 'de'],
    ['FR', undefined, 'fr'],
    ['ES', undefined, 'es'],
    ['IT', undefined, 'it'],
    ['NL', undefined, 'nl'],
    ['PT', undefined, 'pt'],
    ['PL', undefined, 'pl'],
    ['LU', undefined, 'fr'],
    ['BE', 'BE-VAN', 'nl'],
    ['BE', 'BE-WLG', 'fr'],
    ['BE', 'BE-BRU', 'fr'],
    ['BE', undefined, undefined],
    ['SE', undefined, undefined],
    ['IE', undefined, undefined],
    ['US', 'US-CA', undefined],
  ])('%s %s → %s', (country, region, expected) => {
    const got = countryLanguage(country, region, new Set(available));
    // IE's first official language is English, which the default gives anyway.
    expect(got === 'en' ? undefined : got).toBe(expected);
  });

  it('counts who got a fallback and why; a locale with a template is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-lang-'));
    const file = join(dir, 'people.csv');
    writeFileSync(
      file,
      [
        'email,name,locale,country,region,address,data_categories',
        'a@example.test,Anna,,DE,,,email',
        'b@example.test,Bert,,AT,,,email',
        'c@example.test,Chloé,,FR,,,email',
        'd@example.test,Dirk,,BE,BE-VOV,,email',
        'e@example.test,Émile,,BE,,,email',
        'f@example.test,Filip,sv,SE,,,email',
        'g@example.test,Greta,en,DE,,,email',
        'h@example.test,Hank,,US,US-CA,,email',
        'i@example.test,Ivo,sv,NL,,,email',
        ',Jan Kowalski,,PL,,"ul. Długa 1\n00-001 Warszawa",email',
      ].join('\n') + '\n',
    );
    const r = await importRecipients({
      input: file,
      dir: join(dir, 'store'),
      keys,
      locales: { available, fallback: 'en' },
    });
    expect(r.total).toBe(10);
    expect(r.fallbacks).toBe(9);
    expect(r.countryLanguages).toEqual({
      'DE:de': 1,
      'AT:de': 1,
      'FR:fr': 1,
      'BE:nl': 1,
      'NL:nl': 1,
      'PL:pl': 1,
    });
    expect(r.localeFallbacks).toEqual({ sv: 2 });
    expect(r.withoutEmail).toBe(1);
    const byName = new Map<string, string>();
    for await (const { recipient } of readRecipients(join(dir, 'store'), r.listHash, keys))
      byName.set(recipient[1], recipient[2]);
    expect(Object.fromEntries(byName)).toEqual({
      Anna: 'de',
      Bert: 'de',
      Chloé: 'fr',
      Dirk: 'nl',
      Émile: 'en',
      Filip: 'en',
      Greta: 'en',
      Hank: 'en',
      Ivo: 'nl',
      'Jan Kowalski': 'pl',
    });
    expect(r.meta.locales).toEqual({ de: 2, en: 4, fr: 1, nl: 2, pl: 1 });
  });

  it('refuses a row with neither an email nor a postal address, naming the rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-lang-'));
    const file = join(dir, 'people.csv');
    writeFileSync(
      file,
      'email,name,locale,country,region,address,data_categories\n,Nobody,,DE,,,email\nok@example.test,Ok,,DE,,,email\n',
    );
    const rejects: { line: number; reason: string }[] = [];
    const r = await importRecipients({
      input: file,
      dir: join(dir, 'store'),
      keys,
      onReject: (x) => rejects.push(x),
    });
    expect(r.total).toBe(1);
    expect(rejects).toEqual([
      { line: 2, reason: expect.stringMatching(/^email: an email address, or a postal address/) },
    ]);
  });
});
