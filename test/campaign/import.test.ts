// Importing the people affected: streamed CSV/JSONL, rejects with line numbers, duplicates merged by
// normalized email, and the stored list encrypted at rest.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCodecKey } from '../../src/temporal/codec';
import { type Reject, RecipientImportError, importRecipients } from '../../src/recipients/import';
import { readSealedFrames } from '../../src/recipients/sealed';
import { LIST_FILE, META_SEAL_FILE, readRecipients } from '../../src/recipients/store';
import { writeCsv } from './people-files';

const keys = [generateCodecKey('k1')];
const tmp = () => mkdtempSync(join(tmpdir(), 'bp-import-'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe('recipients import', () => {
  it('imports CSV, reports bad rows with their line, merges duplicates by normalized email', async () => {
    const dir = tmp();
    const file = join(dir, 'people.csv');
    writeCsv(file, 50, [
      'not-an-email,Bad Email,en,US,US-CA,,email', // line 52
      'Person3@Example.TEST ,Person Three Again,en,DE,,,password', // duplicate of person3, line 53
      'x@example.test,Wrong Region,en,US,DE-BE,,email', // line 54
      'y@example.test,No Categories,en,US,,,', // line 55
      'z@example.test,Bad Category,en,US,,,email;tattoos', // line 56
    ]);
    const rejects: Reject[] = [];
    const r = await importRecipients({
      input: file,
      dir: join(dir, 'store'),
      keys,
      onReject: (x) => rejects.push(x),
    });
    expect(r).toMatchObject({ accepted: 51, rejected: 4, duplicates: 1, total: 50 });
    expect(rejects.map((x) => x.line)).toEqual([52, 54, 55, 56]);
    expect(rejects[0]!.reason).toMatch(/^email:/);
    expect(rejects[1]!.reason).toMatch(/^region:/);
    expect(rejects[2]!.reason).toMatch(/^dataCategories:/);
    expect(r.listHash).toMatch(/^[0-9a-f]{64}$/);

    const all = [];
    for await (const x of readRecipients(join(dir, 'store'), r.listHash, keys)) all.push(x);
    expect(all.map((x) => x.index)).toEqual([...Array(50).keys()]);
    const p3 = all.find((x) => x.recipient[0] === 'person3@example.test')!.recipient;
    // First row wins for name and place; categories are the union.
    expect(p3[1]).toBe('Person 3');
    expect(p3[6]).toEqual(['email', 'address', 'password']);
    expect(r.meta.affected).toEqual([
      { country: 'DE', count: 17 },
      { country: 'US', region: 'US-CA', count: 17 },
      { country: 'US', region: 'US-NY', count: 16 },
    ]);
    expect(r.meta.locales).toEqual({ en: 37, es: 13 });

    // Reading from the middle starts exactly there.
    const tail = [];
    for await (const x of readRecipients(join(dir, 'store'), r.listHash, keys, 45)) tail.push(x.index);
    expect(tail).toEqual([45, 46, 47, 48, 49]);
  });

  it('stores the list encrypted: no email or name appears in any stored file', async () => {
    const dir = tmp();
    const file = join(dir, 'people.csv');
    writeCsv(file, 200);
    const store = join(dir, 'store');
    const r = await importRecipients({ input: file, dir: store, keys });
    const files = filesUnder(store);
    expect(files.map((f) => f.slice(store.length + 1)).sort()).toEqual([
      `${r.listHash}/list.sealed`,
      `${r.listHash}/meta.json`,
      `${r.listHash}/meta.seal`,
    ]);
    for (const f of files) {
      const bytes = readFileSync(f).toString('latin1');
      expect(bytes).not.toContain('person1@example.test');
      expect(bytes).not.toContain('example.test');
      expect(bytes).not.toContain('Person 1');
    }
    // A wrong keyring cannot read it.
    const read = async () => {
      for await (const _ of readRecipients(store, r.listHash, [generateCodecKey('k1')])) void _;
    };
    await expect(read()).rejects.toThrow(/failed authentication/);
  });

  it('refuses a list truncated by whole frames instead of reading it as a shorter one', async () => {
    const dir = tmp();
    const file = join(dir, 'people.csv');
    writeCsv(file, 8_000);
    const store = join(dir, 'store');
    const r = await importRecipients({ input: file, dir: store, keys });
    const frames = r.meta.frames;
    expect(frames.length).toBeGreaterThanOrEqual(2);
    // Cut the file exactly where its last frame starts: every remaining frame is whole and authentic.
    const sealed = join(store, r.listHash, LIST_FILE);
    truncateSync(sealed, frames[frames.length - 1]!.offset);

    const readAll = async (from = 0) => {
      let n = 0;
      for await (const _ of readRecipients(store, r.listHash, keys, from)) n += 1;
      return n;
    };
    await expect(readAll()).rejects.toMatchObject({ name: 'SealedFileError', message: /truncated/ });
    await expect(readAll(frames[1]!.first)).rejects.toMatchObject({ name: 'SealedFileError' });
    const frameByFrame = async () => {
      for await (const _ of readSealedFrames(sealed, keys, {
        ...frames[0]!,
        index: 0,
        frames: frames.length,
      }))
        void _;
    };
    await expect(frameByFrame()).rejects.toThrow(/ends after frame \d+ of \d+ \(truncated\)/);
    // Stopping before the end (a batch that only reads its part) is not an error.
    for await (const x of readRecipients(store, r.listHash, keys)) if (x.index >= 10) break;
  });

  it("refuses a list swapped for another's, or cut short with its meta.json edited to match", async () => {
    const dir = tmp();
    const store = join(dir, 'store');
    const [fileA, fileB] = [join(dir, 'a.csv'), join(dir, 'b.csv')];
    writeCsv(fileA, 8_000);
    writeCsv(fileB, 8_000, ['someone.else@example.test,Someone Else,en,US,,,email']);
    const a = await importRecipients({ input: fileA, dir: store, keys });
    const b = await importRecipients({ input: fileB, dir: store, keys });
    const readAll = async (listHash: string) => {
      let n = 0;
      for await (const _ of readRecipients(store, listHash, keys)) n += 1;
      return n;
    };
    expect(await readAll(a.listHash)).toBe(8_000);
    const [listA, sealA] = [LIST_FILE, META_SEAL_FILE].map((f) => join(store, a.listHash, f)) as [
      string,
      string,
    ];
    const [list, seal] = [readFileSync(listA), readFileSync(sealA)];

    // B's people under A's name: every frame is authentic, but of another file.
    copyFileSync(join(store, b.listHash, LIST_FILE), listA);
    await expect(readAll(a.listHash)).rejects.toMatchObject({
      name: 'SealedFileError',
      message: /belongs to another list/,
    });
    // B's whole list (people and sealed metadata) under A's name.
    copyFileSync(join(store, b.listHash, META_SEAL_FILE), sealA);
    await expect(readAll(a.listHash)).rejects.toThrow(/sealed metadata failed authentication/);

    // A cut after its first frame, meta.json edited to say that is all there is: the sealed count wins.
    writeFileSync(listA, list);
    writeFileSync(sealA, seal);
    expect(await readAll(a.listHash)).toBe(8_000);
    const frames = a.meta.frames;
    expect(frames.length).toBeGreaterThanOrEqual(2);
    truncateSync(listA, frames[1]!.offset);
    writeFileSync(
      join(store, a.listHash, 'meta.json'),
      JSON.stringify({ ...a.meta, total: frames[0]!.count, frames: [frames[0]] }),
    );
    await expect(readAll(a.listHash)).rejects.toMatchObject({
      name: 'SealedFileError',
      message: /truncated/,
    });
  });

  it('imports JSONL, with the same hash for the same people in any order', async () => {
    const dir = tmp();
    const people = [
      { email: 'a@example.test', name: 'A', country: 'US', region: 'US-TX', dataCategories: ['email'] },
      { email: 'b@example.test', name: 'B', locale: 'es-MX', country: 'mx', dataCategories: 'email|phone' },
    ];
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(
      a,
      people.map((p) => JSON.stringify(p)).join('\n') + '\n{not json\n\n{"email":"c@example.test"}\n',
    );
    writeFileSync(
      b,
      [...people]
        .reverse()
        .map((p) => JSON.stringify(p))
        .join('\n') + '\n',
    );
    const rejects: Reject[] = [];
    const ra = await importRecipients({
      input: a,
      dir: join(dir, 's'),
      keys,
      onReject: (x) => rejects.push(x),
    });
    expect(ra).toMatchObject({ accepted: 2, rejected: 2, duplicates: 0, total: 2, existed: false });
    expect(rejects.map((x) => x.line)).toEqual([3, 5]);
    expect(rejects[0]!.reason).toBe('not valid JSON');
    expect(rejects[1]!.reason).toMatch(/name/);
    const rb = await importRecipients({ input: b, dir: join(dir, 's'), keys });
    expect(rb.listHash).toBe(ra.listHash);
    expect(rb.existed).toBe(true);
    expect(ra.meta.locales).toEqual({ en: 1, es: 1 });
    expect(ra.meta.affected).toEqual([
      { country: 'MX', count: 1 },
      { country: 'US', region: 'US-TX', count: 1 },
    ]);
  });

  it("gives rows of a file without a data-categories column the incident's categories", async () => {
    const dir = tmp();
    const file = join(dir, 'people.csv');
    writeFileSync(file, 'email,name,country\nana@example.test,Ana,ES\nbob@example.test,Bob,US\n');
    const withDefaults = await importRecipients({
      input: file,
      dir: join(dir, 'store'),
      keys,
      defaultDataCategories: ['name', 'email'],
    });
    expect(withDefaults).toMatchObject({ accepted: 2, rejected: 0, total: 2 });
    expect(withDefaults.meta.dataCategories).toEqual(['email', 'name']);

    // Without defaults the reason says what is missing, in words.
    const rejects: Reject[] = [];
    await expect(
      importRecipients({ input: file, dir: join(dir, 'store2'), keys, onReject: (x) => rejects.push(x) }),
    ).rejects.toBeInstanceOf(RecipientImportError);
    expect(rejects.map((r) => r.reason)).toEqual([
      'dataCategories: at least one data category (e.g. "email;address")',
      'dataCategories: at least one data category (e.g. "email;address")',
    ]);
  });

  it('stores nothing when every row is rejected or the file is empty', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'email,name,country,data_categories\nnot-an-email,X,US,email\n');
    const store = join(dir, 'store');
    await expect(importRecipients({ input: bad, dir: store, keys })).rejects.toThrow(
      'nobody to notify: all 1 row(s) were rejected (reasons above); nothing was stored',
    );
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n');
    await expect(importRecipients({ input: empty, dir: store, keys })).rejects.toThrow(
      'nobody to notify: the file has no rows; nothing was stored',
    );
    expect(filesUnder(store)).toEqual([]);
  });

  it('refuses names and addresses with control characters (CR/LF, tabs, bidi overrides), with the line', async () => {
    const dir = tmp();
    const csv = join(dir, 'people.csv');
    writeFileSync(
      csv,
      [
        'email,name,locale,country,region,address,data_categories',
        'ok@example.test,Ana Ok,en,US,US-CA,"1 Main St\nSpringfield, IL 62701",email',
        'tab@example.test,Ana\tTab,en,US,US-CA,,email',
        'bidi@example.test,Ana \u202eevil,en,US,US-CA,,email',
        'addr@example.test,Ana Addr,en,US,US-CA,"1 Main St\x1b[2J",email',
        'fine@example.test,Zoë Ünal-Łukasz,en,US,US-CA,,email',
        'crlf@example.test,"Ana\r\nBcc: victim@example.test",en,US,US-CA,,email',
      ].join('\n'),
    );
    const rejects: Reject[] = [];
    const r = await importRecipients({
      input: csv,
      dir: join(dir, 'store'),
      keys,
      onReject: (x) => rejects.push(x),
    });
    expect(r).toMatchObject({ accepted: 2, rejected: 4, total: 2 });
    expect(rejects).toEqual([
      { line: 4, reason: expect.stringMatching(/^name: the name must not contain control characters/) },
      { line: 5, reason: expect.stringMatching(/^name: /) },
      { line: 6, reason: expect.stringMatching(/^address: the address must not contain control characters/) },
      { line: 8, reason: expect.stringMatching(/^name: the name must not contain control characters/) },
    ]);
    // The reason names the field and the rule, never the value.
    expect(rejects.map((x) => x.reason).join()).not.toMatch(/Bcc|victim|evil/);
    const people = [];
    for await (const p of readRecipients(join(dir, 'store'), r.listHash, keys)) people.push(p.recipient);
    expect(people.map((p) => p[1]).sort()).toEqual(['Ana Ok', 'Zoë Ünal-Łukasz']);

    const jsonl = join(dir, 'people.jsonl');
    writeFileSync(
      jsonl,
      [
        JSON.stringify({ email: 'a@example.test', name: 'A', country: 'US', dataCategories: ['email'] }),
        JSON.stringify({
          email: 'b@example.test',
          name: 'B\u0000',
          country: 'US',
          dataCategories: ['email'],
        }),
        JSON.stringify({ email: 'c@example.test\r\n', name: 'C', country: 'US', dataCategories: ['email'] }),
      ].join('\n'),
    );
    const more: Reject[] = [];
    await importRecipients({ input: jsonl, dir: join(dir, 'store2'), keys, onReject: (x) => more.push(x) });
    expect(more.map((x) => [x.line, x.reason.split(':')[0]])).toEqual([
      [2, 'name'],
      [3, 'email'],
    ]);
  });

  it('refuses a file that is not UTF-8 with its line, never reading names with U+FFFD', async () => {
    const dir = tmp();
    for (const [name, bad, text] of [
      [
        'latin1.csv',
        3,
        'email,name,country,data_categories\nok@example.test,Ok,US,email\njose@example.test,Jos\xe9 \xff\xfe,US,email\n',
      ],
      [
        'latin1.jsonl',
        2,
        '{"email":"ok@example.test","name":"Ok","country":"US","dataCategories":["email"]}\n{"email":"j@example.test","name":"Jos\xe9","country":"US","dataCategories":["email"]}\n',
      ],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, Buffer.from(text, 'latin1'));
      const rejects: Reject[] = [];
      const store = join(dir, `store-${name}`);
      const err = await importRecipients({
        input: file,
        dir: store,
        keys,
        onReject: (x) => rejects.push(x),
      }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(RecipientImportError);
      expect((err as Error).message).toBe(
        `line ${bad}: not valid UTF-8 (is the file in another encoding? save it as UTF-8); nothing was stored`,
      );
      expect(rejects).toEqual([{ line: bad, reason: 'not valid UTF-8 (save the file as UTF-8)' }]);
      expect(filesUnder(join(dir, `store-${name}`)).filter((f) => !f.includes('.import-'))).toEqual([]);
    }
  });

  it('counts one unreadable line as one reject, and never echoes its fields', async () => {
    const dir = tmp();
    const csv = join(dir, 'quotes.csv');
    writeFileSync(
      csv,
      'email,name,country,data_categories\njane@example.test,Jane "JD" Doe,US,email\nok@example.test,Ok,US,email\n',
    );
    const rejects: Reject[] = [];
    const r = await importRecipients({
      input: csv,
      dir: join(dir, 'store'),
      keys,
      onReject: (x) => rejects.push(x),
    });
    expect(r).toMatchObject({ accepted: 1, rejected: 1 });
    expect(rejects).toEqual([
      { line: 2, reason: expect.stringMatching(/^unreadable CSV: Invalid Opening Quote/) },
    ]);
    expect(rejects[0]!.reason).not.toMatch(/Jane|JD/);
  });
});
