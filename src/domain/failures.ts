// Every way Breachplan says no, once: the refusal codes a command can be answered with (by a workflow
// validator or the client before it), and the failure types activities throw, with whether Temporal retries
// them. The workflows' nonRetryableErrorTypes, the HTTP status, the CLI exit code and the Slack wording of a
// refusal are all derived from these two tables.

/** How a refusal reads at the edges: the kind decides the HTTP status, the exit code and the Slack words. */
export type RefusalKind = 'input' | 'forbidden' | 'missing' | 'conflict';

export interface RefusalOutcome {
  kind: RefusalKind;
  /** The HTTP status the web edge answers with. */
  status: number;
  /** The CLI's exit code (2: refused or invalid, never a crash). */
  exit: number;
  /** How Slack opens the reply: `${icon} ${what} ${verb}: ${message}`. */
  slack: { icon: string; verb: string };
}

const KINDS: Record<RefusalKind, RefusalOutcome> = {
  input: { kind: 'input', status: 400, exit: 2, slack: { icon: ':no_entry:', verb: 'refused' } },
  forbidden: { kind: 'forbidden', status: 403, exit: 2, slack: { icon: ':no_entry:', verb: 'refused' } },
  missing: { kind: 'missing', status: 404, exit: 2, slack: { icon: ':no_entry:', verb: 'refused' } },
  conflict: { kind: 'conflict', status: 409, exit: 2, slack: { icon: ':no_entry:', verb: 'refused' } },
};

/** The codes a command is refused with, each with its kind and when it is used. */
export const REFUSALS = {
  refused: { kind: 'conflict', when: 'no more specific code applies' },
  invalid_input: { kind: 'input', when: 'the command does not match its schema or a rule of its fields' },
  not_authorized: { kind: 'forbidden', when: "the actor's roles do not allow the command" },
  own_request: { kind: 'forbidden', when: 'the requester of an approval votes on it (four eyes)' },
  not_found: { kind: 'missing', when: 'no such task, gate, hold, obligation or campaign' },
  closed: { kind: 'conflict', when: 'the incident is closed' },
  busy: { kind: 'conflict', when: 'a draft is being rendered or a campaign is already running' },
  duplicate: { kind: 'conflict', when: 'the person already holds the role' },
  already_done: { kind: 'conflict', when: 'the task is done, the hold ended, or the notice was recorded' },
  already_decided: { kind: 'conflict', when: 'the approval was decided or its notice sent' },
  already_voted: { kind: 'conflict', when: 'the person has already voted on this draft' },
  no_request: { kind: 'conflict', when: 'the gate has no draft awaiting approval' },
  stale_draft: { kind: 'conflict', when: 'the draft voted on is no longer the current one' },
  facts_changed: { kind: 'conflict', when: 'the facts changed after the draft was rendered' },
  not_approved: { kind: 'conflict', when: 'a notice is recorded as sent before it was approved' },
  on_hold: { kind: 'conflict', when: 'a law-enforcement hold stops customer notices' },
  invalid_phase: { kind: 'conflict', when: 'the phase cannot start, or the gate belongs to a later phase' },
  invalid_state: { kind: 'conflict', when: 'the campaign cannot be paused, resumed or cancelled now' },
  tasks_open: { kind: 'conflict', when: 'required tasks are still open' },
  approvals_pending: { kind: 'conflict', when: 'approvals are still pending at close' },
  campaign_active: { kind: 'conflict', when: 'a campaign is sending: it records the notice itself' },
  continuing: {
    kind: 'conflict',
    when: 'the incident is moving to a new run; the edges send the command again',
  },
  not_authenticated: {
    kind: 'forbidden',
    when: "the command has no valid signed actor assertion from a trusted edge (or is not its actor's)",
  },
  not_encrypted: { kind: 'forbidden', when: 'the command is not encrypted with a key of the keyring' },
  not_assignable: {
    kind: 'input',
    when: 'legal and auditor come from the role directory, never an assignment',
  },
  not_in_directory: { kind: 'input', when: 'only people in the role directory can be assigned' },
  non_compliant: {
    kind: 'conflict',
    when: 'the draft fails the notice content check and counsel has not overridden it',
  },
  nothing_to_override: {
    kind: 'conflict',
    when: 'the draft passes the content check: there is nothing to override',
  },
} as const satisfies Record<string, { kind: RefusalKind; when: string }>;

