import { z } from 'zod';

/**
 * Money is yuan (元) with exactly two decimals, carried as a string ("1234.50") across every
 * boundary and computed as a bigint of fen (分), so no float ever touches an amount.
 */
export type Yuan = string;

const YUAN_PATTERN = /^-?(0|[1-9]\d{0,15})\.\d{2}$/;
const LOOSE_DECIMAL = /^-?\d+(\.\d+)?$/;

/** zod schema for a non-negative amount in yuan with exactly two decimals. */
export const ZYuan = z
  .string({ error: 'must be a string of yuan with exactly two decimals, e.g. "1234.50"' })
  .regex(/^(0|[1-9]\d{0,13})\.\d{2}$/, { error: 'must be yuan with exactly two decimals, e.g. "1234.50"', abort: true });

/** zod schema for a strictly positive amount in yuan. */
export const ZPositiveYuan = ZYuan.refine((v) => toFen(v) > 0n, 'must be greater than 0.00');

/** Parses "1234.50" into fen; throws on anything that is not exactly two decimals. */
export function toFen(yuan: Yuan): bigint {
  if (!YUAN_PATTERN.test(yuan)) throw new Error(`not a yuan amount with two decimals: ${yuan}`);
  const negative = yuan.startsWith('-');
  const [whole, frac] = (negative ? yuan.slice(1) : yuan).split('.');
  const fen = BigInt(whole) * 100n + BigInt(frac);
  return negative ? -fen : fen;
}

/** Formats fen as yuan with exactly two decimals. */
export function fromFen(fen: bigint): Yuan {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/**
 * Normalises a decimal as the database returns it ("100.1", "5") to two-decimal yuan. Refuses
 * more than two significant decimals instead of rounding, so nothing is silently lost.
 */
export function normalizeYuan(decimal: string | { toString(): string }): Yuan {
  const text = decimal.toString();
  if (!LOOSE_DECIMAL.test(text)) throw new Error(`not a decimal: ${text}`);
  const [whole, frac = ''] = text.split('.');
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > 2) throw new Error(`more than two decimals: ${text}`);
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  return fromFen((negative ? -1n : 1n) * (BigInt(digits) * 100n + BigInt(trimmed.padEnd(2, '0'))));
}

export const addYuan = (...amounts: Yuan[]): Yuan => fromFen(amounts.reduce((sum, a) => sum + toFen(a), 0n));
export const subYuan = (a: Yuan, b: Yuan): Yuan => fromFen(toFen(a) - toFen(b));
export const compareYuan = (a: Yuan, b: Yuan): -1 | 0 | 1 => {
  const d = toFen(a) - toFen(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

/**
 * The share `numerator/denominator` of an amount, rounded down to the fen, so a cap computed
 * from it is never more generous than the rule allows.
 */
export function shareOf(amount: Yuan, numerator: bigint, denominator: bigint): Yuan {
  return fromFen((toFen(amount) * numerator) / denominator);
}

/** A ratio a/b as a percentage string with two decimals, rounded down ("3.57"). */
export function percentOf(a: Yuan, b: Yuan): string {
  const denominator = toFen(b);
  if (denominator === 0n) return '0.00';
  return fromFen((toFen(a) * 10000n) / denominator);
}
