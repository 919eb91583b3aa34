/**
 * Range requests on the PWA's static files (RFC 9110, section 14). The
 * file server underneath (serveStatic from @hono/node-server) never sees a
 * Range header: this module reads it, and either answers the one byte range
 * asked for (206), says that no byte of it exists (416, with a
 * Content-Range giving the file's size), or ignores it and lets the whole
 * file go out (200).
 *
 * Why not leave ranges to serveStatic: it opened a read stream for any two
 * numbers it found, so `bytes=5-1` threw inside the request (a 500, and a
 * stack trace in the log that anyone could flood), and a range past the end
 * of a small file answered 206 with a Content-Length larger than the bytes
 * it then sent, so the client waited for bytes that never came.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Context, Next } from 'hono';

export type RangeDecision =
  /** No usable range: send the whole file, as if none had been asked for. */
  | { kind: 'whole' }
  /** A well-formed range with no byte in the file: 416. */
  | { kind: 'unsatisfiable' }
  /** Bytes `start` to `end`, both included, both inside the file. */
  | { kind: 'part'; start: number; end: number };

/** `bytes=<first>-[<last>]` or `bytes=-<suffix length>`, one range, digits only. */
const SINGLE_RANGE = /^bytes=(?:(\d+)-(\d*)|-(\d+))$/i;

/**
 * What to answer for a Range header on a file of `size` bytes.
 *
 * Why "whole" for anything this does not understand (another unit, several
 * ranges, `5-1`, letters, NUL): RFC 9110 lets a server ignore Range, and an
 * invalid range set must be ignored, so a malformed header costs the sender
 * the whole file, never an error. Only a well-formed range that starts at or
 * past the end of the file (or asks for the last 0 bytes) is a 416.
 */
export const decideRange = (header: string, size: number): RangeDecision => {
  const match = SINGLE_RANGE.exec(header);
  if (!match) return { kind: 'whole' };
  const [, first, last, suffix] = match;
  if (suffix !== undefined) {
    // The last N bytes; N larger than the file means all of it.
    const length = Number(suffix);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' || last === undefined ? Infinity : Number(last);
  // A last position before the first makes the range invalid: ignored.
  if (end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
};

type Handler = (c: Context, next: Next) => Promise<Response | void>;

/**
 * Wraps a serveStatic handler so it answers Range requests correctly.
 * `foundPath` is filled by the handler's `onFound` with the file it served.
 */
export const withByteRanges =
  (handler: Handler, foundPath: WeakMap<Context, string>): Handler =>
  async (c, next) => {
    const header = c.req.header('range');
    if (header === undefined || c.req.method !== 'GET') return handler(c, next);
    // Why take it off the request: the handler below must serve the whole
    // file and never try a range of its own (see the header of this file).
    c.req.raw.headers.delete('range');
    const whole = await handler(c, next);
    const path = foundPath.get(c);
    if (!whole || whole.status !== 200 || path === undefined) return whole;
    // A conditional range (If-Range) is answered with the whole file: it is
    // always a correct answer, and this server keeps no validators to compare.
    if (c.req.header('if-range') !== undefined) return whole;
    const size = Number(whole.headers.get('content-length'));
    if (!Number.isSafeInteger(size)) return whole;
    const decision = decideRange(header, size);
    if (decision.kind === 'whole') return whole;
    await whole.body?.cancel();
    const headers = new Headers(whole.headers);
    headers.set('Accept-Ranges', 'bytes');
    if (decision.kind === 'unsatisfiable') {
      headers.delete('Content-Type');
      headers.set('Content-Length', '0');
      headers.set('Content-Range', `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    const { start, end } = decision;
    headers.set('Content-Length', String(end - start + 1));
    headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
    const stream = Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream;
    return new Response(stream, { status: 206, headers });
  };
