import type { Router } from 'express';
import type { ApiDeps } from './context';
import { reportsRouter } from './reports/router';
import { positionsRouter } from './monitoring/positions';

/** The routers of the plan's duties with deadlines (reports, transfers, risk events, key units). */
export const dutiesRouters = (deps: ApiDeps): Router[] => [reportsRouter(deps), positionsRouter(deps)];
