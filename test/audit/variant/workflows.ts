// A deliberately incompatible build of the incident workflow for the replay tests: the same code, but a timer
// comes first, so the command sequence differs from every recorded history.
import { sleep } from '@temporalio/workflow';
import { incidentWorkflow as current } from '../../../workflows/incident';
import type { IncidentInput, IncidentView } from '../../../workflows/messages';

export async function incidentWorkflow(input: IncidentInput): Promise<IncidentView> {
  await sleep('1 second');
  return current(input);
}
