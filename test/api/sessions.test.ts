import { call, startStack, Stack } from '../support/stack';
import { DEMO_PASSWORD } from '../../prisma/seed';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const login = async (username: string) => (await call(stack.baseUrl, 'POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } })).body.token as string;
const me = (token: string) => call(stack.baseUrl, 'GET', '/me', { token });

describe('sessions', () => {
  it('logging out ends the session on the server: the token stops working, other sessions go on', async () => {
    const laptop = await login('reviewer');
    const phone = await login('reviewer');
    expect((await me(laptop)).status).toBe(200);
    expect((await call(stack.baseUrl, 'POST', '/auth/logout', { token: laptop })).status).toBe(204);
    const after = await me(laptop);
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('登录已失效');
    expect((await me(phone)).status).toBe(200);
  });

  it('an expired session is refused, and the next login clears the user’s expired sessions', async () => {
    const old = await login('director');
    const user = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'director' } });
    await stack.prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(old)).status).toBe(401);
    const fresh = await login('director');
    expect((await me(fresh)).status).toBe(200);
    const rows = await stack.prisma.session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].expiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});
