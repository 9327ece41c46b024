import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';

/** bcrypt cost when no user exists to copy it from (the demo seed's default). */
const DEFAULT_COST = 10;
const dummies = new WeakMap<PrismaClient, Promise<string>>();

/**
 * A bcrypt hash of a random secret with the same cost as the stored ones, made once per process:
 * checking a password of an unknown user against it takes as long as a wrong password of a real one,
 * so the answer's timing does not tell which usernames exist.
 */
export function dummyPasswordHash(prisma: PrismaClient): Promise<string> {
  let dummy = dummies.get(prisma);
  if (!dummy) {
    dummy = prisma.user.findFirst({ select: { passwordHash: true } }).then((u) => {
      const cost = u && /^\$2[aby]\$\d\d\$/.test(u.passwordHash) ? bcrypt.getRounds(u.passwordHash) : DEFAULT_COST;
      return bcrypt.hash(randomBytes(16).toString('base64url'), cost);
    });
    dummy.catch(() => dummies.delete(prisma)); // a database outage must not stick
    dummies.set(prisma, dummy);
  }
  return dummy;
}

/** The hash a login compares the password with: the user's own, or the dummy for an unknown username. */
export const hashToCompare = async (prisma: PrismaClient, user: { passwordHash: string } | null): Promise<string> =>
  user?.passwordHash ?? dummyPasswordHash(prisma);

/** Whether `password` matches; always does the full bcrypt work, known user or not. */
export async function checkPassword(prisma: PrismaClient, user: { passwordHash: string } | null, password: string): Promise<boolean> {
  const ok = await bcrypt.compare(password, await hashToCompare(prisma, user));
  return ok && user !== null;
}
