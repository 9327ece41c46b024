import { Client } from 'pg';
import { createTestDatabase, requireEnv } from '../support/db';
import { directQuery } from '../../prisma/direct-sql';

/**
 * PostgreSQL may close a pooled connection while it sits idle (a restart, a fail-over, an operator's
 * pg_terminate_backend, idle_session_timeout). pg reports that as an 'error' event on the pool, which
 * ends the process when nobody listens: the API and the worker must log it and go on.
 */
describe('a pooled connection the database closes while idle', () => {
  it('is logged and replaced; the process goes on and the next statement runs', async () => {
    const db = await createTestDatabase();
    try {
      // Only statements sent past Prisma so far: its adapter has not connected (nor listened) yet.
      expect(await directQuery<{ one: number }>(db.prisma, 'SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
      const name = new URL(db.url).pathname.slice(1);
      const admin = new Client({ connectionString: requireEnv('TEST_PG_ADMIN_URL') });
      await admin.connect();
      try {
        const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        expect(rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      // The pool hears of the closed connection asynchronously; give it the moment it takes.
      await new Promise((r) => setTimeout(r, 500));
      expect(await directQuery<{ one: number }>(db.prisma, 'SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
      expect(await db.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await db.drop();
    }
  });
});
