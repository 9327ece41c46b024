import type { Router } from 'express';
import type { ApiDeps } from './context';
import { reportsRouter } from './reports/router';
import { positionsRouter } from './monitoring/positions';
import { transfersRouter } from './transfers/router';
import { riskEventsRouter } from './risk-events/router';
import { keyUnitsRouter } from './monitoring/key-units';
import { dutiesListRouter } from './monitoring/duties-list';

/** The routers of the plan's duties with deadlines (reports, transfers, risk events, key units, the duties list). */
export const dutiesRouters = (deps: ApiDeps): Router[] => [
  reportsRouter(deps), positionsRouter(deps), transfersRouter(deps), riskEventsRouter(deps), keyUnitsRouter(deps), dutiesListRouter(deps),
];
