// Imported first by main.tsx: zod compiles object parsers with `new Function` unless told not to,
// and the server's Content-Security-Policy allows no eval (a blocked probe is still reported).
import { z } from 'zod';

z.config({ jitless: true });
