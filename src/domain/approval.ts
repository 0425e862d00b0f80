// Approval gates: legal (and other quorum roles) approve the exact draft of a notice before anything is sent.
// The rules here decide; the workflow's update validators call them so a refusal writes nothing to history.
import type { ContentFinding } from './notice-content/check';
import type { Quorum, RunbookGate } from './runbook';
import type { Actor, Role } from './roles';
import type { RefusalCode } from './failures';

export interface DraftFinding extends ContentFinding {
  /** The reader variant (jurisdictions joined by "+") and the languages the finding holds in. */
  variant: string;
  locales: string[];
}

/** The content-rule check of every variant and language of a customer notice draft. */
export interface DraftCompliance {
  ok: boolean;
  /** Notices checked: variants × locales. */
  checked: number;
  variants: string[];
  locales: string[];
  findings: DraftFinding[];
}

/** One line per finding, for the CLI and Slack: "US-CA (en, es): missing … [§ 1798.82(d)(2)(E)]". */
export function describeFinding(f: DraftFinding): string {
  const where = f.variant === f.jurisdiction ? f.jurisdiction : `${f.jurisdiction} in ${f.variant}`;
  return `${where} (${f.locales.join(', ')}): ${f.message} [${f.citation}]`;
}

/** What the content check says about a draft, in lines: the summary, then each finding. */
export function complianceLines(c: DraftCompliance): string[] {
  return [
    c.ok
      ? `compliance: OK (${c.checked} notices checked against the content rules)`
      : `compliance: ${c.findings.length} problem(s) in ${c.checked} notices checked; approval needs a counsel override`,
    ...c.findings.map((f) => `  - ${describeFinding(f)}`),
  ];
}

export interface Draft {
  templateId: string;
  templateVersion: string;
  contentHash: string;
  factsHash: string;
  factsVersion: number;
  excerpt: string;
  renderedAt: string;
  /** Customer notices: what the content rules found (absent on drafts rendered before the check existed). */
  compliance?: DraftCompliance;
}

export interface ApprovalVote {
  actor: Actor;
  role: Role;
  at: string;
  comment?: string;
}

export type GateStatus = 'not_requested' | 'drafting' | 'pending' | 'approved' | 'rejected';

export interface GateState {
  id: string;
  kind: RunbookGate['kind'];
  title: string;
  phase: string;
  template: string;
  quorum: Quorum;
  status: GateStatus;
  requestId?: string;
  requestedBy?: Actor;
  requestedAt?: string;
  draft?: Draft;
  votes: ApprovalVote[];
  rejection?: { actor: Actor; reason: string; at: string };
  /** The draft's content-rule result holds the approval (set when the draft lands; see notice-compliance.ts). */
  complianceGated?: boolean;
  /** Counsel let a draft that fails the content check be approved: for that exact draft only. */
  complianceOverride?: { actor: Actor; reason: string; at: string; contentHash: string };
  noticeSent?: {
    at: string;
    channel: string;
    reference?: string;
    recipients?: number;
    actor: Actor;
    /** The authority's receipt of a submission (its sha256; the file stays with whoever filed it). */
    receipt?: NoticeReceipt;
  };
}

/** A submission's receipt from the authority: the file's hash, size and name. */
export interface NoticeReceipt {
  sha256: string;
  bytes: number;
  name?: string;
}

export function newGateState(gate: RunbookGate): GateState {
  return { ...gate, quorum: gate.quorum.map((q) => ({ ...q })), status: 'not_requested', votes: [] };
}

export class ApprovalRefused extends Error {
  override name = 'ApprovalRefused';
  constructor(
    public readonly code: Extract<
      RefusalCode,
      | 'not_authorized'
      | 'own_request'
      | 'stale_draft'
      | 'facts_changed'
      | 'already_decided'
      | 'no_request'
      | 'already_voted'
      | 'non_compliant'
    >,
    message: string,
  ) {
    super(message);
  }
}

