// `/incident <subcommand>`: acknowledged at once; the work (a query or a validated update as the Slack user)
// runs after the ack and its outcome goes back to the person through the command's response_url.
import type { App } from '@slack/bolt';
import * as msg from '../../workflows/messages';
import type { Actor } from '../domain/roles';
import { slackStatusOf } from '../domain/slack-status';
import { IncidentNotVisibleError, readIncident } from '../temporal/incident-reads';
import { RefusedError, incidentHandle, sendCommand } from '../temporal/incidents';
import { parseIncidentCommand, USAGE, type IncidentCommand } from './command-text';
import {
  type Reply,
  type SlackEdgeContext,
  outcomeText,
  slackActor,
  slackAuthenticated,
  slackUpdateId,
} from './context';
import { declareModal } from './declare';
import type { Blocks } from '../slack-kit/format';
import { neutralise } from '../domain/text';
import { SLACK_IDS, statusData } from '../slack-kit/layouts';

/** `/incident help`'s answer, the same every time: neutralised once, not on every request's ack path. */
const HELP_TEXT = neutralise(USAGE);

/** The subcommands that act on an incident (not declare, help or a usage error). */
export type IncidentWork = Exclude<IncidentCommand, { kind: 'declare' | 'help' | 'usage' }>;

/**
 * Runs one subcommand on an incident as the Slack user and tells them the outcome through `reply`. Refusals
 * are thrown (RefusedError) for the caller to word. `updateId` makes a redelivered request the same update.
 */
export async function runInIncident(
  ctx: SlackEdgeContext,
  incidentId: string,
  userId: string,
  c: IncidentWork,
  respond: (reply: Reply) => Promise<unknown>,
  updateId?: string,
  teamId?: string,
): Promise<void> {
  const handle = incidentHandle(ctx.temporal, incidentId);
  const who = slackAuthenticated(ctx, userId, teamId);
  const actor = who.actor;
  const reply = (text: string) => respond({ text: neutralise(text) });
  const send = <R, C extends { actor: Actor }>(
    def: import('@temporalio/common').UpdateDefinition<R, [C]>,
    command: C,
  ) => sendCommand(handle, def, command, { as: who, updateId });
  switch (c.kind) {
    case 'status': {
      // Need to know: the rule of the API and the pages; asking in the incident's channel is taking part in it.
      const view = await readIncident(ctx.temporal, incidentId, actor, { channelMember: true }).catch(
        (err: unknown) => {
          if (err instanceof IncidentNotVisibleError) throw new RefusedError(err.message, 'not_found');
          throw err;
        },
      );
      const status = slackStatusOf(view);
      await respond(ctx.templates.render<{ text: string; blocks: Blocks }>('status', statusData(status)));
      return;
    }
    case 'assign': {
      const person = slackActor(ctx, c.slackUserId);
      // Only people in the role directory can be assigned (M2): a stranger would hold no power anyway.
      if (person.roles.length === 0)
        throw new RefusedError(
          `<@${c.slackUserId}> is not in the role directory: only people in it can be assigned`,
          'not_in_directory',
        );
      const personId = person.id;
      await send(msg.assignRole, { actor, personId, role: c.role });
      return void (await reply(`:bust_in_silhouette: ${personId} is now ${c.role} of ${incidentId}.`));
    }
    case 'task': {
      const task = await send(msg.completeTask, { actor, taskId: c.taskId, note: c.note });
      return void (await reply(`:white_check_mark: Done: ${task.title}`));
    }
    case 'note': {
      const seq = await send(msg.addNote, { actor, text: c.text });
      return void (await reply(`:memo: Note added to the timeline (#${seq}).`));
    }
    case 'facts': {
      const r = await send(msg.updateFacts, { actor, patch: c.patch as never, reason: c.reason });
      return void (await reply(
        r.changed.length
          ? `:pencil2: Facts v${r.factsVersion}: changed ${r.changed.join(', ')}.`
          : 'Nothing changed: the facts already say that.',
      ));
    }
    case 'hold': {
      const hold = await send(msg.placeHold, {
        actor,
        agency: c.agency,
        reference: c.reference,
        reason: c.reason,
      });
      return void (await reply(`:no_entry: Hold ${hold.id} placed; customer-notice clocks are paused.`));
    }
    case 'release': {
      const hold = await send(msg.releaseHold, { actor, reason: c.reason });
      return void (await reply(`Hold ${hold.id} released.`));
    }
    case 'request': {
      const r = await send(msg.requestApproval, { actor, gateId: c.gateId });
      return void (await reply(
        `:scales: Approval requested for ${c.gateId} (draft ${r.draft.contentHash.slice(0, 12)}).`,
      ));
    }
    case 'advance': {
      const phases = await send(msg.advancePhase, { actor, to: c.to, force: c.force, reason: c.reason });
      const active = phases.filter((p) => p.status === 'active').map((p) => p.name);
      return void (await reply(
        `:arrow_forward: ${incidentId} is now in ${active.join(' + ') || 'no phase'}.`,
      ));
    }
    case 'notice-sent': {
      const { kind: _kind, ...sent } = c;
      const gate = await send(msg.recordNoticeSent, { actor, ...sent });
      return void (await reply(`:outbox_tray: ${gate.title} recorded as sent via ${c.channel}.`));
    }
    case 'close': {
      await send(msg.closeIncident, { actor, reason: c.reason, force: c.force });
      return void (await reply(`:white_check_mark: ${incidentId} closed.`));
    }
  }
}

export function registerCommands(bolt: App, ctx: SlackEdgeContext): void {
  bolt.command(SLACK_IDS.command, async ({ command, ack, respond }) => {
    const c = parseIncidentCommand(command.text ?? '');
    if (c.kind === 'help' || c.kind === 'usage') {
      await ack({ response_type: 'ephemeral', text: c.kind === 'help' ? HELP_TEXT : neutralise(c.message) });
      return;
    }
    await ack();
    if (c.kind === 'declare') {
      await ctx.openModal(command.trigger_id, declareModal(ctx, command.channel_id));
      return;
    }
    const ephemeral = (r: Reply) =>
      respond({ response_type: 'ephemeral', text: neutralise(r.text), blocks: r.blocks as never });
    try {
      const incidentId = await ctx.channels(command.channel_id);
      if (!incidentId) {
        await ephemeral({ text: 'This is not an incident channel. Use `/incident declare` to declare one.' });
        return;
      }
      await runInIncident(
        ctx,
        incidentId,
        command.user_id,
        c,
        ephemeral,
        slackUpdateId('command', command.trigger_id),
        command.team_id,
      );
    } catch (err) {
      await ephemeral({ text: outcomeText(err, ctx, `/incident ${c.kind}`) }).catch((e: Error) =>
        ctx.logger.warn({ err: e.message }, 'slack: could not reply'),
      );
    }
  });
}
