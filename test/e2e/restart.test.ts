// Incidents survive a restart: stop the worker and the Temporal dev server (SQLite state on disk), start both
// again, and the open incident carries on with its whole timeline.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addNote, getIncident, getTimeline } from '../../workflows/messages';
import { freePort, startDevServer } from '../../src/dev/temporal-server';
import { incidentHandle, loadRunbookFile } from '../../src/temporal/incidents';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { startTestStack } from '../support/temporal';
import { declareAs, sendAs } from '../support/auth';

describe('restart', () => {
  it('resumes an open incident after the server and worker restart', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'bp-restart-')), 'temporal.db');
    const port = await freePort();
    let server = await startDevServer({ port, headless: true, dbFilename: db });
    let stack = await startTestStack({ directory: DIRECTORY, address: server.address });
    const taskQueue = stack.temporal.taskQueue;
    const { incidentId } = await declareAs(stack.client, taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    await sendAs(incidentHandle(stack.client, incidentId), addNote, {
      actor: as('rick'),
      text: 'before restart',
    });
    await stack.stop();
    await server.stop();

    server = await startDevServer({ port, headless: true, dbFilename: db });
    try {
      // A new worker on the same task queue picks the incident up where it was.
      stack = await startTestStack({ directory: DIRECTORY, address: server.address, taskQueue });
      const handle = incidentHandle(stack.client, incidentId);
      await sendAs(handle, addNote, { actor: as('rick'), text: 'after restart' });
      const view = await handle.query(getIncident);
      expect(view.status).toBe('open');
      const notes = (await handle.query(getTimeline))
        .filter((e) => e.type === 'note.added')
        .map((e) => e.details.text);
      expect(notes).toEqual(['before restart', 'after restart']);
      await stack.stop();
    } finally {
      await server.stop();
    }
  });
});
