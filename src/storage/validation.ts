/**
 * Turning zod errors into messages a teacher can act on, keyed by field, so
 * a form can show each one beside its field. Nothing is written when a
 * command's input is invalid.
 */
import type { z } from 'zod/mini';

export class ValidationError extends Error {
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(' ') || 'Please check what you entered.');
    this.name = 'ValidationError';
    this.fieldErrors = fieldErrors;
  }
}

export const fieldErrorsOf = (error: z.core.$ZodError): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
};
