import { openApiDocument } from '../../api/openapi';
import { XLSX_TYPE } from '../../api/workbook';

interface Op { security?: unknown[]; requestBody?: unknown; parameters?: { name: string; in: string; schema: Record<string, unknown> }[]; responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }> }
const doc = openApiDocument('http://approvals.test') as unknown as { paths: Record<string, Record<string, Op>> };
const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

describe('the OpenAPI document lists every answer the API really gives', () => {
  it('503 with Retry-After on every operation, 401 on every signed-in one', () => {
    for (const { name, op } of operations) {
      if (name === 'GET /health/live') continue;
      expect([name, op.responses['503']?.headers?.['Retry-After'] !== undefined]).toEqual([name, true]);
      if (op.security?.length !== 0) expect([name, Object.keys(op.responses)]).toEqual([name, expect.arrayContaining(['401'])]);
    }
  });

  it('400, 413 and 415 wherever a body is sent', () => {
    for (const { name, op } of operations.filter((o) => o.op.requestBody)) {
      expect([name, Object.keys(op.responses)]).toEqual([name, expect.arrayContaining(['400', '413', '415'])]);
    }
  });

  it('429 with Retry-After on login, 404 on reads by id, the xlsx type on exports', () => {
    expect(doc.paths['/auth/login'].post.responses['429'].headers).toHaveProperty('Retry-After');
    for (const path of ['/budget-requests/{id}', '/loans/{id}', '/tasks/{id}', '/fiscal-years/{year}', '/advances/{fiscalYear}']) {
      expect(doc.paths[path].get.responses['404'].content).toHaveProperty(['application/json']);
    }
    for (const path of ['/loans', '/dashboard/lists/{list}']) expect(doc.paths[path].get.responses['200'].content).toHaveProperty([XLSX_TYPE]);
    expect(doc.paths['/health/ready'].get.responses['503']).toBeDefined();
  });

  it('states the zod bounds of query and path parameters', () => {
    const param = (path: string, method: string, name: string) => doc.paths[path][method].parameters!.find((p) => p.name === name)!.schema;
    expect(param('/loans', 'get', 'fiscalYear')).toMatchObject({ type: 'integer', minimum: 2000, maximum: 2100 });
    expect(param('/budget-requests', 'get', 'fiscalYear')).toMatchObject({ minimum: 2000, maximum: 2100 });
    expect(param('/fiscal-years/{year}', 'put', 'year')).toMatchObject({ minimum: 2000, maximum: 2100 });
    expect(param('/loans', 'get', 'limit')).toMatchObject({ minimum: 1, maximum: 500 });
    expect(param('/budget-requests', 'post', 'Idempotency-Key')).toMatchObject({ maxLength: 200 });
  });
});
