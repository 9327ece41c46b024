import { z } from 'zod';

/** A lone UTF-16 surrogate: a high one not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextBounds {
  /** fewest characters after trimming (default 0) */
  min?: number;
  max: number;
  minMessage?: string;
  maxMessage?: string;
  /** message when the field is missing or not a string */
  typeMessage?: string;
}

/**
 * The one schema every free-text field goes through: trimmed, bounded, no NUL and well-formed
 * UTF-16. PostgreSQL refuses NUL and lone surrogates (in text and jsonb), so letting them past the
 * API would only move the refusal into an activity, where a retry cannot fix it.
 */
export function zText({ min = 0, max, minMessage, maxMessage, typeMessage }: TextBounds) {
  let s = (typeMessage ? z.string({ error: typeMessage }) : z.string()).trim();
  if (min > 0) s = s.min(min, minMessage);
  return s.max(max, maxMessage ?? `最多 ${max} 个字符 / at most ${max} characters`)
    .refine((v) => !v.includes('\u0000'), '不能包含空字符（NUL） / must not contain NUL characters')
    .refine((v) => !LONE_SURROGATE.test(v), '含有无效字符（孤立的 UTF-16 代理项） / contains an invalid character (a lone UTF-16 surrogate)');
}

/** An identifier in a query or body (a unit's, a user's): short text with the same guarantees. */
export const ZIdText = zText({ min: 1, max: 100 });
