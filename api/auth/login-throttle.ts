import { RateLimiterPrisma } from 'rate-limiter-flexible';
import type { PrismaClient } from '../../prisma/client';
import { AppError } from '../errors';

export interface LoginLimits {
  /** failed logins of one username within the window before it is refused */
  maxFailuresPerUser: number;
  /** failed logins from one address within the window before it is refused */
  maxFailuresPerAddress: number;
  /** the window, which is also how long a refusal lasts at most */
  windowMinutes: number;
}
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailuresPerUser: 10, maxFailuresPerAddress: 100, windowMinutes: 15 };

/**
 * Failed-login counters per username and per client address in PostgreSQL (rate-limiter-flexible's
 * Prisma store, table LoginThrottle), so every API process counts the same failures. A success clears
 * the username's count; the address count only runs out with its window.
 */
export function loginThrottle(prisma: PrismaClient, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  // No purge timer per limiter (it outlives the database in tests and doubles the work): spent rows
  // are swept when a failure is counted, the only time the table grows.
  const store = { storeClient: prisma, tableName: 'loginThrottle', duration: limits.windowMinutes * 60, clearExpiredByTimeout: false };
  const byUser = new RateLimiterPrisma({ ...store, keyPrefix: 'login_user', points: limits.maxFailuresPerUser });
  const byAddress = new RateLimiterPrisma({ ...store, keyPrefix: 'login_address', points: limits.maxFailuresPerAddress });
  const userKey = (username: string) => username.toLowerCase();

  return {
    /** Refuses (429 with Retry-After) while the username or the address has used up its failures. */
    async check(username: string, address: string): Promise<void> {
      const [user, addr] = await Promise.all([byUser.get(userKey(username)), byAddress.get(address)]);
      const spent = [
        user && user.consumedPoints >= limits.maxFailuresPerUser ? user : null,
        addr && addr.consumedPoints >= limits.maxFailuresPerAddress ? addr : null,
      ].filter((r) => r !== null);
      if (!spent.length) return;
      throw tooManyFailures(Math.max(...spent.map((r) => Math.ceil(r.msBeforeNext / 1000)), 1));
    },
    /** Counts a failed login against both. */
    async failed(username: string, address: string): Promise<void> {
      await Promise.all([byUser.penalty(userKey(username), 1), byAddress.penalty(address, 1)]);
      await prisma.loginThrottle.deleteMany({ where: { expire: { lt: new Date() } } });
    },
    /** A successful login: the username starts afresh. */
    async succeeded(username: string): Promise<void> {
      await byUser.delete(userKey(username));
    },
  };
}

export type LoginThrottle = ReturnType<typeof loginThrottle>;

const tooManyFailures = (seconds: number) => {
  const minutes = Math.ceil(seconds / 60);
  return new AppError(429, 'too_many_login_failures',
    `登录失败次数过多，请 ${minutes} 分钟后再试 / too many failed logins; try again in ${minutes} minute${minutes > 1 ? 's' : ''}`, {}, seconds);
};
