import { gzipSync } from 'node:zlib';
import { call, startStack, Stack, UserClient } from '../support/stack';
import { DEMO_PASSWORD } from '../../prisma/seed';

let stack: Stack;
let clerk: UserClient;
let token: string;
beforeAll(async () => {
  stack = await startStack();
  clerk = await stack.as('clerk_edu');
  token = (await call(stack.baseUrl, 'POST', '/auth/login', { body: { username: 'clerk_edu', password: DEMO_PASSWORD } })).body.token;
});
afterAll(async () => { await stack?.stop(); });

/** A raw request as a misbehaving client sends it, with the clerk's token. */
async function raw(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.baseUrl}${path}`, { method, body, headers: { authorization: `Bearer ${token}`, ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, error: (text ? JSON.parse(text) : {}).error as { code: string; message: string; fields?: { field: string }[] } };
}

const request = (over: Record<string, unknown> = {}) => ({
  amount: '1000.00', category: 'project', purpose: '乡村道路养护', justification: '', ...over,
});

describe('a client’s fault is a 4xx, never a 500', () => {
  it('answers 413 to a body over the limit', async () => {
    const res = await raw('POST', '/budget-requests', JSON.stringify(request({ justification: 'x'.repeat(300_000) })), { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.error.code).toBe('body_too_large');
    expect(res.error.message).toContain('请求体过大');
  });

  it('answers 415 to a charset other than UTF-8', async () => {
    const res = await raw('POST', '/budget-requests', JSON.stringify(request()), { 'content-type': 'application/json; charset=latin1' });
    expect(res.status).toBe(415);
    expect(res.error.code).toBe('unsupported_charset');
  });

  it('answers 415 to a Content-Encoding it cannot decode', async () => {
    const res = await raw('POST', '/budget-requests', JSON.stringify(request()), { 'content-type': 'application/json', 'content-encoding': 'x-squash' });
    expect(res.status).toBe(415);
    expect(res.error.code).toBe('unsupported_encoding');
  });

  it('answers 400 to a body that claims gzip but is not', async () => {
    const res = await raw('POST', '/budget-requests', Buffer.from('{"this is": "not gzip"}'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    // and a real gzip body is fine
    const ok = await raw('POST', '/budget-requests', gzipSync(JSON.stringify(request())), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(ok.status).toBe(201);
  });

  it('answers 400 to malformed percent-encoding in a path', async () => {
    const res = await raw('GET', '/budget-requests/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('invalid_path');
  });

  it('answers 400 or 404 to an id with a NUL character, never 500', async () => {
    for (const path of ['/budget-requests/a%00b', '/loans/a%00b', '/tasks/a%00b']) {
      const res = await raw('GET', path);
      expect([400, 404]).toContain(res.status);
    }
    const decide = await raw('POST', '/tasks/a%00b/decision', JSON.stringify({ action: 'approve' }), { 'content-type': 'application/json' });
    expect([400, 404]).toContain(decide.status);
  });

  it('answers 400 naming fiscalYear when it overflows a 32-bit integer', async () => {
    for (const path of ['/budget-requests?fiscalYear=3000000000', '/loans?fiscalYear=3000000000', '/dashboard?fiscalYear=3000000000']) {
      const res = await raw('GET', path);
      expect(res.status).toBe(400);
      expect(res.error.fields?.map((f) => f.field)).toEqual(['fiscalYear']);
    }
    const filed = await clerk.post('/budget-requests', request({ fiscalYear: 3_000_000_000 }));
    expect(filed.status).toBe(400);
    expect(filed.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['fiscalYear']);
    const year = await raw('GET', '/fiscal-years/3000000000');
    expect(year.status).toBe(400);
    expect(year.error.fields?.map((f) => f.field)).toEqual(['year']);
  });

  it('answers 400 to 50 000-deep JSON with an Idempotency-Key, and stores nothing', async () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const res = await raw('POST', '/budget-requests', `{"purpose":${deep}}`, { 'content-type': 'application/json', 'idempotency-key': 'deep-1' });
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('json_too_deep');
    expect(await stack.prisma.idempotencyRecord.count({ where: { key: 'deep-1' } })).toBe(0);
  });
});
