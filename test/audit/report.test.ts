// The HTML report and the CSV: self-contained, printable, everything from the incident escaped; CSV cells that
// a spreadsheet would execute are defused.
import { generateKeyPairSync } from 'node:crypto';
import { renderCsv } from '../../src/audit/csv';
import { buildExport } from '../../src/audit/export';
import { esc, renderHtmlReport } from '../../src/audit/report';
import { signerFor } from '../../src/audit/signing';
import { sampleRecord } from './fixtures';

const { view, timeline } = sampleRecord();
const doc = buildExport(
  { view, timeline, source: 'temporal' },
  signerFor(generateKeyPairSync('ed25519').privateKey),
);

describe('HTML report', () => {
  const html = renderHtmlReport(doc);

  it('escapes every value that came from the incident', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('Leak &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(esc(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is self-contained and printable: inline SVG chart, print CSS, no external assets', () => {
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('@media print');
    expect(html).toContain('@page');
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/url\(/);
    expect(html).not.toMatch(/<link|<script/i);
  });

  it('has the sections an auditor reads', () => {
    for (const h of [
      'Summary',
      'Phases and deadlines',
      'Deadlines',
      'Approvals',
      'Notices sent',
      'Tasks',
      'Full timeline',
      'Integrity',
    ])
      expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain(doc.signature.keyId);
  });
});

describe('CSV', () => {
  const rows = renderCsv(doc).split('\r\n');

  it('has a header and one row per entry, with formulas defused and quotes doubled', () => {
    expect(rows[0]).toBe('seq,at,type,actor,actor_name,actor_roles,source,summary,details,hash');
    expect(rows.filter((r) => /^\d+,/.test(r))).toHaveLength(timeline.length);
    const note = renderCsv(doc)
      .split('\r\n')
      .find((r) => r.startsWith('3,'))!;
    expect(note).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(note).not.toMatch(/,=HYPERLINK/);
  });
});
