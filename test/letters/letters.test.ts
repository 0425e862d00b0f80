// Printed letters on a real Temporal server, worker and SMTP sink: people without an email address and people
// whose email was refused for good get the approved notice as a PDF letter (checked with poppler's pdftotext,
// pdfinfo and pdffonts), batched into files with a manifest CSV that names no one; the campaign counts per
// channel.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import * as msg from '../../workflows/messages';
import { importRecipients } from '../../src/recipients/import';
import { lettersDir, MANIFEST_FILE } from '../../src/notices/letter-run';
import { TEST_KEYS, startTestStack, type TestStack } from '../support/temporal';
import { DIRECTORY } from '../support/people';
import { approvedIncident, cami, recipientsDir, waitForCampaign } from '../campaign/helpers';
import { channelLines } from '../../src/cli/campaign-commands';

const pdf = (tool: string, file: string, ...args: string[]) =>
  execFileSync(`/usr/bin/${tool}`, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], {
    encoding: 'utf8',
  });

describe('printed letters', () => {
  let stack: TestStack;
  const dir = recipientsDir();
  beforeAll(async () => {
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: { campaign: { recipientsDir: dir } },
    });
    stack.sink.failRecipient = (address) =>
      address === 'gone@example.test' || address === 'nowhere@example.test' ? 550 : undefined;
  });
  afterAll(() => stack.stop());

  it('prints letters for no email and hard bounces, with a manifest and counts per channel', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bp-letters-')), 'people.csv');
    writeFileSync(
      file,
      [
        'email,name,locale,country,region,address,data_categories',
        'ok1@example.test,Olga One,,DE,,,email;address',
        'ok2@example.test,Otto Two,en,US,US-CA,,email;address',
        ',Jane Paper,en,US,US-CA,"12 Oak Street\nSacramento, CA 95814",name;address',
        ',Jürgen Groß,,DE,,"Hauptstraße 5\n10115 Berlin",name;address',
        ',山田 太郎,ja,JP,,"東京都千代田区1-1\n100-0001",name;address',
        'gone@example.test,Gina Bounce,en,US,US-CA,"7 Elm Road\nFresno, CA 93701",email;address',
        'nowhere@example.test,Nate Nowhere,en,US,US-CA,,email',
      ].join('\n') + '\n',
    );
    const imported = await importRecipients({ input: file, dir, keys: TEST_KEYS });
    expect(imported).toMatchObject({ total: 7, withoutEmail: 3 });
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    await inc.send(msg.startCampaign, { actor: cami, recipientsHash: imported.listHash, batchSize: 3 });
    const { p, c } = await waitForCampaign(
      stack.client,
      inc,
      (p) => p.status === 'completed' && !!p.channels,
    );
    expect(p.channels).toEqual({ email: 2, letter: 4, failed: 1 });
    expect(p.letters).toMatchObject({ printed: 4, noEmail: 3, bounced: 1, unreachable: 1, files: 1 });
    expect(c.channels).toEqual({ email: 2, letter: 4, failed: 1 });
    expect(channelLines(p)).toContain('channels: email 2  letter 4  failed 1');
    const completed = (await inc.timeline()).find((e) => e.type === 'campaign.completed');
    expect(completed?.summary).toBe(
      'Notice campaign completed: 2 by email, 4 printed letters, 1 not reached (substitute notice)',
    );

    const out = lettersDir(dir, imported.listHash, c.campaignId);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['letters-0001.pdf', MANIFEST_FILE, 'result.json']);
    for (const f of files) expect(statSync(join(out, f)).mode & 0o777).toBe(0o600);
    expect(statSync(out).mode & 0o777).toBe(0o700);

    // The manifest names no one: ids, files, pages, the country for postage, the approved hash.
    const manifest = readFileSync(join(out, MANIFEST_FILE), 'utf8');
    const [header, ...rows] = manifest.trim().split('\n');
    expect(header).toBe(
      'letter_id,file,file_sha256,first_page,pages,sheets,country,locale,channel_reason,content_hash,template_version',
    );
    expect(rows).toHaveLength(4);
    for (const name of ['Jane', 'Paper', 'Jürgen', 'Gina', 'Oak', 'Berlin', '山田', '@'])
      expect(manifest).not.toContain(name);
    const bytes = readFileSync(join(out, 'letters-0001.pdf'));
    const cells = rows.map((r) => r.split(','));
    expect(new Set(cells.map((x) => x[2]))).toEqual(
      new Set([createHash('sha256').update(bytes).digest('hex')]),
    );
    expect(new Set(cells.map((x) => x[9]))).toEqual(new Set([c.contentHash]));
    expect(cells.map((x) => [x[6], x[7], x[8]])).toEqual(
      expect.arrayContaining([
        ['US', 'en', 'no_email'],
        ['DE', 'de', 'no_email'],
        ['JP', 'ja', 'no_email'],
        ['US', 'en', 'bounced'],
      ]),
    );

    // The PDF: pages as the manifest says, every font embedded, the approved notice's text with each address.
    const pdfFile = join(out, 'letters-0001.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(pdf('pdfinfo', pdfFile))![1]);
    expect(pages).toBe(cells.reduce((n, x) => n + Number(x[4]), 0));
    for (const x of cells) expect(Number(x[4]) % 2).toBe(0); // each letter starts on a fresh sheet
    const fonts = pdf('pdffonts', pdfFile).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    const text = pdf('pdftotext', pdfFile);
    for (const s of [
      'Jane Paper',
      '12 Oak Street',
      'Sacramento, CA 95814',
      'Notice of Data Breach',
      'What Happened',
      'Dear Jane Paper,',
      'Jürgen Groß',
      '10115 Berlin',
      '山田 太郎',
      'Gina Bounce',
      `notice ${c.contentHash!.slice(0, 12)}`,
    ])
      expect(text).toContain(s);
    // The German reader's letter is in German (no locale in the file: the country's language).
    const german = pdf(
      'pdftotext',
      pdfFile,
      '-f',
      cells.find((x) => x[6] === 'DE')![3]!,
      '-l',
      cells.find((x) => x[6] === 'DE')![3]!,
    );
    expect(german).toContain('Jürgen Groß');
    expect(german).not.toContain('What Happened');
    // No one without an email got a mail (the sink keeps only accepted ones).
    const to = stack.sink.messages.filter((m) => m.messageId?.startsWith('<notice-')).flatMap((m) => m.to);
    expect(to.sort()).toEqual(['ok1@example.test', 'ok2@example.test']);
  });
});
