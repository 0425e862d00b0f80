// Who the web edge believes: bearer tokens (only their hashes on disk), sessions from signing in with one,
// and an auth proxy's identity headers — from the configured proxy address only.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { deriveWebSecrets, sealSession } from '../../src/web/session';
import { hashToken } from '../../src/web/tokens';
import { csrfOf, postForm, startWebTestStack, type WebTestStack } from '../support/web-stack';

describe('web: authentication', () => {
  let s: WebTestStack;
  beforeAll(async () => {
    s = await startWebTestStack();
  });
  afterAll(() => s.stop());

  const page = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, { headers, redirect: 'manual' });

  it('keeps only token hashes on disk and accepts a bearer token for the person it names', async () => {
    const file = readFileSync(s.tokensFile, 'utf8');
    expect(file).not.toContain(s.tokens.audrey);
    expect(file).toContain(hashToken(s.tokens.audrey));

    const res = await page(`${s.url}/incidents`, s.bearer('audrey'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Audrey Auditor (audrey) · auditor');
    expect(html).not.toContain('Sign out');
    expect(JSON.stringify(s.logs)).not.toContain(s.tokens.audrey);

    const anonymous = await page(`${s.url}/incidents`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('action="/login"');
    expect((await page(`${s.url}/incidents`, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await page(`${s.url}/incidents`, { authorization: 'Basic YTpi' })).status).toBe(401);
    const stranger = await page(`${s.url}/incidents`, s.bearer('mallory'));
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).toContain(
      'mallory may not read incidents: needs a role in the role directory (not in the role directory)',
    );
    // Health stays open to the load balancer.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('signs in with a token into a session cookie; signing out needs the CSRF token; a revoked token ends it', async () => {
    const bad = await postForm(`${s.url}/login`, { token: 'bpt_wrong' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const crossSite = await postForm(
      `${s.url}/login`,
      { token: s.tokens.leo },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);

    const login = await postForm(`${s.url}/login`, { token: s.tokens.leo });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/incidents');
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(
      /^__Host-bp_session=[\w-]+\.[\w-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure$/,
    );
    expect(setCookie).not.toContain(s.tokens.leo);
    const cookie = setCookie.split(';')[0]!;

    const signedIn = await page(`${s.url}/incidents`, { cookie });
    expect(signedIn.status).toBe(200);
    const html = await signedIn.text();
    expect(html).toContain('Leo Legal (leo)');
    expect(html).toContain('Sign out');
    // A forged or altered cookie is nobody.
    expect(
      (await page(`${s.url}/incidents`, { cookie: cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }))
        .status,
    ).toBe(401);

    const noCsrf = await postForm(`${s.url}/logout`, {}, { cookie });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.text()).toContain('CSRF check failed');
    const logout = await postForm(`${s.url}/logout`, { _csrf: csrfOf(html) }, { cookie });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('set-cookie')).toMatch(/^__Host-bp_session=; Path=\/; Max-Age=0/);
    // Logging out ends the session on the server: the same cookie, copied before, is refused — here and by
    // another app process on the same data directory (the revocation list is shared).
    expect((await page(`${s.url}/incidents`, { cookie })).status).toBe(401);
    const replica = await s.startApp({});
    expect((await page(`${replica.url}/incidents`, { cookie })).status).toBe(401);
    expect(s.logs.some((l) => l.msg === 'web: a session that was logged out was presented')).toBe(true);

    // Revoking: delete the token's entry from the file; the session it opened stops working at once.
    const again = (await postForm(`${s.url}/login`, { token: s.tokens.leo })).headers
      .get('set-cookie')!
      .split(';')[0]!;
    expect((await page(`${s.url}/incidents`, { cookie: again })).status).toBe(200);
    const doc = parse(readFileSync(s.tokensFile, 'utf8')) as { tokens: { user: string }[] };
    writeFileSync(s.tokensFile, stringify({ tokens: doc.tokens.filter((t) => t.user !== 'leo') }));
    expect((await page(`${s.url}/incidents`, { cookie: again })).status).toBe(401);
    expect((await page(`${s.url}/incidents`, s.bearer('leo'))).status).toBe(401);
    expect((await page(`${s.url}/incidents`, s.bearer('lena'))).status).toBe(200);
  });

  it('seals sessions with the session secret, not a codec key: the codec key and a token hash mint nothing', async () => {
    const { TEST_KEYS } = await import('../support/temporal');
    const { TEST_SESSION_SECRET } = await import('../support/web-stack');
    const claim = { kind: 'token' as const, tokenHash: hashToken(s.tokens.lena) };
    // What someone holding the codec keys and the tokens file (hashes only) could make: refused.
    const fromCodecKey = sealSession(deriveWebSecrets(TEST_KEYS[0]!.key), claim);
    expect((await page(`${s.url}/incidents`, { cookie: `__Host-bp_session=${fromCodecKey}` })).status).toBe(
      401,
    );
    // The same claim sealed with the deployment's session secret is a session (so the 401 was the key).
    const real = sealSession(deriveWebSecrets(TEST_SESSION_SECRET), claim);
    expect((await page(`${s.url}/incidents`, { cookie: `__Host-bp_session=${real}` })).status).toBe(200);
  });

  it("believes an auth proxy's identity headers only from a trusted proxy address", async () => {
    const behindProxy = await s.startApp({ auth: ['proxy', 'token'], trustedProxies: ['127.0.0.0/8'] });
    const asUser = await page(`${behindProxy.url}/incidents`, { 'x-forwarded-user': 'lena' });
    expect(asUser.status).toBe(200);
    expect(await asUser.text()).toContain('Lena Legal (lena) · legal');
    const unknown = await page(`${behindProxy.url}/incidents`, {
      'x-forwarded-user': 'mallory@evil.example',
    });
    expect(unknown.status).toBe(403);
    // Only the header the proxy sets is read: one the client added (and the proxy passed through) is not.
    const forged = await page(`${behindProxy.url}/incidents`, {
      'x-forwarded-user': 'mallory@evil.example',
      'x-auth-request-user': 'lena',
      'x-forwarded-email': 'lena@example.test',
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).not.toContain('Lena Legal');
    const onlyOthers = await page(`${behindProxy.url}/incidents`, {
      'x-auth-request-email': 'lena@example.test',
    });
    expect(onlyOthers.status).toBe(401);
    // A proxy configured to pass the email: that header, by email.
    const byEmailProxy = await s.startApp({
      auth: ['proxy'],
      trustedProxies: ['127.0.0.1'],
      proxyUserHeader: 'x-auth-request-email',
    });
    const byEmail = await page(`${byEmailProxy.url}/incidents`, {
      'x-auth-request-email': 'audrey@example.test',
      'x-forwarded-user': 'lena',
    });
    expect(await byEmail.text()).toContain('Audrey Auditor (audrey)');
    // Tokens still work beside the proxy.
    expect((await page(`${behindProxy.url}/incidents`, s.bearer('rick'))).status).toBe(200);

    // The same headers from anywhere else are ignored (and logged), not believed.
    const elsewhere = await s.startApp({ auth: ['proxy'], trustedProxies: ['10.20.30.40'] });
    const spoofed = await page(`${elsewhere.url}/incidents`, {
      'x-forwarded-user': 'lena',
      'x-forwarded-for': '10.20.30.40',
    });
    expect(spoofed.status).toBe(401);
    expect(
      elsewhere.logs.some((l) => /not a trusted proxy/.test(String(l.msg)) && l.peer === '127.0.0.1'),
    ).toBe(true);
    // Without token mode, there is no token sign-in either.
    expect((await page(`${elsewhere.url}/incidents`, s.bearer('lena'))).status).toBe(401);
    expect((await page(`${elsewhere.url}/login`)).status).toBe(404);
  });

  it('throttles sign-in attempts per address: after 20 a minute, 429 with Retry-After, the right token too', async () => {
    const app = await s.startApp({});
    const attempt = (token: string) => postForm(`${app.url}/login`, { token });
    for (let i = 0; i < 20; i++) expect((await attempt(`bpt_wrong-${i}`)).status).toBe(401);
    const throttled = await attempt(s.tokens.lena);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(app.logs.some((l) => l.msg === 'web: throttled' && l.what === 'sign-in')).toBe(true);
    // Another app (another replica) counts on its own: lena signs in there.
    expect((await postForm(`${s.url}/login`, { token: s.tokens.lena })).status).toBe(303);
  });
});
