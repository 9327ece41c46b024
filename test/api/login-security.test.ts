import type { Server } from 'node:http';
import bcrypt from 'bcryptjs';
import { startApi } from '../../main/runtime';
import { loadConfig } from '../../main/config';
import { DEMO_PASSWORD } from '../../prisma/seed';
import { DEFAULT_LOAN_LADDER } from '../../domain';
import { hashToCompare } from '../../api/auth/passwords';
import { hashToken } from '../../api/auth/session';
import type { LoginLimits } from '../../api/auth/login-throttle';
import { call, startStack, Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

/** One more API process on the stack's database, as a deployment with several would have. */
async function apiProcess(o: { loginLimits?: LoginLimits; sessionIdleMinutes?: number; trustProxy?: boolean } = {}) {
  const server: Server = await startApi({
    port: 0, prisma: stack.prisma, temporal: stack.temporal, taskQueue: stack.taskQueue, publicUrl: 'http://approvals.test',
    sessionTtlHours: 1, remindAfter: '3 days', loanLadder: DEFAULT_LOAN_LADDER, ...o,
  });
  const { address, port } = server.address() as { address: string; port: number };
  return { address, baseUrl: `http://127.0.0.1:${port}/api`, origin: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(r)) };
}

const login = (baseUrl: string, username: string, password = DEMO_PASSWORD, from?: string) =>
  call(baseUrl, 'POST', '/auth/login', { body: { username, password }, headers: from ? { 'x-forwarded-for': from } : {} });

describe('login rate limits, kept in PostgreSQL for every API process', () => {
  const limits = { maxFailuresPerUser: 3, maxFailuresPerAddress: 6, windowMinutes: 15 };
  let a: Awaited<ReturnType<typeof apiProcess>>;
  let b: Awaited<ReturnType<typeof apiProcess>>;
  // Behind a (pretend) reverse proxy, so each test can come from a client address of its own (documentation addresses, never contacted).
  beforeAll(async () => { [a, b] = await Promise.all([apiProcess({ loginLimits: limits, trustProxy: true }), apiProcess({ loginLimits: limits, trustProxy: true })]); });
  afterAll(async () => { await a.stop(); await b.stop(); });

  it('a successful login clears the username’s failures', async () => {
    const from = '192.0.2.1';
    for (let i = 0; i < 2; i++) expect((await login(a.baseUrl, 'auditor', 'wrong', from)).status).toBe(401);
    expect((await login(b.baseUrl, 'auditor', DEMO_PASSWORD, from)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login(b.baseUrl, 'auditor', 'wrong', from)).status).toBe(401);
    expect((await login(a.baseUrl, 'auditor', DEMO_PASSWORD, from)).status).toBe(200);
  });

  it('refuses a username with 429, Retry-After and a bilingual message after its failures on two processes', async () => {
    const from = '192.0.2.2';
    expect((await login(a.baseUrl, 'treasury', 'wrong', from)).status).toBe(401);
    expect((await login(b.baseUrl, 'treasury', 'wrong', '192.0.2.3')).status).toBe(401);
    expect((await login(a.baseUrl, 'treasury', 'wrong', from)).status).toBe(401);
    const refused = await login(b.baseUrl, 'treasury', DEMO_PASSWORD, '192.0.2.4'); // the right password, from yet another address
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(refused.body.error.code).toBe('too_many_login_failures');
    expect(refused.body.error.message).toMatch(/登录失败次数过多.*too many failed logins/);
    // other users at the same address still sign in
    expect((await login(a.baseUrl, 'director', DEMO_PASSWORD, from)).status).toBe(200);
  });

  it('refuses an address that fails too often, whatever usernames it tries, and no other', async () => {
    const from = '198.51.100.7';
    for (let i = 0; i < 6; i++) expect((await login(i % 2 ? a.baseUrl : b.baseUrl, `nobody-${i}`, 'wrong', from)).status).toBe(401);
    const refused = await login(a.baseUrl, 'reviewer', DEMO_PASSWORD, from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect((await login(a.baseUrl, 'reviewer', DEMO_PASSWORD, '198.51.100.8')).status).toBe(200);
  });

  it('counts concurrent failures without losing any', async () => {
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => login(i % 2 ? a.baseUrl : b.baseUrl, 'npc_liaison', 'wrong', `203.0.113.${i + 1}`)));
    expect(burst.map((r) => r.status).filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect((await login(a.baseUrl, 'npc_liaison', DEMO_PASSWORD, '203.0.113.99')).status).toBe(429);
    expect((await stack.prisma.loginThrottle.findUniqueOrThrow({ where: { key: 'login_user:npc_liaison' } })).points).toBeGreaterThanOrEqual(3);
  });
});

describe('passwords', () => {
  it('checks an unknown username against a dummy bcrypt hash of the real hashes’ cost, so both take as long', async () => {
    const real = (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer' } })).passwordHash;
    const dummy = await hashToCompare(stack.prisma, null);
    expect(dummy).toMatch(/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/);
    expect(dummy).toHaveLength(real.length);
    expect(bcrypt.getRounds(dummy)).toBe(bcrypt.getRounds(real));
    expect(await bcrypt.compare(DEMO_PASSWORD, dummy)).toBe(false);
    expect(await hashToCompare(stack.prisma, { passwordHash: real })).toBe(real);
    expect((await login(stack.baseUrl, 'no-such-user')).body.error.message).toContain('用户名或密码错误');
  });
});

describe('sessions', () => {
  it('ends a session idle longer than SESSION_IDLE_MINUTES and says so', async () => {
    const api = await apiProcess({ sessionIdleMinutes: 20 });
    try {
      const token = (await login(api.baseUrl, 'reviewer')).body.token as string;
      const session = { tokenHash: hashToken(token) };
      // used 5 minutes ago: still signed in, and the use is recorded
      await stack.prisma.session.update({ where: session, data: { lastSeenAt: new Date(Date.now() - 5 * 60_000) } });
      expect((await call(api.baseUrl, 'GET', '/me', { token })).status).toBe(200);
      const seen = (await stack.prisma.session.findUniqueOrThrow({ where: session })).lastSeenAt;
      expect(Date.now() - seen.getTime()).toBeLessThan(60_000);
      // idle for 21 minutes: signed out
      await stack.prisma.session.update({ where: session, data: { lastSeenAt: new Date(Date.now() - 21 * 60_000) } });
      const idle = await call(api.baseUrl, 'GET', '/tasks', { token });
      expect(idle.status).toBe(401);
      expect(idle.body.error).toMatchObject({ code: 'session_idle' });
      expect(idle.body.error.message).toContain('超过 20 分钟未操作');
      expect(await stack.prisma.session.count({ where: session })).toBe(0);
    } finally {
      await api.stop();
    }
  });

  it('keeps auth answers out of every cache', async () => {
    const res = await login(stack.baseUrl, 'auditor');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await call(stack.baseUrl, 'GET', '/me', { token: res.body.token })).headers.get('cache-control')).toBe('no-store');
  });
});

describe('security headers', () => {
  it('sends a strict CSP, frame-ancestors none, nosniff and no referrer on the API, the web app and the docs', async () => {
    for (const url of [`${stack.baseUrl}/health/live`, `${stack.origin}/login`, `${stack.baseUrl}/docs`, `${stack.origin}/email-actions/not-a-token`]) {
      const res = await fetch(url);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('bind address', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', async () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    const api = await apiProcess();
    try {
      expect(api.address).toBe('127.0.0.1');
    } finally {
      await api.stop();
    }
  });
});
