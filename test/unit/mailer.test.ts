// The outbound SMTP transport's protection: in production smtp:// must upgrade with STARTTLS or nothing is sent
// (password and notice stay home); an explicit, logged opt-out allows a plaintext local relay.
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import { createMailer, mailTransportSecurity, type MailerConfig } from '../../src/mailer';

describe('SMTP transport security', () => {
  let sink: MailSink;
  beforeAll(async () => {
    // The local sink offers no STARTTLS, like a server (or someone in the path) stripping it.
    sink = await startMailSink();
  });
  afterAll(() => sink.close());

  // The sink takes no login: the opt-out case goes without one.
  const production = (allowPlaintext?: boolean): MailerConfig => ({
    mode: 'production',
    mail: {
      smtpUrl: `smtp://${allowPlaintext ? '' : 'notices:secret@'}127.0.0.1:${sink.port}`,
      sinkPort: 0,
      allowPlaintext,
    },
  });
  const send = (config: MailerConfig) => {
    const mailer = createMailer(config);
    return mailer
      .sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'Notice', text: 'x' })
      .finally(() => mailer.close());
  };

  it('refuses to send in production when the server offers no TLS', async () => {
    const before = sink.messages.length;
    await expect(send(production())).rejects.toThrow(/STARTTLS|TLS/i);
    expect(sink.messages.length).toBe(before);
    expect(mailTransportSecurity(production())).toEqual({ requireTLS: true });
  });

  it('sends in clear only with the explicit opt-out, and says so', async () => {
    const before = sink.messages.length;
    await send(production(true));
    expect(sink.messages.length).toBe(before + 1);
    expect(mailTransportSecurity(production(true)).warning).toMatch(
      /may run without TLS \(BREACHPLAN_SMTP_ALLOW_PLAINTEXT=1\)/,
    );
  });

  it('needs no STARTTLS for smtps:// or the embedded sink', () => {
    expect(
      mailTransportSecurity({
        mode: 'production',
        mail: { smtpUrl: 'smtps://u:p@mail.example:465', sinkPort: 0 },
      }),
    ).toEqual({ requireTLS: false });
    expect(mailTransportSecurity({ mode: 'embedded', mail: { sinkPort: 2525 } })).toEqual({
      requireTLS: false,
    });
  });
});
