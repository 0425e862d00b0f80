// Slack text rules: hostile user text can neither break the Block Kit JSON nor inject mrkdwn (mentions,
// links), and channel names follow Slack's rules.
import { join } from 'node:path';
import {
  createSlackTemplates,
  escapeForBlockJson,
  escapeMrkdwn,
  incidentChannelName,
} from '../../src/slack-kit/format';
import { approvalData, SLACK_IDS, statusData } from '../../src/slack-kit/layouts';
import type { GateState } from '../../src/domain/approval';
import { slackStatusOf } from '../../src/domain/slack-status';
import { HOSTILE, incidentView } from './view-fixture';

const templates = createSlackTemplates(join(__dirname, '..', '..', 'templates'));

function allText(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allText);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allText);
  return [];
}

/** A customer-notice draft as the workflow keeps it on its gate. */
const DRAFT = {
  templateId: 'notices/customer/en',
  templateVersion: 'v1',
  contentHash: 'c'.repeat(64),
  factsHash: 'f'.repeat(64),
  factsVersion: 1,
  excerpt: 'Notice',
  renderedAt: '2026-11-24T10:00:00Z',
};

/** The customer-notice gate, pending approval by legal, with `over` on top. */
const pendingGate = (over: Partial<GateState>): GateState => ({
  id: 'customer_notice',
  kind: 'customer_notice',
  title: 'Customer notice',
  phase: 'notify',
  template: 'notices/customer',
  quorum: [{ role: 'legal', count: 1 }],
  status: 'pending',
  votes: [],
  ...over,
});

