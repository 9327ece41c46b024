import { BUREAU_WIDE_ROLES } from '../../domain/roles';

/**
 * Who gets the fiscal-year figures page: the roles that see the advances position (finance, leaders,
 * auditors, and the meeting secretary and NPC liaison who decide with them), as the API decides.
 * Only the finance director edits.
 */
export const FISCAL_YEAR_READERS: readonly string[] = BUREAU_WIDE_ROLES;

/** The page with `year` highlighted and opened. */
export const fiscalYearLink = (year: number) => `/fiscal-years?year=${year}`;
