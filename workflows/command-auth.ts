// Temporal is not a back door: every command that reaches an incident must carry an edge's signed assertion
// of its actor, checked here before any validator runs. The worker's codec turns a payload that was not
// encrypted with a key of the keyring into a sentinel (src/temporal/codec.ts), refused here too; the campaign
// child takes no start or signal that does not come from its parent incident.
//
// Where the trusted edge keys come from: they are compiled into the workflow bundle when the worker bundles
// it (`edgeKeysBundlerOptions`, webpack DefinePlugin), from the worker's own configuration. Nothing a Temporal
// client sends (input, memo, headers, search attributes) can add a key: the client would have to change the
// worker's code. Verification runs only when a command is first accepted, never on replay (history is the
// record of what was accepted), so rotating a key never breaks the replay of older incidents.
//
// The small hook for the handlers: the interceptor puts the verified principal on the command's actor
// (`actor.principal`), so whatever records the actor on the timeline records how the edge knew them.
import * as wf from '@temporalio/workflow';
import { ed25519 } from './shared/ed25519';
import {
  ASSERTION_MAX_SKEW_MS,
  type ActorAssertion,
  START_MESSAGE,
  type TrustedEdgeKeys,
  actorAssertionSchema,
  assertionSigningText,
  commandHash,
  hexToBytes,
  sameRoles,
} from '../src/domain/actor-assertion';
import type { Actor } from '../src/domain/roles';
import type { CommandRefusalCode } from '../src/domain/failures';
import { workflowNow } from './clock';
import { refuse as refuseCommand } from './incident-rules';

/** Replay guard: incidents started before signed commands neither carry nor check assertions. */
export const SIGNED_COMMANDS_PATCH = 'signed-commands-v1';

/** The sentinel the worker's codec decodes an unencrypted payload to (src/temporal/codec.ts). */
const UNENCRYPTED = '__breachplan_unencrypted_payload__';

declare const __BREACHPLAN_EDGE_KEYS__: string | undefined;

function trustedKeys(): TrustedEdgeKeys {
  if (typeof __BREACHPLAN_EDGE_KEYS__ === 'undefined') return {};
  return JSON.parse(__BREACHPLAN_EDGE_KEYS__) as TrustedEdgeKeys;
}

function refuse(message: string, code: CommandRefusalCode = 'not_authenticated'): never {
  return refuseCommand(message, code);
}

const isUnencrypted = (v: unknown) =>
  typeof v === 'object' && v !== null && (v as Record<string, unknown>)[UNENCRYPTED] === true;

function refuseUnencrypted(args: unknown[]): void {
  if (args.some(isUnencrypted))
    refuse('the command is not encrypted with a key of the keyring: refused', 'not_encrypted');
}

/** The command's actor, with the principal the assertion proves (or none: an old, unsigned incident). */
function withPrincipal(command: unknown, assertion: ActorAssertion | undefined): unknown {
  if (typeof command !== 'object' || command === null) return command;
  const c = command as { actor?: Actor; declaredBy?: Actor };
  const key = c.declaredBy ? 'declaredBy' : 'actor';
  const actor = c[key];
  if (!actor || typeof actor !== 'object') return command;
  const { principal: _claimed, ...rest } = actor;
  return { ...c, [key]: assertion ? { ...rest, principal: assertion.principal } : rest };
}

export interface CommandCheck {
  /** The workflow's clock (ms). */
  now: number;
  workflowId: string;
  message: string;
  command: unknown;
  raw: unknown;
  keys: TrustedEdgeKeys;
  seen: Map<string, number>;
}

/**
 * Whether `raw` is a valid assertion for this command: a trusted key, a good signature over this workflow id,
 * message and command, a fresh time, a nonce never seen, and the command's actor exactly the asserted one.
 */
