import { Prisma } from '../../prisma/client';

/**
 * The unit as request and loan rows show it: name, code, the R-M2 key-unit mark, and level and kind
 * for R-L1. Lists read it with this select rather than the whole unit: Prisma hydrates the joined
 * relation markedly faster with a few columns, and the lists load a hundred rows per read.
 */
export const UNIT_BRIEF = { select: { code: true, name: true, monitored: true, level: true, kind: true } } as const;

export type UnitBrief = Prisma.UnitGetPayload<typeof UNIT_BRIEF>;

/** The same columns in a raw statement that joins "Unit" as `u`; `takeUnitBrief` folds them into `unit`. */
export const UNIT_BRIEF_COLUMNS = Prisma.sql`u.code AS "unitCode", u.name AS "unitName", u.monitored AS "unitMonitored", u.level AS "unitLevel", u.kind AS "unitKind"`;

export interface UnitBriefColumns { unitCode: string; unitName: string; unitMonitored: boolean; unitLevel: string; unitKind: string }

export function takeUnitBrief<R extends UnitBriefColumns>({ unitCode, unitName, unitMonitored, unitLevel, unitKind, ...row }: R): Omit<R, keyof UnitBriefColumns> & { unit: UnitBrief } {
  return { ...row, unit: { code: unitCode, name: unitName, monitored: unitMonitored, level: unitLevel, kind: unitKind } };
}
