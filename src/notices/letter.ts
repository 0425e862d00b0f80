// A customer notice as a document: its template (one per locale) states paragraphs tagged with the elements
// the content rules know, under headed sections; the text part, the HTML part and the compliance check all
// come from that one document, so what counsel checks is what every channel says.
import Handlebars from 'handlebars';
import type { NoticeElement, NoticeSection, NoticeStructure } from '../domain/notice-content';

export interface NoticeBlock {
  /** The elements this paragraph states (none for greetings and closings). */
  elements: NoticeElement[];
  /** Lines of the paragraph; prose paragraphs have one. */
  lines: string[];
}

export interface NoticeDocumentSection {
  id?: NoticeSection;
  heading?: string;
  blocks: NoticeBlock[];
}

export interface NoticeDocument {
  title?: string;
  sections: NoticeDocumentSection[];
}

interface RenderState {
  doc: NoticeDocument;
  /** Elements this reader's variant must not state: their paragraphs are left out. */
  exclude: ReadonlySet<string>;
}

// A line break between two CJK characters joins them (Japanese has no spaces between words); any other run of
// whitespace is one space.
const CJK = '\\u3000-\\u9fff\\uff00-\\uffef';
const cjkBreak = new RegExp(`([${CJK}])\\s*\\n\\s*(?=[${CJK}])`, 'g');
// (Only runs and line breaks are replaced: a replace per single space costs a campaign 5x more.)
const collapse = (s: string) =>
  s
    .replace(cjkBreak, '$1')
    .replace(/\s{2,}|[\t\r\n\f\v]/g, ' ')
    .trim();

/** A handlebars environment of its own, whose block helpers build the document instead of a string. */
export function createLetterEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  const state = (o: Handlebars.HelperOptions) => (o.data as { root: unknown; notice: RenderState }).notice;
  const current = (s: RenderState) => {
    if (s.doc.sections.length === 0) s.doc.sections.push({ blocks: [] });
    return s.doc.sections[s.doc.sections.length - 1]!;
  };
  const elementsOf = (args: unknown[]) => args.slice(0, -1).map(String) as NoticeElement[];
  hb.registerHelper('title', function (this: unknown, options: Handlebars.HelperOptions) {
    state(options).doc.title = collapse(options.fn(this));
    return '';
  });
  hb.registerHelper('heading', function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1] as Handlebars.HelperOptions;
    const id = args.length > 1 ? (String(args[0]) as NoticeSection) : undefined;
    state(options).doc.sections.push({ id, heading: collapse(options.fn(this)), blocks: [] });
    return '';
  });
  const block = (keepLines: boolean) =>
    function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as Handlebars.HelperOptions;
      const s = state(options);
      const elements = elementsOf(args);
      if (elements.some((e) => s.exclude.has(e))) return '';
      const raw = options.fn(this);
      const lines = keepLines
        ? raw.split('\n').map(collapse).filter(Boolean)
        : [collapse(raw)].filter(Boolean);
      if (lines.length) current(s).blocks.push({ elements, lines });
      return '';
    };
  hb.registerHelper('say', block(false));
  hb.registerHelper('lines', block(true));
  return hb;
}

export function renderDocument(
  template: Handlebars.TemplateDelegate,
  data: unknown,
  exclude: ReadonlySet<string>,
): NoticeDocument {
  const notice: RenderState = { doc: { sections: [] }, exclude };
  template(data, { data: { notice } });
  notice.doc.sections = notice.doc.sections.filter((s) => s.heading || s.blocks.length);
  return notice.doc;
}

export function structureOf(doc: NoticeDocument): NoticeStructure {
  const elements = new Set<NoticeElement>();
  for (const s of doc.sections) for (const b of s.blocks) for (const e of b.elements) elements.add(e);
  return {
    title: doc.title,
    sections: doc.sections.filter((s) => s.heading).map((s) => ({ id: s.id, heading: s.heading! })),
    elements: [...elements],
  };
}

export function documentToText(doc: NoticeDocument): string {
  const out: string[] = [];
  if (doc.title) out.push(doc.title.toLocaleUpperCase(), '');
  for (const s of doc.sections) {
    if (s.heading) out.push(s.heading.toLocaleUpperCase());
    for (const b of s.blocks) out.push(...b.lines, '');
    if (!s.blocks.length) out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Every text is escaped here: the template's values never become markup. 11pt type (California: at least 10). */
export function documentToHtml(doc: NoticeDocument, lang: string): string {
  const out = [
    `<div lang="${escapeHtml(lang)}" style="font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45">`,
  ];
  if (doc.title) out.push(`<h1 style="font-size: 16pt">${escapeHtml(doc.title)}</h1>`);
  for (const s of doc.sections) {
    if (s.heading) out.push(`<h2 style="font-size: 13pt">${escapeHtml(s.heading)}</h2>`);
    for (const b of s.blocks) out.push(`<p>${b.lines.map(escapeHtml).join('<br>\n')}</p>`);
  }
  out.push('</div>');
  return `${out.join('\n')}\n`;
}
