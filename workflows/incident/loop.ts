// The incident's wake loop: sleeps until the next reminder, due time or hold expiry, or until something
// changes; then ends expired holds and fires what is due. It returns when the incident closes, or when the
// run should hand over to a new one (continue-as-new).
import * as wf from '@temporalio/workflow';
import { workflowNow } from '../clock';
import type { Incident } from './state';

export async function wakeLoop(
  incident: Incident,
  o: {
    handOver: () => boolean;
    /** Work the loop does beside the clocks (sealing), and whether it is due. */
    due: () => boolean;
    afterEach: () => void;
    /**
     * Wake only when the next wake time moves (not on every change): one timer per clock event instead of a
     * timer cancelled and started again per command. Off for histories recorded before it.
     */
    lean: boolean;
  },
): Promise<'closed' | 'hand-over'> {
  const { handOver, afterEach } = o;
  while (incident.isOpen) {
    incident.dirty = false;
    const wake = incident.nextWake();
    const woken = o.lean
      ? () => !incident.isOpen || incident.nextWake() !== wake || handOver() || o.due()
      : () => incident.dirty || handOver();
    if (wake === undefined) await wf.condition(woken);
    else if (wake > workflowNow()) await wf.condition(woken, wake - workflowNow());
    if (!incident.isOpen) break;
    incident.tick();
    afterEach();
    if (handOver()) return 'hand-over';
  }
  return 'closed';
}
