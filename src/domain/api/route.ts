/**
 * What one endpoint of the API is, as data both sides read: its method and
 * path, the zod schemas of its path parameters, query and body, and of its
 * answer. The server parses requests and checks answers with them
 * (server/routes); the device builds requests and parses answers with them
 * (src/sync/api.ts).
 */
import type { z } from '../zod';

export type Schema = z.ZodMiniType;

/** How an answer's body is read: JSON, plain text (a CSV file), or none (204). */
export type ResponseType = 'json' | 'text' | 'empty';

export type RouteDef = {
  method: 'GET' | 'POST' | 'PUT';
  /** The full path, with `:name` for each path parameter. */
  path: `/api/v1/${string}`;
  /** Whether it needs a session token (`Authorization: Bearer`). */
  auth: boolean;
  params?: Schema;
  query?: Schema;
  body?: Schema;
  /** The answer the server promises on success; absent for a 204. */
  response?: Schema;
  responseType: ResponseType;
  /**
   * How the device reads the answer, when that must be more lenient than
   * the server's promise (a pull page: each change is read on its own).
   */
  clientResponse?: Schema;
};

/** Keeps a route's literal types, so callers get its exact input and answer types. */
export const route = <const R extends RouteDef>(definition: R): R => definition;

type InputPart<R, K extends 'params' | 'query' | 'body'> = R extends {
  [key in K]: infer S extends Schema;
}
  ? { [key in K]: z.input<S> }
  : { [key in K]?: never };

/** What a caller gives for a route: its path parameters, query and body. */
export type RouteInput<R extends RouteDef> = InputPart<R, 'params'> &
  InputPart<R, 'query'> &
  InputPart<R, 'body'>;

/** What a caller gets back: the parsed answer (a string for text, undefined for 204). */
export type RouteOutput<R extends RouteDef> = R extends { clientResponse: infer S extends Schema }
  ? z.output<S>
  : R extends { response: infer S extends Schema }
    ? z.output<S>
    : undefined;

/** What the server must answer with: the response schema's input. */
export type RouteAnswer<R extends RouteDef> = R extends { response: infer S extends Schema }
  ? z.input<S>
  : never;