/** Quorum seats still open: role → how many more distinct approvers it needs. */
export function openSeats(gate: GateState): Map<Role, number> {
  const open = new Map<Role, number>();
  for (const q of gate.quorum) open.set(q.role, (open.get(q.role) ?? 0) + q.count);
  for (const v of gate.votes) open.set(v.role, Math.max(0, (open.get(v.role) ?? 0) - 1));
  for (const [role, n] of open) if (n === 0) open.delete(role);
  return open;
}

/** Which quorum role this actor's vote fills, or why they cannot vote. */
export function checkApproval(
  gate: GateState,
  actor: Actor,
  ask: { requestId?: string; contentHash: string },
  currentFactsVersion: number,
): Role {
  checkDecidable(gate, actor, ask, currentFactsVersion);
  const failing = gate.complianceGated ? gate.draft?.compliance : undefined;
  if (failing && !failing.ok && gate.complianceOverride?.contentHash !== gate.draft?.contentHash) {
    const where = [...new Set(failing.findings.map((f) => f.jurisdiction))].join(', ');
    throw new ApprovalRefused(
      'non_compliant',
      `the draft fails the notice content check (${failing.findings.length} problem(s): ${where}); fix the facts or templates and request a new draft, or counsel records an override with a reason`,
    );
  }
  if (gate.votes.some((v) => v.actor.id === actor.id)) {
    throw new ApprovalRefused(
      'already_voted',
      `${actor.id} has already approved this draft; another approver is needed`,
    );
  }
  const open = openSeats(gate);
  const seat = actor.roles.find((r) => open.has(r));
  if (!seat) {
    const needed = [...open.keys()].join(' or ');
    throw new ApprovalRefused(
      'not_authorized',
      `${actor.id} cannot approve "${gate.title}": needs the ${needed} role`,
    );
  }
  return seat;
}

/** Rejection needs one of the gate's quorum roles; the same staleness and four-eyes rules apply. */
export function checkRejection(
  gate: GateState,
  actor: Actor,
  ask: { requestId?: string; contentHash: string },
  currentFactsVersion: number,
): void {
  checkDecidable(gate, actor, ask, currentFactsVersion);
  const roles = new Set(gate.quorum.map((q) => q.role));
  if (!actor.roles.some((r) => roles.has(r))) {
    throw new ApprovalRefused(
      'not_authorized',
      `${actor.id} cannot reject "${gate.title}": needs the ${[...roles].join(' or ')} role`,
    );
  }
}

function checkDecidable(
  gate: GateState,
  actor: Actor,
  ask: { requestId?: string; contentHash: string },
  factsVersion: number,
): void {
  if (gate.status === 'approved' || gate.status === 'rejected') {
    throw new ApprovalRefused(
      'already_decided',
      `"${gate.title}" was already ${gate.status}; request a new approval to change it`,
    );
  }
  if (gate.status !== 'pending' || !gate.draft) {
    throw new ApprovalRefused('no_request', `"${gate.title}" has no draft awaiting approval`);
  }
  if ((ask.requestId && ask.requestId !== gate.requestId) || ask.contentHash !== gate.draft.contentHash) {
    throw new ApprovalRefused(
      'stale_draft',
      `the draft you saw (${ask.contentHash.slice(0, 12)}) is no longer the one awaiting approval (${gate.draft.contentHash.slice(0, 12)})`,
    );
  }
  if (gate.draft.factsVersion !== factsVersion) {
    throw new ApprovalRefused(
      'facts_changed',
      `the facts changed since this draft was rendered (facts v${gate.draft.factsVersion}, now v${factsVersion}); request a new draft`,
    );
  }
  if (gate.requestedBy?.id === actor.id) {
    throw new ApprovalRefused(
      'own_request',
      `${actor.id} requested this approval and cannot approve or reject it (four eyes)`,
    );
  }
}
