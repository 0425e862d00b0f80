// The incident's wake loop: sleeps until the next reminder, due time or hold expiry, or until something
// changes; then ends expired holds and fires what is due. It returns when the incident closes, or when the
// run should hand over to a new one (continue-as-new).
import * as wf from '@temporalio/workflow';
import { workflowNow } from '../clock';
import type { Incident } from './state';

export async function wakeLoop(
  incident: Incident,
  handOver: () => boolean,
  afterEach: () => void,
): Promise<'closed' | 'hand-over'> {
  while (incident.isOpen) {
    incident.dirty = false;
    const wake = incident.nextWake();
    const woken = () => incident.dirty || handOver();
    if (wake === undefined) await wf.condition(woken);
    else if (wake > workflowNow()) await wf.condition(woken, wake - workflowNow());
    if (!incident.isOpen) break;
    incident.tick();
    afterEach();
    if (handOver()) return 'hand-over';
  }
  return 'closed';
}
