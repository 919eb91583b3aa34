/**
 * The API's one error shape, `{error: {code, message}}`, with codes from
 * ERROR_CODES and messages a teacher can read. Never a stack trace or SQL.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '../src/domain';
import { ERROR_CODES } from '../src/domain';

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const errorBody = (code: ErrorCode, message: string): ApiError => ({
  error: { code, message },
});

export const jsonError = (
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
): Response => c.json(errorBody(code, message), status);

export const MESSAGES = {
  badRequest: 'The app sent a request the server could not understand. Please reload the page.',
  signInAgain: 'Please sign in again.',
  deviceSignedOut:
    "The school signed this tablet out. It sends what it holds, then removes the children's records.",
  deviceLost: "The school reported this tablet lost. It removes every child's record it holds.",
  wrongCredentials: 'That email and password do not match. Check them and try again.',
  signInInput: 'Enter your email address and password.',
  activationInput:
    'Enter the activation code from your slip and a password of at least 10 characters.',
  tooLarge: 'Too much was sent at once. The app will try again in smaller pieces.',
  reload: 'This app needs updating: please reload the page.',
  serverTooOld:
    "This app is newer than the school's server, so it cannot sync yet. Your changes are safe on this device. Please ask whoever runs the server to update it.",
  notFound: 'There is nothing here.',
  forbidden: 'You do not have permission to do that. Ask your SENCo if you need to.',
  wrongDevice:
    'This device is signed in under a different device name from the one it sent. Nothing was saved from this request. Sign out and in again on this device.',
  rateLimited: 'Too many attempts. Wait a few minutes, then try again.',
  unsupportedMedia:
    'The app sent data in a form the server does not accept. Please reload the page.',
  internal:
    'Something went wrong on the server. Your changes are safe on this device and will be sent again.',
} as const;

/** Maps an HTTP status raised by a framework (e.g. a body Hono could not parse) to our codes. */
export const codeForStatus = (status: number): ErrorCode => {
  switch (status) {
    case 400:
      return ERROR_CODES.badRequest;
    case 401:
      return ERROR_CODES.unauthorized;
    case 403:
      return ERROR_CODES.forbidden;
    case 404:
      return ERROR_CODES.notFound;
    case 413:
      return ERROR_CODES.payloadTooLarge;
    case 429:
      return ERROR_CODES.rateLimited;
    default:
      return ERROR_CODES.internal;
  }
};

/** 429 with `Retry-After` in whole seconds (at least 1), for any rate-limited route. */
export const rateLimited = (c: Context, retryAfterMs: number): Response => {
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return jsonError(c, 429, ERROR_CODES.rateLimited, MESSAGES.rateLimited);
};
