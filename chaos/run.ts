/**
 * `npm run chaos`: the fault suite (not part of `npm test`). Starts its own PostgreSQL, Temporal dev
 * server, worker and API on loopback, drives budget chains and loans over HTTP with
 * Idempotency-Keys and retries, and meanwhile SIGKILLs and restarts the worker, the API, the
 * Temporal server and PostgreSQL in turn; then checks in the database that nothing was lost,
 * doubled, orphaned or wedged, and prints the figures. Exit code 0 only if all of those are zero.
 *
 * Settings: CHAOS_KILLS (kills of each part, default 20), CHAOS_CLIENTS (concurrent clients, 4),
 * CHAOS_MAX_MINUTES (bound on the kill phase, 25), CHAOS_SETTLE_MINUTES (to finish every chain
 * afterwards, 6), CHAOS_DIR (working folder, default .data/chaos-<time>; removed unless CHAOS_KEEP=1).
 */
import { appendFileSync, mkdirSync, rmSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { migrate } from '../main/postgres';
import { startMailCatcher } from '../main/mail-catcher';
import { createPrisma } from '../prisma/client';
import { seedDemo } from '../prisma/seed';
import { freePort } from '../test/support/ports';
import { apiPart, Part, postgresPart, temporalPart, workerPart } from './processes';
import { Driver, newTally, Tally } from './drive';
import { checkIntegrity, readPositions } from './integrity';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const KILLS = num('CHAOS_KILLS', 20);
const CLIENTS = num('CHAOS_CLIENTS', 4);
const MAX_MS = num('CHAOS_MAX_MINUTES', 25) * 60_000;
const SETTLE_MS = num('CHAOS_SETTLE_MINUTES', 6) * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (a: number, b: number) => a + Math.random() * (b - a);

async function main() {
  const started = Date.now();
  const dir = resolve(process.env.CHAOS_DIR ?? join('.data', `chaos-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755); // as root PostgreSQL runs as 'postgres' and must reach its folder
  const logPath = join(dir, 'processes.log');
  const log = (line: string) => appendFileSync(logPath, line.endsWith('\n') ? line : `${line}\n`);
  const say = (line: string) => { console.log(`[chaos ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`); log(`[chaos] ${line}`); };

  const [pgPort, temporalPort, apiPort, smtpPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  say(`working in ${dir} (children's output: ${logPath}); ${KILLS} kills of each part, ${CLIENTS} clients`);
  const postgres = await postgresPart(join(dir, 'pg'), pgPort);
  await migrate(postgres.url);
  const prisma = createPrisma(postgres.url, 5);
  await seedDemo(prisma, { bcryptRounds: 4 });
  const positionsBefore = await readPositions(prisma);
  const mail = await startMailCatcher({ port: smtpPort, dir: join(dir, 'mail') });
  const temporal = temporalPart(join(dir, 'temporal.db'), temporalPort);
  await temporal.start();
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'chaos', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), EMAIL_ACTION_SECRET: randomBytes(32).toString('base64url'),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`, APPROVAL_REMIND_AFTER: '3 days',
  };
  const worker = workerPart(env, log);
  const api = apiPart(env, apiPort, log);
  await Promise.all([worker.start(), api.start()]);
  const parts: Part[] = [worker, api, temporal, postgres];
  // Interrupted: leave nothing running behind.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => void Promise.all(parts.map((p) => p.kill())).finally(() => process.exit(130)));
  }
  const selfExits: Record<string, number> = {};

  const tally: Tally = newTally();
  let killing = true;
  const killPhaseEnd = started + MAX_MS;
  let driveDeadline = Infinity;
  const driver = () => new Driver(`http://127.0.0.1:${apiPort}/api`, prisma, tally, () => driveDeadline);
  const failures: string[] = [];
  let next = 0;
  const clients = Array.from({ length: CLIENTS }, () => (async () => {
    const d = driver();
    while (killing) {
      const n = next++;
      try {
        await (n % 2 === 0 ? d.budgetChain(n) : d.loanChain(n));
      } catch (err) {
        failures.push(`chain ${n}: ${err instanceof Error ? err.message : err}`);
      }
    }
  })());

  // Whatever died on its own (a worker losing Temporal for too long, say) is started again, and counted.
  const supervisor = setInterval(() => {
    for (const p of parts) {
      if (!p.alive() && !restarting.has(p.name)) {
        selfExits[p.name] = (selfExits[p.name] ?? 0) + 1;
        restarting.add(p.name);
        void p.start().catch((e) => say(`could not restart ${p.name}: ${e}`)).finally(() => restarting.delete(p.name));
      }
    }
  }, 2000);
  const restarting = new Set<string>();

  await sleep(5000);
  for (let k = 0; parts.some((p) => p.kills < KILLS) && Date.now() < killPhaseEnd; k++) {
    const p = parts[k % parts.length];
    if (p.kills >= KILLS) continue;
    await sleep(between(1000, 4000));
    restarting.add(p.name);
    try {
      await p.kill();
      await sleep(between(200, 2500));
      await p.start();
    } finally {
      restarting.delete(p.name);
    }
    if (k % 4 === 3) say(`kills so far: ${parts.map((x) => `${x.name} ${x.kills}`).join(', ')}; chains done: budget ${tally.filings.budget}, loans ${tally.filings.loan}`);
  }
  say('kill phase over; every part up; letting every chain finish');
  killing = false;
  driveDeadline = Date.now() + SETTLE_MS;
  await Promise.all(clients);
  clearInterval(supervisor);

  const temporalClient = new Client({ connection: await Connection.connect({ address: `127.0.0.1:${temporalPort}` }), namespace: 'default' });
  const integrity = await checkIntegrity(prisma, temporalClient, tally, positionsBefore);
  const figures = {
    minutes: +((Date.now() - started) / 60_000).toFixed(1),
    kills: Object.fromEntries(parts.map((p) => [p.name, p.kills])),
    selfExitsRestarted: selfExits,
    requests: { budget: tally.filings.budget, loans: tally.filings.loan },
    decisions: tally.decided.size,
    httpCalls: tally.calls, networkErrors: tally.networkErrors,
    answers: tally.status,
    decision503s: tally.decision503,
    other503s: tally.other503,
    ...integrity,
    chainFailures: failures.length,
  };
  console.log('\n=== chaos figures ===');
  console.log(JSON.stringify(figures, null, 2));
  if (failures.length) console.log(`chain failures:\n  ${failures.slice(0, 20).join('\n  ')}`);
  const ok = integrity.lost + integrity.doubled + integrity.wedged + integrity.orphaned === 0 && tally.decision503.untruthful === 0 && failures.length === 0
    && parts.every((p) => p.kills >= KILLS);
  console.log(ok ? 'chaos: OK — nothing lost, doubled, wedged or orphaned; every 503 truthful or recovered'
    : 'chaos: FAILED — see the figures above');

  await temporalClient.connection.close();
  await prisma.$disconnect();
  for (const p of [api, worker, temporal]) await p.stop();
  await postgres.stop().catch(() => undefined);
  await mail.stop();
  if (process.env.CHAOS_KEEP !== '1' && ok) rmSync(dir, { recursive: true, force: true });
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error('chaos run failed:', err);
  process.exit(2);
});
