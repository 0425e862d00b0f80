// The sending engine without Temporal: a real encrypted list, a real SMTP sink, the ledger on disk. It sends
// each person one notice with a deterministic Message-ID, runs again as a no-op, records permanent refusals,
// stops when asked, and refuses a template that changed since the campaign started.
import { incidentFactsSchema } from '../../src/domain/incident';
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import { createMailer } from '../../src/mailer';
import {
  BatchFailure,
  BatchStopped,
  createBatchSender,
  noticeMessageId,
  type SendBatchRequest,
} from '../../src/notices/batch-sender';
import { NoticeRenderer } from '../../src/notices/render';
import { campaignTally } from '../../src/recipients/ledger';
import { TEMPLATES_DIR } from '../../src/paths';
import { sampleFacts } from '../support/people';
import { TEST_KEYS } from '../support/temporal';
import { importPeople, recipientsDir } from './helpers';

const N = 12;
const INCIDENT = 'INC-20261201-ENGINE';
const renderer = new NoticeRenderer(TEMPLATES_DIR, 'notices/customer');

describe('batch sender (no Temporal)', () => {
  let sink: MailSink;
  let dir: string;
  let listHash: string;
  const mailers: { close(): void }[] = [];

  beforeAll(async () => {
    sink = await startMailSink({});
    dir = recipientsDir();
    listHash = await importPeople(dir, TEST_KEYS, N);
  });
  afterAll(async () => {
    for (const m of mailers) m.close();
    await sink.close();
  });

  function sender() {
    const mailer = createMailer({ mode: 'embedded', mail: { sinkPort: sink.port } });
    mailers.push(mailer);
    return createBatchSender({
      recipientsDir: dir,
      keys: TEST_KEYS,
      mailer,
      from: 'Breachplan <notices@breachplan.local>',
      templatesDir: TEMPLATES_DIR,
      transientBackoffMs: 10,
    });
  }
  const request = (campaignId: string, over: Partial<SendBatchRequest> = {}): SendBatchRequest => ({
    incidentId: INCIDENT,
    campaignId,
    listHash,
    template: 'notices/customer',
    versions: { en: renderer.version('en'), es: renderer.version('es') },
    facts: incidentFactsSchema.parse(sampleFacts()),
    from: 0,
    to: N,
    ...over,
  });
  const ofCampaign = (campaignId: string) =>
    sink.messages.filter(
      (m) => m.messageId === noticeMessageId(INCIDENT, campaignId, m.to[0]!, 'breachplan.local'),
    );

  it('sends each person one notice, and a second run sends nothing more', async () => {
    const engine = sender();
    expect(await engine.send(request('C-once'))).toMatchObject({ from: 0, to: N, sent: N, failed: 0 });
    expect(new Set(ofCampaign('C-once').map((m) => m.to[0])).size).toBe(N);

    expect(await engine.send(request('C-once'))).toMatchObject({ sent: N, failed: 0 });
    expect(ofCampaign('C-once')).toHaveLength(N);
    expect(campaignTally(dir, listHash, 'C-once')).toEqual({ sent: N, failed: 0 });
  });

  it('records a permanent SMTP refusal as failed and sends the rest', async () => {
    const refused = new Set<string>();
    sink.failRecipient = (address) =>
      address.startsWith('person3@') ? (refused.add(address), 550) : undefined;
    try {
      const result = await sender().send(request('C-refused'));
      expect(result).toMatchObject({ sent: N - refused.size, failed: refused.size });
      expect(refused.size).toBeGreaterThan(0);
    } finally {
      sink.failRecipient = undefined;
    }
  });

  it('stops when its signal is aborted, sending nothing', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(sender().send(request('C-stopped'), { signal: stop.signal })).rejects.toBeInstanceOf(
      BatchStopped,
    );
    expect(ofCampaign('C-stopped')).toHaveLength(0);
  });

  it('refuses a template version that changed since the campaign started', async () => {
    const attempt = sender().send(request('C-changed', { versions: { en: 'not-the-version' } }));
    await expect(attempt).rejects.toBeInstanceOf(BatchFailure);
    await expect(attempt).rejects.toMatchObject({ type: 'TemplateChanged' });
    expect(ofCampaign('C-changed')).toHaveLength(0);
  });
});
