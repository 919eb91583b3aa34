/**
 * The zod the shared schemas are built with: `zod/mini`, with zod's English
 * messages. Every schema in src/domain imports `z` from here, never from
 * 'zod'.
 *
 * Why zod/mini: the page and the service worker bundle these schemas. Full
 * zod's methods (`.min()`, `.optional()`...) hang off every schema, so the
 * bundler must keep all of zod (about 70% of the page's first script when it
 * was used); zod/mini's functions (`z.optional()`, `.check(z.minLength())`)
 * are tree-shaken to the checks the schemas actually use. The rules, the
 * parsed values and the inferred types are the same: both are built on
 * zod's core.
 *
 * Why the locale here: zod/mini does not load a locale by itself, and then
 * every rule without its own message would say only "Invalid input". Staff
 * see these messages (a field that is too long, a year group out of range),
 * and the server sends them back in a rejected mutation, so they must read
 * the same as before on the device, in the service worker and on the server.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());

export { z };