export function checkAssertion(c: CommandCheck): ActorAssertion {
  if (c.raw === undefined || c.raw === null)
    refuse(`${c.message} carries no signed actor assertion: only an authenticated edge may send commands`);
  const parsed = actorAssertionSchema.safeParse(c.raw);
  if (!parsed.success) return refuse(`${c.message}: the actor assertion is malformed`);
  const a = parsed.data;
  const publicKey = c.keys[a.keyId];
  if (!publicKey)
    return refuse(`${c.message}: the assertion is signed with an unknown edge key "${a.keyId}"`);
  let good = false;
  try {
    good = ed25519.verify(
      hexToBytes(a.signature),
      new TextEncoder().encode(assertionSigningText(a)),
      hexToBytes(publicKey),
    );
  } catch {
    good = false;
  }
  if (!good) refuse(`${c.message}: the actor assertion's signature is not valid`);
  if (a.workflowId !== c.workflowId || a.message !== c.message)
    refuse(`${c.message}: the assertion was signed for ${a.message} on ${a.workflowId}`);
  if (a.argsHash !== commandHash(c.command))
    refuse(`${c.message}: the command is not the one the assertion was signed for`);
  const skew = Math.abs(Date.parse(a.at) - c.now);
  if (!(skew <= ASSERTION_MAX_SKEW_MS))
    refuse(`${c.message}: the assertion is stale (signed ${a.at}, more than 5 minutes from now)`);
  if (c.seen.has(a.nonce)) refuse(`${c.message}: the assertion was already used (replayed nonce)`);
  const cmd = c.command as { actor?: Actor; declaredBy?: Actor } | null;
  const actor = cmd?.declaredBy ?? cmd?.actor;
  if (!actor || typeof actor !== 'object')
    refuse(`${c.message}: the command names no actor`, 'invalid_input');
  if (actor.id !== a.actor.id || a.principal.personId !== a.actor.id)
    refuse(`${c.message}: the command's actor ${String(actor.id)} is not the authenticated ${a.actor.id}`);
  if (!Array.isArray(actor.roles) || !sameRoles(actor.roles, a.actor.roles))
    refuse(`${c.message}: the command's roles are not the ones the edge found in the directory`);
  return a;
}

function incidentInterceptor(): wf.WorkflowInboundCallsInterceptor {
  let signed = false;
  const keys = trustedKeys();
  const seen = new Map<string, number>();
  const remember = (a: ActorAssertion | undefined) => {
    if (!a) return;
    const now = workflowNow();
    for (const [nonce, at] of seen) if (now - at > 2 * ASSERTION_MAX_SKEW_MS) seen.delete(nonce);
    seen.set(a.nonce, Date.parse(a.at));
  };
  /** The assertion of an accepted command (history is the record: checked when it was first accepted). */
  const assertionOf = (raw: unknown): ActorAssertion | undefined => {
    if (!signed) return undefined;
    const parsed = actorAssertionSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  const check = (message: string, args: unknown[]) =>
    checkAssertion({
      now: workflowNow(),
      workflowId: wf.workflowInfo().workflowId,
      message,
      command: args[0],
      raw: args[1],
      keys,
      seen,
    });

  return {
    async execute(input, next) {
      signed = wf.patched(SIGNED_COMMANDS_PATCH);
      const info = wf.workflowInfo();
      if (!signed) return next(input);
      // A run continued from this incident got its input from the workflow itself.
      if (info.continuedFromExecutionRunId)
        return next({ ...input, args: [withPrincipal(input.args[0], undefined)] });
      refuseUnencrypted(input.args);
      const a = info.unsafe.isReplaying ? assertionOf(input.args[1]) : check(START_MESSAGE, input.args);
      remember(a);
      return next({ ...input, args: [withPrincipal(input.args[0], a)] });
    },
    validateUpdate(input, next) {
      refuseUnencrypted(input.args);
      if (!signed) return next({ ...input, args: [withPrincipal(input.args[0], undefined)] });
      const a = check(input.name, input.args);
      return next({ ...input, args: [withPrincipal(input.args[0], a)] });
    },
    async handleUpdate(input, next) {
      const a = assertionOf(input.args[1]);
      remember(a);
      return next({ ...input, args: [withPrincipal(input.args[0], a)] });
    },
    async handleSignal(input, next) {
      // The one signal an incident takes: "a campaign ended", which only makes it read the campaign's own
      // closed run (incident/campaigns.ts); its payload is not believed, a plaintext one not even read.
      if (input.signalName === 'campaignEnded' && !input.args.some(isUnencrypted)) return next(input);
      // Any other signal (e.g. from a Temporal client) changes nothing.
      wf.log.warn('signal ignored: incidents take commands only as signed updates', {
        signal: input.signalName,
      });
      void next;
    },
  };
}

function campaignInterceptor(): wf.WorkflowInboundCallsInterceptor {
  return {
    async execute(input, next) {
      const info = wf.workflowInfo();
      // Only its incident starts a campaign (a Temporal client cannot make itself a workflow's parent).
      if (!info.parent && !info.continuedFromExecutionRunId && wf.patched(SIGNED_COMMANDS_PATCH))
        refuse('a notice campaign is started only by its incident', 'not_authenticated');
      return next(input);
    },
    async handleSignal(input, next) {
      if (input.args.some(isUnencrypted)) {
        wf.log.warn('campaign signal ignored: not encrypted with a key of the keyring', {
          signal: input.signalName,
        });
        return;
      }
      return next(input);
    },
  };
}

export const interceptors: wf.WorkflowInterceptorsFactory = () => {
  const type = wf.workflowInfo().workflowType;
  if (type === 'incidentWorkflow') return { inbound: [incidentInterceptor()] };
  if (type === 'noticeCampaignWorkflow') return { inbound: [campaignInterceptor()] };
  return {};
};
