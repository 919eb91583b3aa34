/**
 * zod compiles object parsers with `new Function` when it can, and probes
 * for that by trying it. Under the app's Content Security Policy (no
 * 'unsafe-eval') the probe is a reported violation, so the browser bundles
 * (page and service worker) import this module FIRST, which switches it off
 * before any module parses anything. The server keeps the compiled parsers.
 *
 * The shared schemas are zod/mini (see ./zod), whose objects never compile
 * a parser; the switch stays so that no zod schema in a browser bundle, now
 * or later, can make the probe. It is imported from zod/mini (the same
 * global config as full zod) so it adds no full zod to the page.
 */
import { z } from './zod';

z.config({ jitless: true });