export type RefusalCode = keyof typeof REFUSALS;

/** Which activities throw a failure type: each workflow's retry policy lists its activities' types. */
export type ActivityFamily = 'drafts' | 'campaign' | 'slack' | 'archive' | 'webhooks';

/** The failure types activities throw. A non-retryable one stops the activity at its first attempt. */
export const ACTIVITY_FAILURES = {
  TemplateError: { retryable: false, from: ['drafts', 'campaign'], when: 'a template is missing or fails' },
  TemplateChanged: { retryable: false, from: ['campaign'], when: 'the approved template changed since' },
  RecipientListMissing: { retryable: false, from: ['campaign'], when: 'no list with that hash' },
  VariantNotApproved: {
    retryable: false,
    from: ['campaign'],
    when: 'readers outside the affected facts whose notice variant fails the content check',
  },
  RecipientListDamaged: { retryable: false, from: ['campaign'], when: 'a sealed frame fails to open' },
  DeliveryLogUnavailable: { retryable: true, from: ['campaign'], when: 'in-doubt notices wait for the log' },
  TransientSmtpFailure: { retryable: true, from: ['campaign'], when: 'the SMTP server refused for now' },
  BatchIncomplete: { retryable: true, from: ['campaign'], when: 'someone in the batch has no outcome yet' },
  SlackRejected: { retryable: false, from: ['slack'], when: 'Slack refused the call for good' },
  SlackUnavailable: { retryable: true, from: ['slack'], when: 'Slack or the network failed for now' },
  SlackRateLimited: { retryable: true, from: ['slack'], when: 'Slack asked to retry after a delay' },
  CampaignControlUnavailable: {
    retryable: false,
    from: ['campaign'],
    when: 'the worker cannot ask the incident what its campaign may do',
  },
  CampaignNotInIncident: { retryable: false, from: ['campaign'], when: 'the incident has no such campaign' },
  ArchiveNotConfigured: { retryable: false, from: ['archive'], when: 'the worker has no archive directory' },
  ArchiveMismatch: { retryable: false, from: ['archive'], when: 'the timeline does not end at the head' },
  WebhookUnavailable: {
    retryable: true,
    from: ['webhooks'],
    when: 'a subscriber did not answer 2xx (5xx, 408, 429, a timeout, the network)',
  },
  WebhookRefused: {
    retryable: false,
    from: ['webhooks'],
    when: 'a subscriber answered 4xx: it parks at once',
  },
  WebhookSubscriberUnknown: {
    retryable: false,
    from: ['webhooks'],
    when: 'the subscriber is no longer in the webhooks file',
  },
} as const satisfies Record<string, { retryable: boolean; from: readonly ActivityFamily[]; when: string }>;

export type ActivityFailureType = keyof typeof ACTIVITY_FAILURES;

/**
 * The codes an edge may see on a refused command: the refusal codes, plus the failure types of an activity
 * whose failure a validator passes on as the refusal (starting a campaign: the list or template is wrong).
 */
export type CommandRefusalCode = RefusalCode | ActivityFailureType;

export const isRefusalCode = (code: string): code is RefusalCode => Object.hasOwn(REFUSALS, code);
export const isActivityFailureType = (type: string): type is ActivityFailureType =>
  Object.hasOwn(ACTIVITY_FAILURES, type);

/** The non-retryable failure types of a family of activities, for its `nonRetryableErrorTypes`. */
export function nonRetryableTypes(family: ActivityFamily): ActivityFailureType[] {
  return (Object.keys(ACTIVITY_FAILURES) as ActivityFailureType[]).filter((type) => {
    const f: { retryable: boolean; from: readonly ActivityFamily[] } = ACTIVITY_FAILURES[type];
    return !f.retryable && f.from.includes(family);
  });
}

/** How an edge shows a refusal with this code; a code it does not know reads as a conflict. */
export function refusalOutcome(code: string): RefusalOutcome {
  return KINDS[isRefusalCode(code) ? REFUSALS[code].kind : 'conflict'];
}
