import type { RequestHandler } from 'express';
import { AppError } from './errors';

/** Deeper than any request body of this API; recursive code (hashing, logging, storing) is safe below it. */
export const MAX_JSON_DEPTH = 32;

/** Refuses a JSON body nested deeper than MAX_JSON_DEPTH before anything recurses over it (400, not a stack overflow). */
export const limitJsonDepth: RequestHandler = (req, _res, next) => {
  if (!nestedDeeperThan(req.body, MAX_JSON_DEPTH)) return next();
  next(new AppError(400, 'json_too_deep', `JSON 嵌套层数超过 ${MAX_JSON_DEPTH} / the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`));
};

/** Walks the value without recursion, so a 50 000-level body cannot overflow the stack here either. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
