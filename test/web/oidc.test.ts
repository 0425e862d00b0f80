// OpenID Connect sign-in against a real provider (oidc-provider, its own process) over real HTTP: the code
// flow with PKCE, state and nonce checked, and people matched only by (issuer, subject) or a verified email.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoleDirectory } from '../../src/domain/roles';
import { withoutTemporal } from '../support/cli';
import { deriveWebSecrets, openValue, sealValue } from '../../src/web/session';
import { OIDC_COOKIE } from '../../src/web/oidc';
import { DIRECTORY } from '../support/people';
import { type TestProvider, TestBrowser, startTestProvider } from '../support/oidc';
import { TEST_SESSION_SECRET, type WebApp, type WebTestStack, startWebTestStack } from '../support/web-stack';

const BIN = join(__dirname, '..', '..', 'bin', 'breachplan.js');

describe('web: OpenID Connect sign-in', () => {
  let s: WebTestStack;
  let op: TestProvider;
  let app: WebApp;
  const secrets = deriveWebSecrets(TEST_SESSION_SECRET);

  beforeAll(async () => {
    [op, s] = await Promise.all([startTestProvider(), startWebTestStack()]);
    // Audrey is known to the provider by her subject; everyone else only by their email.
    const directory: RoleDirectory = {
      people: DIRECTORY.people.map((p) =>
        p.id === 'audrey' ? { ...p, oidc: [{ issuer: op.issuer, subject: 'op-7f3a-audrey' }] } : p,
      ),
    };
    app = await s.startApp(
      {
        auth: ['oidc', 'token'],
        oidc: { issuer: op.issuer, clientId: 'breachplan', clientSecret: 'cl-s3cret' },
      },
      undefined,
      directory,
    );
    await op.configure(
      {
        client_id: 'breachplan',
        client_secret: 'cl-s3cret',
        redirect_uris: [`${app.url}/login/oidc/callback`],
      },
      {
        'op-7f3a-audrey': { email: 'not-audrey@elsewhere.test', email_verified: false },
        'op-91-lena': { email: 'LENA@example.test', email_verified: true },
        'op-stranger': { email: 'stranger@elsewhere.test', email_verified: true },
        'op-unverified': { email: 'carol@example.test', email_verified: false },
        // A subject equal to a directory id, with no email: a bare name is nobody (review M1).
        lena: {},
      },
    );
  });
  let afterCli = () => undefined as void;
  afterEach(() => afterCli());
  afterAll(async () => {
    await Promise.all([s?.stop(), op?.stop()]);
  });

  it('signs a person in with the code flow and PKCE; matched by issuer and subject', async () => {
    const login = await fetch(`${app.url}/login`);
    expect(await login.text()).toContain('href="/login/oidc"');
    const anonymous = await fetch(`${app.url}/incidents`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('href="/login/oidc"');

    const browser = new TestBrowser();
    const start = await browser.request(`${app.url}/login/oidc`);
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(op.issuer);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${app.url}/login/oidc/callback`);
    // The sign-in in progress: a sealed __Host- cookie, Lax so the provider's redirect back carries it.
    expect(start.headers.get('set-cookie')).toMatch(
      new RegExp(
        `^${OIDC_COOKIE}=[\\w-]+\\.[\\w-]{43}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$`,
      ),
    );

    const done = await browser.signInAt(authorize.href, 'op-7f3a-audrey');
    expect(done.url).toMatch(new RegExp(`^${app.url}/login/oidc/callback\\?code=`));
    expect(done.res.status).toBe(200);
    expect(done.body).toContain('<meta http-equiv="refresh" content="0;url=/incidents">');
    expect(browser.cookie(app.url, OIDC_COOKIE)).toBeUndefined();
    expect(browser.cookie(app.url, '__Host-bp_session')).toBeDefined();

    const incidents = await browser.request(`${app.url}/incidents`);
    expect(incidents.status).toBe(200);
    const html = await incidents.text();
    expect(html).toContain('Audrey Auditor (audrey) · auditor');
    expect(html).toContain('Sign out');
    expect(app.logs.some((l) => l.msg === 'web: signed in with OpenID Connect' && l.user === 'audrey')).toBe(
      true,
    );
    // The session is the pages' only: the API wants a bearer token.
    expect((await browser.request(`${app.url}/api/v1/whoami`)).status).toBe(401);
  });

  it('matches a verified email, case-insensitively', async () => {
    const browser = new TestBrowser();
    const done = await browser.signInAt(`${app.url}/login/oidc`, 'op-91-lena');
    expect(done.res.status).toBe(200);
    expect(await (await browser.request(`${app.url}/incidents`)).text()).toContain('Lena Legal (lena)');
  });

  it.each([
    ['an unknown subject (with a verified email nobody has)', 'op-stranger'],
    ["an unverified email, even one in the directory (carol's)", 'op-unverified'],
    ['a subject that is only a bare directory id', 'lena'],
  ])('refuses %s: 403, no session', async (_what, login) => {
    const browser = new TestBrowser();
    const done = await browser.signInAt(`${app.url}/login/oidc`, login);
    expect(done.url).toContain('/login/oidc/callback?');
    expect(done.res.status).toBe(403);
    expect(done.body).toContain('is nobody in Breachplan&#x27;s role directory');
    expect(browser.cookie(app.url, '__Host-bp_session')).toBeUndefined();
    expect((await browser.request(`${app.url}/incidents`)).status).toBe(401);
  });

  it("refuses a callback whose state is not the browser's, a wrong PKCE verifier and a wrong nonce", async () => {
    // Victim and attacker each start a sign-in; the attacker's answer (code + state) is stopped before the app.
    const victim = new TestBrowser();
    expect((await victim.request(`${app.url}/login/oidc`)).status).toBe(303);
    const attacker = new TestBrowser();
    const theirs = await attacker.signInAt(`${app.url}/login/oidc`, 'op-91-lena', new URL(app.url).origin);
    expect(theirs.url).toMatch(/\/login\/oidc\/callback\?code=/);

    // Login CSRF: the attacker's callback in the victim's browser (another state) is refused.
    const forced = await victim.request(theirs.url);
    expect(forced.status).toBe(400);
    expect(await forced.text()).toContain('state mismatch');
    expect(victim.cookie(app.url, '__Host-bp_session')).toBeUndefined();

    // A forged state on the attacker's own callback: refused too.
    const forged = new URL(theirs.url);
    forged.searchParams.set('state', 'forged-state-0123456789');
    const refused = await fetch(forged, {
      headers: { cookie: attacker.cookieHeader(app.url) },
      redirect: 'manual',
    });
    expect(refused.status).toBe(400);

    // The right state but another PKCE verifier (as if the code were stolen): the provider refuses the code.
    const tx = openValue(secrets.oidc, 'oidc', attacker.cookie(app.url, OIDC_COOKIE)!) as Record<
      string,
      unknown
    >;
    expect(tx.state).toBe(new URL(theirs.url).searchParams.get('state'));
    const withTx = (t: Record<string, unknown>) =>
      fetch(theirs.url, {
        headers: { cookie: `${OIDC_COOKIE}=${sealValue(secrets.oidc, 'oidc', t)}` },
        redirect: 'manual',
      });
    const wrongVerifier = await withTx({ ...tx, verifier: 'x'.repeat(43) });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.text()).toContain('did not check out');
    expect(app.logs.some((l) => l.msg === 'web: OpenID sign-in failed')).toBe(true);

    // A fresh code with the right verifier but another nonce: the ID token's nonce does not match.
    const again = new TestBrowser();
    const second = await again.signInAt(`${app.url}/login/oidc`, 'op-91-lena', new URL(app.url).origin);
    const tx2 = openValue(secrets.oidc, 'oidc', again.cookie(app.url, OIDC_COOKIE)!) as Record<
      string,
      unknown
    >;
    const wrongNonce = await fetch(second.url, {
      headers: {
        cookie: `${OIDC_COOKIE}=${sealValue(secrets.oidc, 'oidc', { ...tx2, nonce: 'n'.repeat(32) })}`,
      },
      redirect: 'manual',
    });
    expect(wrongNonce.status).toBe(400);
    expect(
      wrongNonce.headers
        .getSetCookie()
        .some((c) => c.startsWith('__Host-bp_session=') && !c.startsWith('__Host-bp_session=;')),
    ).toBe(false);

    // Without any sign-in in progress (no cookie): refused.
    expect((await fetch(second.url, { redirect: 'manual' })).status).toBe(400);
  });

  it('signs the CLI in through the browser: breachplan login --server, OpenID, a confirm form, a loopback code', async () => {
    const configHome = mkdtempSync(join(tmpdir(), 'bp-cli-oidc-'));
    const cli = spawn(process.execPath, [BIN, 'login', '--server', app.url], {
      env: {
        ...withoutTemporal(),
        XDG_CONFIG_HOME: configHome,
        BREACHPLAN_BROWSER: 'none',
        BREACHPLAN_CLI_FROM_SOURCE: '1',
      },
    });
    let err = '';
    cli.stdin.end();
    afterCli = () => void (cli.exitCode === null && cli.kill());
    const exited = new Promise<number | null>((ok) => cli.on('exit', ok));
    const url = await new Promise<string>((ok, fail) => {
      cli.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/login\/cli\?\S+)/.exec(err);
        if (m) ok(m[1]!);
      });
      cli.on('exit', () => fail(new Error(`the CLI exited: ${err}`)));
    });
    const browser = new TestBrowser();
    // Not signed in yet: to the provider and back, then on to the confirmation page.
    const signedIn = await browser.signInAt(url, 'op-7f3a-audrey');
    const next = /<meta http-equiv="refresh" content="0;url=([^"]+)">/
      .exec(signedIn.body)![1]!
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/login\/cli\?port=\d+&challenge=/);
    const confirm = await browser.request(`${app.url}${next}`);
    expect(confirm.status).toBe(200);
    expect(confirm.headers.get('content-security-policy')).toMatch(
      /form-action 'self' http:\/\/127\.0\.0\.1:\d+;/,
    );
    const html = await confirm.text();
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(Object.keys(fields).sort()).toEqual(['_csrf', 'challenge', 'port', 'state']);
    // Without the CSRF token (another site's form): refused, the CLI gets nothing.
    const forged = await browser.request(`${app.url}/login/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: new URLSearchParams({ ...fields, _csrf: 'x' }).toString(),
    });
    expect(forged.status).toBe(403);
    const back = await browser.follow(`${app.url}/login/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: new URLSearchParams(fields).toString(),
    });
    expect(back.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?code=[\w-]{43}&state=/);
    expect(await back.res.text()).toContain('Signed in');
    expect(await exited).toBe(0);
    expect(err).toMatch(/signed in to http:\/\/127\.0\.0\.1:\d+ as audrey \(auditor\)/);
    const stored = JSON.parse(readFileSync(join(configHome, 'breachplan', 'login.json'), 'utf8')) as {
      token: string;
    };
    expect(
      (await fetch(`${app.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${stored.token}` } }))
        .status,
    ).toBe(200);
    // The code was for one use: trading it again gets nothing.
    const code = new URL(back.url).searchParams.get('code')!;
    const replay = await fetch(`${app.url}/login/cli/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, verifier: 'v'.repeat(43) }),
    });
    expect(replay.status).toBe(400);
  });

  it('logs out on the server: the OpenID session cookie is refused afterwards', async () => {
    const browser = new TestBrowser();
    await browser.signInAt(`${app.url}/login/oidc`, 'op-7f3a-audrey');
    const stolen = browser.cookieHeader(app.url);
    const page = await browser.request(`${app.url}/incidents`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const out = await browser.request(`${app.url}/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${app.url}/incidents`, { headers: { cookie: stolen } })).status).toBe(401);
  });
});
