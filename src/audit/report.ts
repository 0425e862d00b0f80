// The auditor's report: one self-contained, printable HTML page (inline CSS and SVG, no external assets) with
// the summary, a chart of the phases against the regulatory deadlines, approvals, notices, tasks, holds and
// the full timeline. Every value from the incident is HTML-escaped.
import type { AsOfDeadline } from '../domain/as-of';
import { canonicalJson } from '../domain/hash';
import { neutralise } from '../domain/text';
import type { TimelineExport } from './export';

export function esc(value: unknown): string {
  const text = neutralise(value === undefined || value === null ? '' : String(value));
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const when = (iso?: string) => (iso ? esc(iso.replace('T', ' ').slice(0, 16) + ' UTC') : '—');
const who = (a?: { id: string; name?: string; source?: string }) =>
  a
    ? `${esc(a.name ?? a.id)} <span class="muted">(${esc(a.id)}${a.source ? `, ${esc(a.source)}` : ''})</span>`
    : '—';

function table(headers: string[], rows: string[][], empty = 'None.'): string {
  if (rows.length === 0) return `<p class="muted">${esc(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const OUTCOME: Record<string, { label: string; color: string }> = {
  met: { label: 'met', color: '#1a7f37' },
  met_late: { label: 'met late', color: '#b35900' },
  missed: { label: 'missed', color: '#c62828' },
  pending: { label: 'pending', color: '#5a6b7b' },
  awaiting_trigger: { label: 'not started', color: '#5a6b7b' },
  waived: { label: 'waived', color: '#5a6b7b' },
};
const outcome = (s: string) => OUTCOME[s] ?? { label: s, color: '#5a6b7b' };

/** Phases as bars and deadlines as clocks (trigger → due), with where each was met or missed. */
export function timelineChart(doc: Pick<TimelineExport, 'state' | 'entries' | 'incident'>): string {
  const { state } = doc;
  const start = Date.parse(state.declaredAt ?? doc.entries[0]?.at ?? state.asOf);
  const asOf = Date.parse(state.asOf);
  const end = Date.parse(state.closedAt ?? state.asOf);
  const deadlines = state.deadlines.filter((d) => d.dueAt);
  const times = [
    end,
    asOf,
    ...deadlines.flatMap((d) => [Date.parse(d.dueAt!), Date.parse(d.metAt ?? d.dueAt!)]),
  ];
  const t1 = Math.max(start + 60_000, ...times.filter((t) => !Number.isNaN(t)));
  const t0 = Math.min(start, ...deadlines.map((d) => Date.parse(d.dueAt!) - 1).filter((t) => t < start));
  const label = 330;
  const width = 900;
  const plot = width - label - 20;
  const x = (t: number) => label + ((t - t0) / (t1 - t0)) * plot;
  const rowH = 26;
  const names = new Map<string, string>(doc.incident.phases.map((p) => [p.id, p.name]));
  const rows: string[] = [];
  let y = 30;
  const rowLabel = (text: string, sub = '') =>
    `<text x="8" y="${y + 16}" class="lbl">${esc(text.length > 44 ? `${text.slice(0, 43)}…` : text)}${
      sub ? `<tspan class="sub"> ${esc(sub)}</tspan>` : ''
    }</text>`;
  for (const p of state.phases) {
    const a = x(Date.parse(p.startedAt));
    const b = x(p.completedAt ? Date.parse(p.completedAt) : end);
    rows.push(
      `${rowLabel(names.get(p.id) ?? p.id, p.note ?? '')}<rect x="${a.toFixed(1)}" y="${y + 5}" width="${Math.max(2, b - a).toFixed(1)}" height="14" rx="3" class="${p.status === 'done' ? 'phase-done' : 'phase-active'}"><title>${esc(`${names.get(p.id) ?? p.id}: ${p.startedAt} → ${p.completedAt ?? 'ongoing'}`)}</title></rect>`,
    );
    y += rowH;
  }
  y += 8;
  rows.push(`<line x1="8" x2="${width - 10}" y1="${y}" y2="${y}" class="sep"/>`);
  y += 6;
  for (const d of deadlines as (AsOfDeadline & { dueAt: string })[]) {
    const due = Date.parse(d.dueAt);
    const o = outcome(d.status);
    const done = d.metAt ?? d.missedAt;
    const mark = done ? x(Date.parse(done)) : undefined;
    rows.push(
      `${rowLabel(d.title, `— ${o.label}`)}<line x1="${x(start).toFixed(1)}" x2="${x(due).toFixed(1)}" y1="${y + 12}" y2="${y + 12}" class="clock"/>` +
        `<path d="M${x(due).toFixed(1)} ${y + 4} l7 8 l-7 8 l-7 -8 z" fill="${o.color}"><title>${esc(`${d.title} due ${d.dueAt} (${o.label})`)}</title></path>` +
        (mark !== undefined
          ? `<circle cx="${mark.toFixed(1)}" cy="${y + 12}" r="5" fill="#fff" stroke="${o.color}" stroke-width="3"><title>${esc(`${o.label} at ${done}`)}</title></circle>`
          : ''),
    );
    y += rowH;
  }
  const ticks = Array.from({ length: 5 }, (_, i) => t0 + ((t1 - t0) * i) / 4)
    .map(
      (t, i) =>
        `<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="22" y2="${y}" class="grid"/><text x="${x(t).toFixed(1)}" y="16" class="tick"${i === 0 ? ' text-anchor="start"' : i === 4 ? ' text-anchor="end"' : ''}>${esc(new Date(t).toISOString().slice(0, 16).replace('T', ' '))}</text>`,
    )
    .join('');
  const now =
    asOf < t1
      ? `<line x1="${x(asOf).toFixed(1)}" x2="${x(asOf).toFixed(1)}" y1="22" y2="${y}" class="now"/><text x="${x(asOf).toFixed(1)}" y="${y + 14}" class="tick">${state.status === 'closed' ? 'closed' : 'as of'}</text>`
      : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y + 22}" width="100%" role="img" aria-label="Phases and regulatory deadlines">${ticks}${rows.join('')}${now}</svg>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2733;margin:2rem auto;max-width:1000px;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:2px solid #d7dee6;padding-bottom:.2rem}
.muted,.sub{color:#5a6b7b}.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.85rem;color:#fff}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;vertical-align:top;padding:.3rem .45rem;border-bottom:1px solid #e3e8ee}
th{background:#f3f6f9}dl{display:grid;grid-template-columns:12rem 1fr;gap:.2rem 1rem;margin:0}dt{color:#5a6b7b}dd{margin:0}
code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}.details{font:11px ui-monospace,Menlo,Consolas,monospace;color:#3d4b59;word-break:break-all}
svg .lbl{font-size:12px;fill:#1d2733}svg .sub{font-size:11px}svg .tick{font-size:10px;fill:#5a6b7b}svg text.tick:not([text-anchor]){text-anchor:middle}
svg .grid{stroke:#e3e8ee}svg .sep{stroke:#c5ced8;stroke-dasharray:3 3}svg .now{stroke:#1d2733;stroke-dasharray:4 3}
svg .phase-done{fill:#4a78b5}svg .phase-active{fill:#8fb3e0}svg .clock{stroke:#9aa8b6;stroke-width:2}
.legend span{margin-right:1rem;font-size:.85rem}.legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.3rem;vertical-align:-1px}
.verify{background:#f3f6f9;border-left:4px solid #4a78b5;padding:.6rem .8rem;font-size:.85rem}
.links{font-size:.9rem;margin-bottom:1rem}
.kind{display:inline-block;font-size:.75rem;padding:0 .35rem;border:1px solid #7a1f1f;color:#7a1f1f;border-radius:.6rem}.kind.target{border-color:#4a5866;color:#4a5866}
.said{color:#3d4b59}details.raw summary{font-size:.75rem;color:#5a6b7b;cursor:pointer}form.filter{margin:.4rem 0 .8rem;font-size:.9rem}
@media (max-width:640px){dl{grid-template-columns:1fr}table{font-size:.8rem}body{margin:1rem auto}}
@page{size:A4;margin:14mm}
@media print{.links,form.filter,details.raw{display:none}body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr,svg,.verify{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}}
`;

/** A link shown above the report (the web edge adds its exports); the CLI's report has none. */
export interface ReportLink {
  href: string;
  label: string;
}

/** What the reader chose to see of the full timeline (the export and its signature are always whole). */
export interface ReportFilter {
  /** An entry type or its family: `approval` matches approval.requested, approval.granted, … */
  type?: string;
  /** A person's id: entries they made. */
  person?: string;
  /** Where the filter form posts (the web edge); without it, no form. */
  action?: string;
  /** Hidden fields the form keeps (e.g. as-of). */
  keep?: Record<string, string>;
}

/** The words of an entry: its summary, then what a person wrote with it (a reason, a comment, a note). */
function inWords(e: TimelineExport['entries'][number]): string {
  const d = e.details as Record<string, unknown>;
  const said = ['reason', 'comment', 'text', 'note']
    .map((k) => d[k])
    .find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return `${esc(e.summary)}${said && !e.summary.includes(said) ? `<br><span class="said">“${esc(said)}”</span>` : ''}`;
}

export function matchesFilter(e: TimelineExport['entries'][number], f: ReportFilter): boolean {
  if (f.type && e.type !== f.type && !e.type.startsWith(`${f.type}.`)) return false;
  if (f.person && e.actor.id !== f.person) return false;
  return true;
}

function filterForm(doc: TimelineExport, f: ReportFilter): string {
  if (!f.action) return '';
  const families = [...new Set(doc.entries.map((e) => e.type.split('.')[0]!))].sort();
  const people = [
    ...new Map(doc.entries.map((e) => [e.actor.id, e.actor.name ?? e.actor.id])).entries(),
  ].sort();
  const opt = (value: string, label: string, on?: string) =>
    `<option value="${esc(value)}"${value === on ? ' selected' : ''}>${esc(label)}</option>`;
  return `<form method="get" action="${esc(f.action)}" class="filter">${Object.entries(f.keep ?? {})
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('')}<label>Type <select name="type">${opt('', 'every type', f.type ?? '')}${families
    .map((t) => opt(t, t, f.type))
    .join(
      '',
    )}</select></label> <label>Person <select name="person">${opt('', 'everyone', f.person ?? '')}${people
    .map(([id, name]) => opt(id, `${name} (${id})`, f.person))
    .join('')}</select></label> <button>Show</button></form>`;
}

export function renderHtmlReport(
  doc: TimelineExport,
  links: ReportLink[] = [],
  filter: ReportFilter = {},
): string {
  const kindOf = new Map<string, string | undefined>(doc.incident.deadlines.map((d) => [d.id, d.source]));
  const kind = (id: string) =>
    kindOf.get(id) === 'obligation'
      ? '<span class="kind">legal</span>'
      : '<span class="kind target">internal target</span>';
  const shown = doc.entries.filter((e) => matchesFilter(e, filter));
  const { state, incident: v } = doc;
  const facts = state.facts as Record<string, unknown>;
  const done = new Map(state.tasksDone.map((t) => [t.taskId, t]));
  const statusColor = state.status === 'closed' ? '#5a6b7b' : '#1a7f37';
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String).join(', ') : '');
  const affected = Array.isArray(facts.affected)
    ? (facts.affected as { country: string; region?: string; count: number }[])
        .map((g) => `${g.region ?? g.country}: ${g.count}`)
        .join(', ')
    : '';
  const isMet = (d: AsOfDeadline) => d.status === 'met' || d.status === 'met_late';
  const isMissed = (d: AsOfDeadline) => d.status === 'missed';
  const legal = state.deadlines.filter((d) => kindOf.get(d.id) === 'obligation');
  const targets = state.deadlines.filter((d) => kindOf.get(d.id) !== 'obligation');

  const sections = [
    ...(links.length
      ? [
          `<nav class="links">${links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join(' · ')}</nav>`,
        ]
      : []),
    `<h1>${esc(facts.title ?? v.incidentId)}</h1>
<p class="muted">Incident ${esc(doc.incidentId)} · <span class="badge" style="background:${statusColor}">${esc(state.status)}</span>
${doc.asOf ? ` · <strong>as of ${when(doc.asOf)}</strong>` : ''} · exported ${when(doc.exportedAt)} from ${esc(doc.source)}</p>`,
    `<h2>Summary</h2><dl>
<dt>What happened</dt><dd>${esc(facts.summary)}</dd>
<dt>Severity</dt><dd>${esc(facts.severity)}</dd>
<dt>Aware since</dt><dd>${when(facts.awareAt as string)}</dd>
<dt>Declared</dt><dd>${when(state.declaredAt)} by ${who(state.declaredBy)}</dd>
<dt>Closed</dt><dd>${when(state.closedAt)}</dd>
<dt>People affected</dt><dd>${esc(facts.estimatedAffected)} ${affected ? `(${esc(affected)})` : ''}</dd>
<dt>Data</dt><dd>${esc(list(facts.dataCategories))}</dd>
<dt>Systems</dt><dd>${esc(list(facts.affectedSystems))}</dd>
<dt>Facts version</dt><dd>v${esc(state.factsVersion)}</dd>
<dt>Runbook</dt><dd>${esc(v.runbook.name)} v${esc(v.runbook.version)} <code>${esc(v.runbook.hash.slice(0, 16))}</code></dd>
<dt>Legal deadlines</dt><dd>${esc(legal.length)} — ${esc(legal.filter(isMet).length)} met, ${esc(legal.filter(isMissed).length)} missed</dd>
<dt>Internal targets</dt><dd>${esc(targets.length)} — ${esc(targets.filter(isMet).length)} met, ${esc(targets.filter(isMissed).length)} passed</dd>
</dl>`,
    `<h2>Phases and deadlines</h2>${timelineChart(doc)}
<p class="legend">${['met', 'met_late', 'missed', 'pending']
      .map((s) => `<span><i style="background:${outcome(s).color}"></i>${esc(outcome(s).label)}</span>`)
      .join('')}<span class="muted">◆ due time · ○ when met or missed · bars: phases</span></p>`,
    `<h2>Deadlines</h2>${table(
      ['Deadline', 'Due', 'Outcome', 'When', 'Citation'],
      state.deadlines.map((d) => [
        `${esc(d.title)} ${kind(d.id)}`,
        when(d.dueAt),
        `<strong style="color:${outcome(d.status).color}">${esc(outcome(d.status).label)}</strong>${d.paused ? ' (paused by hold)' : ''}`,
        when(d.metAt ?? d.missedAt),
        esc(d.citation),
      ]),
    )}`,
    `<h2>Approvals</h2>${table(
      ['Notice', 'Status', 'Requested', 'Draft (content hash)', 'Approvers', 'Rejection'],
      state.approvals.map((a) => [
        esc(a.gateId),
        esc(a.status),
        `${when(a.requestedAt)}<br>${who(a.requestedBy)}`,
        `<code>${esc(a.contentHash)}</code>`,
        a.votes
          .map(
            (x) =>
              `${who(x.actor)} as ${esc(x.role)}, ${when(x.at)}${x.comment ? `: “${esc(x.comment)}”` : ''}`,
          )
          .join('<br>') || '—',
        a.rejection ? `${who(a.rejection.actor)}: ${esc(a.rejection.reason)}` : '—',
      ]),
    )}`,
    `<h2>Notices sent</h2>${table(
      ['Notice', 'Sent', 'Channel', 'Recipients', 'Reference', 'By', 'Draft'],
      state.notices.map((n) => [
        esc(n.gateId),
        when(n.at),
        esc(n.channel),
        esc(n.recipients ?? '—'),
        esc(n.reference ?? '—'),
        who(n.by),
        `<code>${esc(n.contentHash?.slice(0, 16))}</code>`,
      ]),
    )}`,
    `<h2>Law-enforcement holds</h2>${table(
      ['Agency', 'Reference', 'Placed', 'Ended'],
      state.holds.map((h) => [
        esc(h.agency),
        esc(h.reference),
        `${when(h.placedAt)} by ${who(h.placedBy)}`,
        h.endedAt ? `${when(h.endedAt)} (${esc(h.ended)})` : 'active',
      ]),
    )}`,
    `<h2>Roles</h2>${table(
      ['Person', 'Role', 'Assigned'],
      state.roles.map((r) => [esc(r.personId), esc(r.role), `${when(r.at)} by ${who(r.by)}`]),
    )}`,
    `<h2>Tasks</h2>${table(
      ['Phase', 'Task', 'Owner', 'Status', 'Done'],
      v.tasks.map((t) => {
        const d = done.get(t.id);
        return [
          esc(t.phase),
          esc(t.title),
          esc(t.owner),
          d ? 'done' : 'open',
          d ? `${when(d.at)} by ${who(d.by)}${d.note ? `<br>${esc(d.note)}` : ''}` : '—',
        ];
      }),
    )}`,
    `<h2>Full timeline</h2>${filterForm(doc, filter)}${
      shown.length < doc.entries.length
        ? `<p class="muted">Showing ${esc(shown.length)} of ${esc(doc.entries.length)} entries${filter.type ? ` of type ${esc(filter.type)}` : ''}${filter.person ? ` by ${esc(filter.person)}` : ''}; the export and its signature hold them all.</p>`
        : ''
    }${table(
      ['#', 'When', 'What happened', 'Who'],
      shown.map((e) => [
        esc(e.seq),
        when(e.at),
        `${inWords(e)}<details class="raw"><summary>${esc(e.type)} · data</summary><span class="details">${esc(canonicalJson(e.details))}</span></details>`,
        `${who(e.actor)}${e.actor.roles.length ? `<br><span class="muted">${esc(e.actor.roles.join(', '))}</span>` : ''}`,
      ]),
      'No entry matches.',
    )}`,
    `<h2>Integrity</h2><p class="verify">${esc(doc.entries.length)} entries, hash-chained (SHA-256 over RFC 8785 canonical JSON); last entry <code>${esc(doc.chain.head)}</code>.
Signed with Ed25519 key <code>${esc(doc.signature.keyId)}</code>. Check the JSON export with <code>breachplan verify FILE --public-key KEY.pem</code>.${
      doc.history
        ? ` Raw history: ${esc(doc.history.events)} events, SHA-256 <code>${esc(doc.history.sha256)}</code>.`
        : ''
    }</p>`,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(`${doc.incidentId} — incident report`)}</title><style>${CSS}</style></head>
<body>
${sections.join('\n')}
</body></html>
`;
}