describe('escaping for Slack', () => {
  it('escapes the three mrkdwn control characters, and only those', () => {
    expect(escapeMrkdwn('a & b <@U1> >')).toBe('a &amp; b &lt;@U1&gt; &gt;');
    expect(escapeMrkdwn('*bold* _it_ `code`')).toBe('*bold* _it_ `code`');
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });

  it('produces a JSON string body that round-trips to the escaped text', () => {
    const inner = escapeForBlockJson(HOSTILE);
    expect(JSON.parse(`"${inner}"`)).toBe(escapeMrkdwn(HOSTILE));
    expect(inner).not.toMatch(/(^|[^\\])"/);
  });

  it('renders the status message with hostile text as one intact layout', () => {
    const message = templates.render<{ text: string; blocks: Record<string, unknown>[] }>(
      'status',
      statusData(slackStatusOf(incidentView())),
    );
    // The attacker's "section" never became a block of its own.
    expect(message.blocks.filter((b) => b.type === 'section' && !('text' in b) && !('fields' in b))).toEqual(
      [],
    );
    const texts = allText(message);
    expect(texts.some((t) => t.includes('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;'))).toBe(
      true,
    );
    expect(texts.some((t) => t.includes('<!channel>'))).toBe(false);
    expect(texts.some((t) => t.includes('<https://evil'))).toBe(false);
    expect(texts.join('\n')).toContain('Carol &lt;Commander&gt;');
    // The task button carries machine JSON, not escaped text.
    const button = message.blocks.find((b) => (b.accessory as { action_id?: string })?.action_id);
    expect(button?.accessory).toMatchObject({ action_id: SLACK_IDS.taskButton });
    expect(JSON.parse((button!.accessory as { value: string }).value)).toEqual({
      incidentId: 'INC-20261124-7F3K5',
      taskId: 'confirm',
    });
  });

  it('builds the compact status from what the status shows, long texts cut to the shown length', () => {
    const long = 'y'.repeat(20_000);
    const view = incidentView({ summary: long, title: long.slice(0, 200) });
    const status = slackStatusOf(view);
    expect(status.summary).toHaveLength(1500);
    expect(status.title).toHaveLength(200);
    expect(status.tasks.map((t) => [t.id, t.status, t.doneBy])).toEqual([
      ['confirm', 'open', undefined],
      ['scope', 'done', 'rick'],
    ]);
    expect(JSON.stringify(status).length).toBeLessThan(2_500);
    const message = templates.render<{ blocks: Record<string, unknown>[] }>('status', statusData(status));
    expect(allText(message).some((t) => t.endsWith('y…'))).toBe(true);
  });

  it('renders approval requests with the draft hash and buttons only while pending', () => {
    const gate = pendingGate({
      requestId: 'customer_notice-1234',
      requestedBy: { id: 'carol', roles: ['commander'], source: 'slack' },
      draft: { ...DRAFT, excerpt: HOSTILE },
    });
    const data = approvalData({
      incidentId: 'INC-20261124-7F3K5',
      incidentTitle: HOSTILE,
      channelId: 'C0001',
      gate: { ...gate, quorum: [...gate.quorum], votes: [] },
    });
    const pending = templates.render<{ blocks: Record<string, unknown>[] }>('approval', data);
    const texts = allText(pending).join('\n');
    expect(texts).toContain('c'.repeat(64));
    expect(texts).toContain('<#C0001>');
    expect(texts).not.toContain('<!channel>');
    const actions = pending.blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string; value: string }[];
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      SLACK_IDS.approveButton,
      SLACK_IDS.rejectButton,
    ]);
    expect(JSON.parse(actions.elements[0]!.value)).toEqual({
      incidentId: 'INC-20261124-7F3K5',
      gateId: 'customer_notice',
      requestId: 'customer_notice-1234',
      contentHash: 'c'.repeat(64),
    });
    const decided = templates.render<{ blocks: Record<string, unknown>[] }>(
      'approval',
      approvalData({
        incidentId: 'INC-20261124-7F3K5',
        incidentTitle: 't',
        gate: { ...gate, quorum: [...gate.quorum], votes: [], status: 'approved' },
      }),
    );
    expect(decided.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it("shows the draft's content check to counsel: OK, the findings and the override it needs, or who overrode it", () => {
    const finding = (n: number) => ({
      jurisdiction: 'US-CA',
      citation: `§ 1798.82(d)(2)(${String.fromCharCode(65 + n)})`,
      kind: 'missing' as const,
      element: 'breach_dates' as const,
      message: `missing element ${n}`,
      variant: 'US-CA',
      locales: ['en', 'es'],
    });
    const draft = DRAFT;
    const gate = pendingGate;
    const render = (g: GateState) =>
      allText(
        templates.render<{ blocks: Record<string, unknown>[] }>(
          'approval',
          approvalData({ incidentId: 'INC-20261124-7F3K5', incidentTitle: 't', gate: g }),
        ),
      ).join('\n');
    const compliance = (n: number) => ({
      ok: n === 0,
      checked: 18,
      variants: ['US-CA'],
      locales: ['en', 'es'],
      findings: Array.from({ length: n }, (_, i) => finding(i)),
    });

    expect(render(gate({ draft: { ...draft, compliance: compliance(0) } }))).toContain(
      ':white_check_mark: Content check: OK (18 notices checked against the content rules)',
    );
    const failing = render(gate({ draft: { ...draft, compliance: compliance(7) } }));
    expect(failing).toContain(
      ":warning: *Content check: 7 problem(s)*: approving needs counsel's override first (`breachplan override-content-check INC-20261124-7F3K5 customer_notice --reason …`)\n• US-CA (en, es): missing element 0 [§ 1798.82(d)(2)(A)]",
    );
    expect(failing).toContain('• US-CA (en, es): missing element 4 [§ 1798.82(d)(2)(E)]');
    expect(failing).not.toContain('missing element 5');
    expect(failing).toContain('…and 2 more: `breachplan notice preview INC-20261124-7F3K5`');
    // Counsel's reason is their text: escaped like every other value, one intact layout.
    const overridden = render(
      gate({
        draft: { ...draft, compliance: compliance(1) },
        complianceOverride: {
          actor: { id: 'lena', name: 'Lena Legal', roles: ['legal'], source: 'cli' },
          reason: HOSTILE,
          at: '2026-11-24T11:00:00Z',
          contentHash: 'c'.repeat(64),
        },
      }),
    );
    expect(overridden).toContain(':warning: Content check: 1 problem(s), overridden by Lena Legal: x"}]}');
    expect(overridden).not.toContain('<!channel>');
    // An authority notice has no content check: no line at all.
    expect(render(gate({ draft }))).not.toContain('Content check');
  });

  it('renders the modals with the callback ids the edge listens for', () => {
    expect(
      templates.render<{ callback_id: string }>('declare-modal', { severities: [], dataCategories: [] }),
    ).toMatchObject({
      callback_id: SLACK_IDS.declareView,
    });
    expect(
      templates.render<{ callback_id: string }>('reject-modal', {
        gateTitle: HOSTILE,
        incidentId: 'i',
        shortHash: 'h',
      }),
    ).toMatchObject({ callback_id: SLACK_IDS.rejectView });
    expect(
      templates.render<{ callback_id: string }>('complete-task-modal', { taskTitle: HOSTILE }),
    ).toMatchObject({
      callback_id: SLACK_IDS.completeTaskView,
    });
  });

  it('fails loudly when a template lacks a field (strict)', () => {
    expect(() => templates.render('notice', { text: 'x' })).toThrow(/icon/);
  });
});

describe('incident channel names', () => {
  it('follows Slack rules: lowercase, no spaces or punctuation, at most 80 characters', () => {
    expect(incidentChannelName('INC-20261124-7F3K5', 'Customer DB exfiltrated!')).toBe(
      'inc-20261124-7f3k5-customer-db-exfiltrated',
    );
    expect(incidentChannelName('INC-20261124-7F3K5', 'Ünïcödé — café.com & <b>')).toBe(
      'inc-20261124-7f3k5-unicode-cafe-com-b',
    );
    expect(incidentChannelName('INC-20261124-7F3K5', '!!!')).toBe('inc-20261124-7f3k5');
    const long = incidentChannelName('INC-20261124-7F3K5', 'word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9_-]+$/);
    expect(long.endsWith('-')).toBe(false);
  });
});
