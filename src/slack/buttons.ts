// Buttons on Breachplan's messages: Approve / Reject on an approval request (reject asks for a reason), and
// Complete on a task of the status message (asks for a note). Each click acts as the Slack user; the
// workflow's validators decide, and a refusal comes back to that person as an ephemeral message.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { incidentIdSchema } from '../domain/incident';
import * as msg from '../../workflows/messages';
import { incidentHandle, sendCommand } from '../temporal/incidents';
import {
  type SlackEdgeContext,
  outcomeText,
  readMetadata,
  slackAuthenticated,
  slackUpdateId,
  tell,
} from './context';
import { SLACK_IDS } from '../slack-kit/layouts';

const approvalValueSchema = z.object({
  incidentId: incidentIdSchema,
  gateId: z.string().min(1).max(64),
  requestId: z.string().max(100),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
const taskValueSchema = z.object({
  incidentId: incidentIdSchema,
  taskId: z.string().min(1).max(64),
});

function parseValue<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function modal(
  ctx: SlackEdgeContext,
  name: string,
  data: Record<string, unknown>,
  metadata: Record<string, string>,
) {
  const view = ctx.templates.render<types.ModalView>(name, data);
  view.private_metadata = JSON.stringify(metadata);
  return view;
}

export function registerButtons(bolt: App, ctx: SlackEdgeContext): void {
  bolt.action<BlockAction<ButtonAction>>(SLACK_IDS.approveButton, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id;
    const ask = parseValue(approvalValueSchema, action.value);
    if (!ask) return void (await tell(client, ctx, channel, body.user.id, ':warning: Unreadable button.'));
    const who = slackAuthenticated(ctx, body.user.id, body.team?.id);
    try {
      const { incidentId, ...rest } = ask;
      const gate = await sendCommand(
        incidentHandle(ctx.temporal, incidentId),
        msg.approve,
        { ...rest, requestId: rest.requestId || undefined },
        { as: who, updateId: slackUpdateId('action', body.trigger_id) },
      );
      await tell(
        client,
        ctx,
        channel,
        body.user.id,
        `:white_check_mark: You approved ${gate.title} for ${incidentId} (${gate.status}).`,
      );
    } catch (err) {
      await tell(client, ctx, channel, body.user.id, outcomeText(err, ctx, 'Approval'));
    }
  });

  bolt.action<BlockAction<ButtonAction>>(SLACK_IDS.rejectButton, async ({ ack, body, action }) => {
    await ack();
    const ask = parseValue(approvalValueSchema, action.value);
    if (!ask) return;
    await ctx.openModal(
      body.trigger_id,
      modal(
        ctx,
        'reject-modal',
        { gateTitle: ask.gateId, incidentId: ask.incidentId, shortHash: ask.contentHash.slice(0, 12) },
        { value: action.value ?? '', channel: body.channel?.id ?? '' },
      ),
    );
  });

  bolt.view(SLACK_IDS.rejectView, async ({ ack, body, view, client }) => {
    const reason = (view.state.values.reason?.value?.value ?? '').trim();
    if (!reason) return void (await ack({ response_action: 'errors', errors: { reason: 'Say why.' } }));
    await ack();
    const meta = readMetadata(view.private_metadata);
    const channel = meta.channel || undefined;
    const ask = parseValue(approvalValueSchema, meta.value);
    if (!ask) return;
    try {
      const { incidentId, ...rest } = ask;
      const gate = await sendCommand(
        incidentHandle(ctx.temporal, incidentId),
        msg.reject,
        { ...rest, requestId: rest.requestId || undefined, reason },
        {
          as: slackAuthenticated(ctx, body.user.id, body.team?.id),
          updateId: slackUpdateId('view', view.id),
        },
      );
      await tell(client, ctx, channel, body.user.id, `You rejected ${gate.title} for ${incidentId}.`);
    } catch (err) {
      await tell(client, ctx, channel, body.user.id, outcomeText(err, ctx, 'Rejection'));
    }
  });

  bolt.action<BlockAction<ButtonAction>>(SLACK_IDS.taskButton, async ({ ack, body, action }) => {
    await ack();
    const task = parseValue(taskValueSchema, action.value);
    if (!task) return;
    await ctx.openModal(
      body.trigger_id,
      modal(
        ctx,
        'complete-task-modal',
        { taskTitle: `${task.incidentId}: ${task.taskId}` },
        {
          ...task,
          channel: body.channel?.id ?? '',
        },
      ),
    );
  });

  bolt.view(SLACK_IDS.completeTaskView, async ({ ack, body, view, client }) => {
    const note = (view.state.values.note?.value?.value ?? '').trim();
    if (!note) return void (await ack({ response_action: 'errors', errors: { note: 'Say what was done.' } }));
    await ack();
    const meta = readMetadata(view.private_metadata);
    const task = taskValueSchema.safeParse(meta);
    if (!task.success) return;
    const channel = meta.channel || undefined;
    try {
      const done = await sendCommand(
        incidentHandle(ctx.temporal, task.data.incidentId),
        msg.completeTask,
        { taskId: task.data.taskId, note },
        {
          as: slackAuthenticated(ctx, body.user.id, body.team?.id),
          updateId: slackUpdateId('view', view.id),
        },
      );
      await tell(client, ctx, channel, body.user.id, `:white_check_mark: Done: ${done.title}`);
    } catch (err) {
      await tell(client, ctx, channel, body.user.id, outcomeText(err, ctx, 'Completing the task'));
    }
  });
}
