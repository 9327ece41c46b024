import { performance } from 'node:perf_hooks';
import { DEMO_PASSWORD } from '../prisma/seed';

/** The product's HTTP API as the bench drives it: bearer tokens per demo user, JSON in and out. */
export class ApiClient {
  private tokens = new Map<string, Promise<string>>();
  constructor(readonly base: string) {}

  /** The user's bearer token; one login per user, however many calls wait for it. */
  login(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = (async () => {
        const res = await fetch(`${this.base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
        return ((await res.json()) as { token: string }).token;
      })();
      this.tokens.set(username, token);
    }
    return token;
  }

  /** POSTs as `username`; throws on anything but the expected status. Returns the body and the time it took. */
  async post(username: string, path: string, body: unknown, headers: Record<string, string> = {}, expect = [200, 201]) {
    const token = await this.login(username);
    const t = performance.now();
    const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    const ms = performance.now() - t;
    if (!expect.includes(res.status)) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    return { body: json, ms };
  }

  /** GETs as `username` and reads the whole body; returns the time it took. */
  async get(username: string, path: string): Promise<number> {
    const token = await this.login(username);
    const t = performance.now();
    const res = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return ms;
  }
}
