// A real OpenID provider in its own process (test/support/oidc-provider.mjs) and a small browser that walks
// its sign-in: redirects followed by hand, cookies kept per origin, the provider's login form submitted.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export interface OidcAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  /** Registers the client (its redirect URLs) and the accounts; the provider answers after this. */
  configure(
    client: { client_id: string; client_secret: string; redirect_uris: string[] },
    accounts: Record<string, OidcAccount>,
  ): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [join(__dirname, 'oidc-provider.mjs')],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise<Record<string, unknown>>((ok, fail) => {
      const onExit = (code: number | null) => fail(new Error(`OpenID provider exited ${code}: ${stderr}`));
      child.once('exit', onExit);
      lines.once('line', (line) => {
        child.off('exit', onExit);
        ok(JSON.parse(line) as Record<string, unknown>);
      });
    });
  const { issuer } = (await next()) as { issuer: string };
  return {
    issuer,
    async configure(client, accounts) {
      const ready = next();
      child.stdin.write(`${JSON.stringify({ client, accounts })}\n`);
      await ready;
    },
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.stdin.end();
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** A browser without a UI: fetch with cookies per origin and redirects followed by hand. */
export class TestBrowser {
  readonly cookies = new Map<string, Map<string, string>>();
  /** Every URL it was sent to, in order. */
  readonly visited: string[] = [];

  cookieHeader(url: string): string {
    const jar = this.cookies.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  cookie(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).origin)?.get(name);
  }

  private keep(url: string, res: Response): void {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(origin, jar);
  }

  /** One request, no redirect followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    this.visited.push(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.keep(url, res);
    return res;
  }

  /**
   * GET (or the given request) and every redirect after it; the final response and its URL. With `stopAt`
   * (an origin), a redirect there is not followed: `url` is where it pointed, `res` the redirect.
   */
  async follow(
    url: string,
    init: RequestInit = {},
    stopAt?: string,
  ): Promise<{ res: Response; url: string }> {
    let res = await this.request(url, init);
    let at = url;
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      at = new URL(res.headers.get('location')!, at).href;
      if (stopAt && new URL(at).origin === stopAt) return { res, url: at };
      res = await this.request(at);
    }
    return { res, url: at };
  }

  /**
   * Signs in at the provider from `start` (a URL that redirects there): the provider's login form with `login`
   * as the account, then back to wherever the provider sends the browser.
   */
  async signInAt(
    start: string,
    login: string,
    stopAt?: string,
  ): Promise<{ res: Response; url: string; body: string }> {
    const atProvider = await this.follow(start);
    const form = await atProvider.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(form)?.[1];
    if (!action)
      throw new Error(`no login form at ${atProvider.url} (${atProvider.res.status}): ${form.slice(0, 300)}`);
    const submitted = await this.follow(
      new URL(action, atProvider.url).href,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
      },
      stopAt,
    );
    return { ...submitted, body: await submitted.res.text() };
  }
}
