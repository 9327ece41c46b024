// Writes a migration from the last committed schema to the working one, because `prisma migrate dev`
// cannot run with the JavaScript engine: `npm run migration:new -- <name>`. The diff needs any reachable
// PostgreSQL in DATABASE_URL (default: the one `npm start` runs).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:new -- <snake_case_name>');
  process.exit(2);
}
const before = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.prisma');
let previous = '';
try { previous = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' }); } catch { /* first migration */ }
writeFileSync(before, previous);
const from = previous ? ['--from-schema-datamodel', before] : ['--from-empty'];
const out = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5433/approvals' } });
if (out.status !== 0) { console.error(out.stderr); process.exit(1); }
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join('prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), out.stdout);
console.log(`wrote ${dir}/migration.sql — review it, then commit it with the schema change`);
