// A customer notice as a printed letter: the reader's own rendering of the approved document (the same
// NoticeDocument the email's text and HTML parts come from) laid out on A4 for a window envelope, fonts embedded
// (subsets of DejaVu Sans, Noto Sans JP for Japanese, both from npm packages so a fresh clone can print).
// Several letters go into one PDF file for the print-and-mail vendor; each starts on a fresh sheet (duplex).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { NoticeDocument } from './letter';

const mm = (v: number) => (v * 72) / 25.4;

/**
 * DIN 5008 form B (the address field of DL and C5 window envelopes, DIN 680): the field starts 45 mm from the
 * top and 20 mm from the left, 85 × 45 mm; its first 5 mm carry the return address, the next 12.7 mm a note
 * zone, the last 27.3 mm the address (6 lines of 10 pt). Fold marks at 105 and 210 mm, punch mark at 148.5 mm.
 */
export const WINDOW = {
  left: mm(20),
  top: mm(45),
  width: mm(85),
  height: mm(45),
  returnLine: mm(5),
  noteZone: mm(12.7),
  addressLines: 6,
} as const;

/** An address that will not fit the window, or a letter that cannot be laid out: the person is not printed. */
export class LetterLayoutError extends Error {
  override name = 'LetterLayoutError';
}

const req = createRequire(__filename);
const fontFile = (pkg: string, file: string) => join(dirname(req.resolve(`${pkg}/package.json`)), file);
let fonts: Record<'sans' | 'bold' | 'jp' | 'jpBold', Buffer> | undefined;
/** Read once per process: the Japanese face is 5 MB, and every letter embeds only the glyphs it uses. */
function loadFonts() {
  fonts ??= {
    sans: readFileSync(fontFile('dejavu-fonts-ttf', 'ttf/DejaVuSans.ttf')),
    bold: readFileSync(fontFile('dejavu-fonts-ttf', 'ttf/DejaVuSans-Bold.ttf')),
    jp: readFileSync(fontFile('@expo-google-fonts/noto-sans-jp', '400Regular/NotoSansJP_400Regular.ttf')),
    jpBold: readFileSync(fontFile('@expo-google-fonts/noto-sans-jp', '700Bold/NotoSansJP_700Bold.ttf')),
  };
  return fonts;
}

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;
// No ligatures: "ff" stays two letters, so the text a reader copies (or a screen reader or pdftotext reads) is
// the notice's text. fontkit takes a map of features to switch.
const NO_LIGATURES = { liga: false, clig: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

export interface LetterInput {
  document: NoticeDocument;
  locale: string;
  name: string;
  /** The postal address as imported (lines separated by LF); the country line is the importer's job. */
  address: string;
  sender: { name: string; address?: string };
  /** The date on the letter, already in words in the reader's language. */
  date: string;
  /** Printed in every page's footer: the approved draft's content hash and the letter's own id. */
  reference: string;
}

/** The address lines as they go in the window; refuses what does not fit (LetterLayoutError). */
export function addressLines(name: string, address: string): string[] {
  const lines = [name, ...address.split('\n')].map((l) => l.trim()).filter(Boolean);
  if (lines.length > WINDOW.addressLines)
    throw new LetterLayoutError(
      `the address has ${lines.length} lines with the name; a window envelope shows ${WINDOW.addressLines}`,
    );
  return lines;
}

export interface LetterPages {
  firstPage: number;
  pages: number;
  sheets: number;
}

/** One PDF file of letters: add letters, then end() for the bytes and where each letter is. */
export class LetterBatch {
  private readonly pdf: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly ranges: (LetterPages & { reference: string; sender: string })[] = [];
  private pageCount = 0;

  constructor(info: { title: string; createdAt: Date }) {
    const f = loadFonts();
    this.pdf = new PDFDocument({
      autoFirstPage: false,
      bufferPages: true,
      size: 'A4',
      margins: { top: mm(20), bottom: mm(25), left: mm(25), right: mm(20) },
      info: {
        Title: info.title,
        Producer: 'Breachplan',
        Creator: 'Breachplan',
        CreationDate: info.createdAt,
      },
      lang: 'en',
    });
    this.pdf.registerFont('sans', f.sans);
    this.pdf.registerFont('bold', f.bold);
    this.pdf.registerFont('jp', f.jp);
    this.pdf.registerFont('jpBold', f.jpBold);
    this.pdf.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.pdf.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.pdf.on('error', reject);
    });
  }

  private face(text: string, bold = false, locale = ''): string {
    const jp = locale === 'ja' || CJK.test(text);
    return jp ? (bold ? 'jpBold' : 'jp') : bold ? 'bold' : 'sans';
  }

  private write(
    text: string,
    size: number,
    o: PDFKit.Mixins.TextOptions & { bold?: boolean; locale?: string },
  ) {
    const { bold, locale, ...options } = o;
    this.pdf
      .font(this.face(text, bold, locale))
      .fontSize(size)
      .text(text, options);
  }

  /** Lays out one letter from a fresh page; returns where it is in the file. */
  add(l: LetterInput): LetterPages {
    const lines = addressLines(l.name, l.address);
    const p = this.pdf;
    const start = this.pageCount;
    p.addPage();
    const left = p.page.margins.left;
    const width = p.page.width - left - p.page.margins.right;
    // Letterhead, above the window.
    this.write(l.sender.name, 14, { bold: true, locale: l.locale, width });
    if (l.sender.address) this.write(l.sender.address.replace(/\n/g, ' · '), 8, { width, locale: l.locale });
    // The window: return address in small type, the reader's address in the address zone.
    const returnLine = [l.sender.name, l.sender.address?.replace(/\n/g, ', ')].filter(Boolean).join(', ');
    p.font(this.face(returnLine)).fontSize(6.5);
    p.text(returnLine, WINDOW.left, WINDOW.top + mm(1), {
      width: WINDOW.width,
      height: WINDOW.returnLine,
      lineBreak: false,
      ellipsis: true,
    });
    let y = WINDOW.top + WINDOW.returnLine + WINDOW.noteZone;
    for (const line of lines) {
      p.font(this.face(line)).fontSize(10);
      p.text(line, WINDOW.left, y, {
        width: WINDOW.width,
        lineBreak: false,
        ellipsis: true,
        features: NO_LIGATURES,
      });
      y += mm(27.3) / WINDOW.addressLines;
    }
    // Fold and punch marks in the left margin.
    for (const at of [105, 148.5, 210]) {
      p.moveTo(mm(3), mm(at))
        .lineTo(mm(at === 148.5 ? 9 : 7), mm(at))
        .lineWidth(0.3)
        .stroke();
    }
    // The date, then the notice: its title, headings and paragraphs, as the email states them.
    p.x = left;
    p.y = mm(98.5);
    this.write(l.date, 10, { width, align: 'right', locale: l.locale });
    p.moveDown(1);
    if (l.document.title) {
      this.write(l.document.title, 15, { bold: true, width, locale: l.locale });
      p.moveDown(0.5);
    }
    for (const s of l.document.sections) {
      if (s.heading) {
        p.moveDown(0.4);
        this.write(s.heading, 11.5, { bold: true, width, locale: l.locale });
        p.moveDown(0.2);
      }
      for (const b of s.blocks) {
        for (const line of b.lines) this.write(line, 10.5, { width, lineGap: 1.5, locale: l.locale });
        p.moveDown(0.6);
      }
    }
    this.pageCount = p.bufferedPageRange().start + p.bufferedPageRange().count;
    let pages = this.pageCount - start;
    // Each letter starts on a fresh sheet when the file is printed on both sides.
    if (pages % 2 === 1) {
      p.addPage();
      this.pageCount += 1;
    }
    const sheets = Math.ceil(pages / 2);
    pages = this.pageCount - start;
    this.ranges.push({ firstPage: start + 1, pages, sheets, reference: l.reference, sender: l.sender.name });
    return { firstPage: start + 1, pages, sheets };
  }

  /** Footers (sender, reference, page n of m of the letter), then the file's bytes. */
  async end(): Promise<Buffer> {
    const p = this.pdf;
    for (const r of this.ranges) {
      for (let i = 0; i < r.pages; i++) {
        p.switchToPage(r.firstPage - 1 + i);
        const bottom = p.page.margins.bottom;
        p.page.margins.bottom = 0;
        const footer = `${r.sender} · ${r.reference} · ${i + 1}/${r.pages}`;
        p.font(this.face(footer)).fontSize(7);
        p.text(footer, p.page.margins.left, p.page.height - mm(12), {
          width: p.page.width - p.page.margins.left - p.page.margins.right,
          align: 'center',
          lineBreak: false,
        });
        p.page.margins.bottom = bottom;
      }
    }
    p.end();
    return this.done;
  }
}
