// `/incident declare`: the declaration form, and its submission starting the incident workflow after the ack,
// with an incident id derived from the modal's view id so a retried submission finds the same incident.
import type { App, SlackViewAction } from '@slack/bolt';
import type { types } from '@slack/bolt';
import { dataCategorySchema, severitySchema } from '../domain/incident';
import { RefusedError, declareIncident } from '../temporal/incidents';
import { type SlackEdgeContext, readMetadata, slackAuthenticated, tell } from './context';
import { declareModalData, SLACK_IDS } from '../slack-kit/layouts';

type ViewState = SlackViewAction['view']['state']['values'];

// The form is the same for everyone (only where it was opened from differs): rendered once per edge.
const rendered = new WeakMap<SlackEdgeContext['templates'], types.ModalView>();

export function declareModal(ctx: SlackEdgeContext, originChannel?: string): types.ModalView {
  let view = rendered.get(ctx.templates);
  if (!view)
    rendered.set(
      ctx.templates,
      (view = ctx.templates.render<types.ModalView>('declare-modal', declareModalData())),
    );
  return { ...view, private_metadata: JSON.stringify(originChannel ? { channel: originChannel } : {}) };
}

export interface DeclareForm {
  title: string;
  severity: string;
  summary: string;
  dataCategories: string[];
  awareAt?: string;
}

export function readDeclareForm(values: ViewState): DeclareForm {
  const v = (block: string) => values[block]?.value;
  const aware = v('aware')?.selected_date_time;
  return {
    title: (v('title')?.value ?? '').trim(),
    severity: v('severity')?.selected_option?.value ?? '',
    summary: (v('summary')?.value ?? '').trim(),
    dataCategories: (v('data')?.selected_options ?? []).map((o) => o.value),
    awareAt: typeof aware === 'number' ? new Date(aware * 1000).toISOString() : undefined,
  };
}

/** Problems Slack shows next to the fields, answered in the ack (the modal stays open). */
export function declareFormErrors(form: DeclareForm, nowMs: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.title.length < 3 || form.title.length > 200) errors.title = 'Between 3 and 200 characters.';
  if (!severitySchema.safeParse(form.severity).success) errors.severity = 'Choose a severity.';
  if (form.dataCategories.some((c) => !dataCategorySchema.safeParse(c).success))
    errors.data = 'Unknown data category.';
  if (!form.awareAt) errors.aware = 'When did the company become aware?';
  else if (Date.parse(form.awareAt) > nowMs + 5 * 60_000) errors.aware = 'Must not be in the future.';
  return errors;
}

export function registerDeclare(bolt: App, ctx: SlackEdgeContext): void {
  bolt.view(SLACK_IDS.declareView, async ({ ack, body, view, client }) => {
    const form = readDeclareForm(view.state.values);
    const errors = declareFormErrors(form, Date.now());
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const who = slackAuthenticated(ctx, body.user.id, body.team?.id);
    const actor = who.actor;
    const origin = readMetadata(view.private_metadata).channel;
    try {
      const { incidentId, created } = await declareIncident(ctx.temporal, ctx.taskQueue, {
        facts: {
          title: form.title,
          summary: form.summary,
          severity: form.severity as never,
          reporter: actor.id,
          awareAt: form.awareAt!,
          dataCategories: form.dataCategories as never,
        },
        runbook: ctx.runbook(),
        as: who,
        // Slack may deliver a submission twice; the same view id always yields the same incident id.
        requestKey: `slack-view:${view.id}`,
      });
      ctx.logger.info({ incidentId, created, by: actor.id }, 'slack: incident declared');
      if (created)
        await tell(
          client,
          ctx,
          origin,
          body.user.id,
          `:rotating_light: ${incidentId} declared. Its channel is being created; you will be invited.`,
        );
    } catch (err) {
      const text =
        err instanceof RefusedError
          ? `:no_entry: The incident was not declared: ${err.message}`
          : ':warning: The incident could not be declared; please try again.';
      if (!(err instanceof RefusedError))
        ctx.logger.error({ err: (err as Error).message }, 'slack: declare failed');
      await tell(client, ctx, origin, body.user.id, text);
    }
  });
}
