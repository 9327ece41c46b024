import { Router } from 'express';
import { Connection } from '@temporalio/client';
import type { ApiDeps } from './context';

/** How long a readiness probe waits for each dependency. */
const PROBE_TIMEOUT_MS = 2_000;
const RETRY_AFTER_SECONDS = 5;

type Probe = 'postgres' | 'temporal';
const NAMES: Record<Probe, string> = { postgres: 'PostgreSQL', temporal: 'Temporal' };

/**
 * `/health/live`: the process answers (restart it if not). `/health/ready` (and `/health`): PostgreSQL
 * and Temporal answer too; otherwise 503 naming which is down, so a load balancer sends no traffic here.
 */
export function healthRouter({ prisma, temporal }: Pick<ApiDeps, 'prisma' | 'temporal'>): Router {
  const router = Router();
  // Its own channel without the client's gRPC retries: a probe answers now, and leaves no retry behind.
  const probe = temporal.connection instanceof Connection ? Connection.lazy({ ...temporal.connection.options, interceptors: [] }) : temporal.connection;
  router.get('/health/live', (_req, res) => { res.json({ ok: true }); });
  router.get(['/health', '/health/ready'], async (_req, res) => {
    const probes: Record<Probe, () => Promise<unknown>> = {
      postgres: () => prisma.$queryRaw`SELECT 1`,
      temporal: () => probe.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => probe.workflowService.getSystemInfo({})),
    };
    const results = await Promise.all(Object.entries(probes).map(async ([name, probe]) => [name, await answers(probe)] as const));
    const checks = Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'])) as Record<Probe, 'up' | 'down'>;
    const down = results.filter(([, up]) => !up).map(([name]) => NAMES[name as Probe]);
    res.set('Cache-Control', 'no-store');
    if (!down.length) return void res.json({ ok: true, checks });
    res.set('Retry-After', String(RETRY_AFTER_SECONDS)).status(503).json({
      ok: false, checks,
      error: { code: 'not_ready', message: `${down.join('、')} 不可用 / ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down` },
    });
  });
  return router;
}

/** Whether the probe succeeds within PROBE_TIMEOUT_MS. */
async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS); });
  try {
    return await Promise.race([probe().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
