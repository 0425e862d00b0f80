// A real OpenID provider for the tests (the `oidc-provider` package, an ES module, hence its own process):
// listens on a free loopback port, prints {"issuer"} on stdout, then reads one JSON line on stdin — the client
// to register ({client_id, client_secret, redirect_uris}) and the accounts ({sub: {email, email_verified}}) —
// and prints {"ready":true}. Sign-in goes through the provider's development login form (any login name is
// the account id); consent is pre-granted, as for a first-party app. PKCE (S256) is required.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import Provider from 'oidc-provider';

let handler = (_req, res) => {
  res.statusCode = 503;
  res.end('not ready');
};
const server = createServer((req, res) => handler(req, res));
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.once('line', (line) => {
    const { client, accounts } = JSON.parse(line);
    const provider = new Provider(issuer, {
      clients: [
        {
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
          ...client,
        },
      ],
      pkce: { methods: ['S256'], required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      cookies: { keys: ['test-only-cookie-key-0123456789'] },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx, sub) {
        const account = accounts[sub] ?? {};
        return { accountId: sub, claims: async () => ({ sub, ...account }) };
      },
      async loadExistingGrant(ctx) {
        const grantId =
          ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope('openid email profile');
        grant.addOIDCClaims(['email', 'email_verified', 'name']);
        await grant.save();
        return grant;
      },
    });
    const callback = provider.callback();
    handler = (req, res) => callback(req, res);
    process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  });
  lines.once('close', () => server.close(() => process.exit(0)));
});
