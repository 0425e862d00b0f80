// The dev server the embedded stack and every suite run on must survive clients that give up: thousands of calls
// cancelled by their deadline while the server is mid-statement. Built with CLI v1.5.1's own SQLite driver it
// did not: a cancellation interrupted an unrelated statement on its single connection and from then on every
// call answered "interrupted (9)" (this wedged CI after ~8 minutes; locally within 20–80 of the batches below).
import { Connection } from '@temporalio/client';
import { type DevServer, startDevServer } from '../../src/dev/temporal-server';

describe('Temporal dev server under cancelled calls', () => {
  let server: DevServer;
  beforeAll(async () => {
    // Its own server: a wedge here must not take the shared one (and every other suite) with it.
    server = await startDevServer({ headless: true, logLevel: 'error' });
  });
  afterAll(() => server.stop());

  it('still answers after 10,000 calls cut short by 2–40 ms deadlines', async () => {
    // No retry interceptor: a wedged server must show its error, not a call retried forever.
    const conn = await Connection.connect({ address: server.address, interceptors: [] });
    const svc = conn.workflowService;
    const calls: ((n: number) => Promise<unknown>)[] = [
      () => svc.describeNamespace({ namespace: 'default' }),
      (n: number) =>
        svc.startWorkflowExecution({
          namespace: 'default',
          workflowId: `cancelled-${n}`,
          workflowType: { name: 'never-run' },
          taskQueue: { name: 'dev-server-cancel' },
          requestId: `cancelled-${n}`,
        }),
      () => svc.listWorkflowExecutions({ namespace: 'default', pageSize: 10 }),
    ];
    const outcomes = { ok: 0, deadline: 0, other: [] as string[] };
    const health: string[] = [];
    try {
      for (let batch = 0; batch < 200; batch++) {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) => {
            const n = batch * 50 + i;
            return conn
              .withDeadline(Date.now() + 2 + Math.random() * 38, () => calls[n % 3]!(n))
              .then(
                () => outcomes.ok++,
                (err: { code?: number; message?: string }) =>
                  // 4 DEADLINE_EXCEEDED, 1 CANCELLED: the client gave up, as intended.
                  err.code === 4 || err.code === 1
                    ? outcomes.deadline++
                    : outcomes.other.push(String(err.message)),
              );
          }),
        );
        if (batch % 20 === 19)
          await svc.describeNamespace({ namespace: 'default' }).then(
            () => health.push('ok'),
            (err: Error) => health.push(`batch ${batch + 1}: ${err.message}`),
          );
      }
    } finally {
      await conn.close();
    }
    expect(health).toEqual(Array(10).fill('ok'));
    expect(outcomes.other.filter((m) => /interrupted/.test(m))).toEqual([]);
    // The load was real: most calls were cut short, some reached the database and completed.
    expect(outcomes.deadline).toBeGreaterThan(1000);
    expect(outcomes.ok).toBeGreaterThan(0);
  });
});
