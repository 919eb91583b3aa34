/**
 * zod 4 compiles object parsers with `new Function` when it can, and probes
 * for that by trying it. Under the app's Content Security Policy (no
 * 'unsafe-eval') the probe is a reported violation, so the browser bundles
 * (page and service worker) import this module FIRST, which switches it off
 * before any module parses anything. The server keeps the compiled parsers.
 */
import { z } from 'zod';

z.config({ jitless: true });
