/**
 * The shared argument parsing of the server's subcommands (node:util
 * parseArgs, strict): an unknown option, a missing value or a stray word is
 * a usage error, which every command answers on stderr with exit code 2, so
 * a script calling it can tell "you asked wrongly" from "it ran".
 */
import { parseArgs } from 'node:util';

/** Exit codes every subcommand keeps: 0 done, 1 failed while running, 2 refused or asked wrongly. */
export const EXIT = { ok: 0, failed: 1, refused: 2 } as const;

/** Asked wrongly: the message says what to change; the command prints its usage under it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where a command writes; tests and main.ts pass the process's streams. */
export type CliOutput = {
  out: (line: string) => void;
  err: (line: string) => void;
};

type OptionSpec = { type: 'string' } | { type: 'boolean' };

type ParsedValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K] extends { type: 'string' } ? string | undefined : boolean;
};

/**
 * Parses `argv` against `options` (plus `--help`). Node's own messages for
 * unknown options and missing values are already plain; they are passed on
 * as usage errors.
 */
export const parseCommandArgs = <O extends Record<string, OptionSpec>>(
  argv: readonly string[],
  options: O,
): { values: ParsedValues<O>; isHelp: boolean } => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const out: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(options)) {
    out[name] = spec.type === 'boolean' ? values[name] === true : (values[name] as string);
  }
  return { values: out as ParsedValues<O>, isHelp: values.help === true };
};

/** A string option that must be there and not blank. */
export const required = (value: string | undefined, flag: string, what: string): string => {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`${flag} is missing: give ${what}.`);
  }
  return value;
};
