import express from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ApiDeps } from './context';
import { errorHandler, notFound } from './errors';
import { authRouter } from './auth/router';
import { requireAuth } from './auth/session';
import { budgetRequestsRouter } from './budget-requests/router';
import { tasksRouter } from './tasks/router';
import { delegationRouter } from './delegation/router';
import { consultationsRouter } from './consultations/router';
import { fiscalYearsRouter } from './fiscal-years/router';
import { unitsRouter } from './units/router';
import { usersRouter } from './users/router';
import { emailActionsRouter } from './email-actions/router';
import { dashboardRouter } from './dashboard/router';
import { webApp } from './static-web';
import { loansRouter } from './loans/router';
import { docsInit, docsPage, openApiDocument } from './openapi';
import { observeHttp } from '../observability/http';
import { createAppMetrics, metricsEndpoint } from '../observability/metrics';
import { registerOperationsMetrics } from './operations-metrics';
import { noStore, securityHeaders } from './security-headers';
import { limitJsonDepth } from './json-depth';
import { healthRouter } from './health';
import { advancesRouter } from './advances/router';
import { yearTurnsRouter } from './year-turns/router';
import { filedRouter } from './filed/router';
import { auditChainRouter } from './records/audit-chain-router';
import { workingDaysRouter } from './working-days/router';
import { attachmentsRouter } from './records/attachments-router';
import { approvalFormRouter } from './records/approval-form-router';
import { nudgeRouter } from './approval/nudge';
import { copiesRouter } from './approval/copies';
import { dutiesRouters } from './duties';
import { policiesRouter } from './policies/router';
import { changesOfUseRouter } from './changes-of-use/router';
import { meetingsRouter } from './meetings/router';

/** The HTTP API: thin routes over the domain, Temporal and the database. */
export function createApp(deps: ApiDeps & { publicUrl: string; metricsToken?: string; workerMetrics?: () => Promise<string> }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const metrics = createAppMetrics();
  registerOperationsMetrics(metrics.registry, deps.prisma);
  app.use(observeHttp(metrics)); // first: request id, log line, latency and span for every request, refused ones too
  // Behind a reverse proxy, the client's address (for the login limit) comes from X-Forwarded-For.
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders());
  app.get('/metrics', metricsEndpoint(metrics.registry, deps.metricsToken, deps.workerMetrics));
  app.use(express.json({ limit: '256kb' }), limitJsonDepth);

  const swaggerDir = dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'));
  app.get('/api/openapi.json', (_req, res) => { res.json(openApiDocument(deps.publicUrl)); });
  app.get('/api/docs', (_req, res) => { res.type('html').send(docsPage); });
  app.get('/api/docs/init.js', (_req, res) => { res.type('js').send(docsInit); });
  app.use('/api/docs/assets', express.static(swaggerDir));
  app.use('/api', healthRouter(deps));
  app.use('/api', noStore);

  app.use('/email-actions', emailActionsRouter(deps));
  app.use('/api', authRouter(deps));
  app.use('/api', requireAuth(deps.prisma, deps.sessionIdleMinutes));
  app.use('/api', unitsRouter(deps), usersRouter(deps), budgetRequestsRouter(deps), tasksRouter(deps), delegationRouter(deps), consultationsRouter(deps), fiscalYearsRouter(deps), dashboardRouter(deps), advancesRouter(deps), yearTurnsRouter(deps), loansRouter(deps), filedRouter(deps));
  app.use('/api', auditChainRouter(deps), workingDaysRouter(deps), attachmentsRouter(deps), approvalFormRouter(deps));
  app.use('/api', ...dutiesRouters(deps));
  app.use('/api', policiesRouter(deps), changesOfUseRouter(deps), meetingsRouter(deps), nudgeRouter(deps), copiesRouter(deps));
  app.use('/api', (_req, _res, next) => next(notFound('接口 / endpoint')));
  app.use(webApp());
  app.use(errorHandler);
  return app;
}
