import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { createPrisma, PrismaClient } from '../../prisma/client';

/** A fresh, migrated database of its own for one test file, cloned from the template. */
export async function createTestDatabase(): Promise<{ url: string; prisma: PrismaClient; drop: () => Promise<void> }> {
  const adminUrl = requireEnv('TEST_PG_ADMIN_URL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${requireEnv('TEST_TEMPLATE_DB')}`);
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const prisma = createPrisma(url, 30);
  return {
    url, prisma,
    async drop() {
      await prisma.$disconnect();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run these tests through \`npm test\` (jest global setup starts the servers)`);
  return v;
}
