// Authority comes from the role directory: people without a role cannot declare, and an incident assignment
// can make someone commander or responder but never counsel.
import * as msg from '../../workflows/messages';
import { incidentHandle, loadRunbookFile, RefusedError } from '../../src/temporal/incidents';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { startTestStack, type TestStack } from '../support/temporal';
import { declareAs, sendAs } from '../support/auth';

describe('authorization', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ directory: DIRECTORY });
  });
  afterAll(() => stack.stop());

  it('refuses a declaration from someone outside the directory or without a responder role', async () => {
    for (const who of ['mallory', 'audrey', 'lena']) {
      const err = await declareAs(stack.client, stack.temporal.taskQueue, {
        facts: sampleFacts({ reporter: who }),
        runbook: loadRunbookFile(),
        actor: as(who),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RefusedError);
      expect((err as RefusedError).message).toBe(
        `${who} may not declare an incident: needs the commander or responder role`,
      );
    }
  });

  it('an assigned "legal" role grants no legal authority', async () => {
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), riskOfHarm: 'high' }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const h = incidentHandle(stack.client, incidentId);
    // Legal (and auditor) cannot even be assigned: they come from the directory only.
    for (const role of ['legal', 'auditor'] as const)
      await expect(
        sendAs(h, msg.assignRole, { actor: as('carol'), personId: 'carol', role }),
      ).rejects.toMatchObject({ code: 'not_assignable' });
    await expect(
      sendAs(h, msg.overrideObligation, {
        actor: as('carol'),
        obligationId: 'eu-gdpr-art33',
        status: 'not_required',
        reason: 'mine',
      }),
    ).rejects.toMatchObject({ code: 'not_authorized' });
    // The assignment of a granted role does work: rick becomes commander and may advance.
    await sendAs(h, msg.assignRole, { actor: as('carol'), personId: 'rick', role: 'commander' });
    await expect(
      sendAs(h, msg.advancePhase, { actor: as('rick'), force: true, reason: 'test' }),
    ).resolves.toBeDefined();
  });

  it('gives someone outside the directory no power by assignment, and a hold ends only by directory legal or commander', async () => {
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const h = incidentHandle(stack.client, incidentId);
    const mallory = as('mallory'); // not in the directory: no roles
    expect(mallory.roles).toEqual([]);
    await sendAs(h, msg.assignRole, { actor: as('carol'), personId: 'mallory', role: 'commander' });
    await sendAs(h, msg.assignRole, { actor: as('carol'), personId: 'rick', role: 'commander' });
    await sendAs(h, msg.placeHold, { actor: as('lena'), agency: 'FBI', reference: 'case 9' });
    await expect(sendAs(h, msg.releaseHold, { actor: mallory, reason: 'mine now' })).rejects.toMatchObject({
      code: 'not_authorized',
    });
    await expect(
      sendAs(h, msg.closeIncident, { actor: mallory, reason: 'mine now', force: true }),
    ).rejects.toMatchObject({ code: 'not_authorized' });
    // rick is in the directory (responder) and commander by assignment: he may advance, not release a hold.
    await expect(
      sendAs(h, msg.releaseHold, { actor: as('rick'), reason: 'assigned commander' }),
    ).rejects.toMatchObject({ code: 'not_authorized', message: expect.stringMatching(/role directory/) });
    await expect(
      sendAs(h, msg.releaseHold, { actor: as('carol'), reason: 'directory commander' }),
    ).resolves.toMatchObject({ endedBy: 'release' });
  });

  it('keeps one incident per request key and distinct ids otherwise', async () => {
    const base = { facts: sampleFacts(), runbook: loadRunbookFile(), actor: as('carol') };
    const a = await declareAs(stack.client, stack.temporal.taskQueue, {
      ...base,
      requestKey: 'slack-view:V1',
    });
    const b = await declareAs(stack.client, stack.temporal.taskQueue, {
      ...base,
      requestKey: 'slack-view:V1',
    });
    expect(b).toEqual({ incidentId: a.incidentId, created: false });
    const c = await declareAs(stack.client, stack.temporal.taskQueue, base);
    expect(c.created).toBe(true);
    expect(c.incidentId).toMatch(/^INC-\d{8}-[0-9A-Z]{6}$/);
  });
});
