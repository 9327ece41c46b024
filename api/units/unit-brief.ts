/**
 * The unit as request and loan rows show it: name, code, the R-M2 key-unit mark, and level and kind
 * for R-L1. Lists read it with this select rather than the whole unit: Prisma hydrates the joined
 * relation markedly faster with a few columns, and the lists load a hundred rows per read.
 */
export const UNIT_BRIEF = { select: { code: true, name: true, monitored: true, level: true, kind: true } } as const;
