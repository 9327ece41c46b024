/**
 * Starts the real servers once per `npm test` run: an embedded PostgreSQL holding a migrated
 * template database, and a Temporal dev server. Workflow code is bundled once, here.
 */
import { chmodSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, startEmbeddedPostgres } from '../../main/postgres';
import { startTemporalDevServer } from '../../main/temporal-dev';
import { bundleWorkflows } from '../../main/runtime';
import { freePort } from './ports';

export const TEMPLATE_DB = 'approvals_template';

export default async function globalSetup(): Promise<void> {
  if (process.env.SKIP_SERVERS === '1') return;
  const dir = mkdtempSync(join(tmpdir(), 'approvals-test-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the 'postgres' user and must reach its data folder
  const stops: (() => Promise<unknown>)[] = [];
  (globalThis as Record<string, unknown>).__approvalsStops = stops;
  stops.push(async () => rmSync(dir, { recursive: true, force: true }));

  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: pgPort, database: TEMPLATE_DB });
  stops.push(pg.stop);
  await migrate(pg.url); // leaves no connection open: CREATE DATABASE ... TEMPLATE needs that

  const temporal = await startTemporalDevServer({ port: temporalPort, namespace: 'default', quiet: true });
  stops.push(temporal.stop);

  const bundle = await bundleWorkflows();
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env.TEST_PG_ADMIN_URL = pg.url.replace(`/${TEMPLATE_DB}`, '/postgres');
  process.env.TEST_TEMPLATE_DB = TEMPLATE_DB;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
}
