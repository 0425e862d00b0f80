// The Temporal floor for bench/incident-updates.ts: a workflow whose update only appends to a list. It hands
// over to a new run after as many updates as the incident does (Temporal refuses more than 2,000 per run), so
// both arms pay the same continue-as-new.
import * as wf from '@temporalio/workflow';

export const appendUpdate = wf.defineUpdate<number, [unknown]>('append');

export async function appendOnlyWorkflow(o: { perRun: number; length?: number }): Promise<void> {
  const items: unknown[] = [];
  let length = o.length ?? 0;
  wf.setHandler(appendUpdate, (item) => {
    items.push(item);
    return ++length;
  });
  await wf.condition(() => items.length >= o.perRun);
  await wf.condition(wf.allHandlersFinished);
  return wf.continueAsNew<typeof appendOnlyWorkflow>({ perRun: o.perRun, length });
}
