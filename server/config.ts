/**
 * The server's settings: the whole environment that server/main.ts and its
 * subcommands read, parsed once with zod at start, before anything is opened.
 * A bad value is one line naming the variable and what it takes, and the
 * process exits 1. `SETTINGS` is the list the README's Settings table shows.
 * An empty variable counts as unset (so `DATABASE_URL=` means SQLite).
 */
import { z } from 'zod';
import { sqliteFileIn } from './db/connection';
import type { DbConfig } from './db/connection';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Each setting: its default (if any), what it takes, and whether its value may be shown. */
export const SETTINGS = {
  PORT: { default: '8080', expects: 'a whole number from 1 to 65535' },
  DATA_DIR: { default: './data', expects: 'a folder path' },
  DATABASE_URL: {
    default: undefined,
    expects: 'a postgres:// or postgresql:// URL (unset for SQLite)',
    secret: true,
  },
  STATIC_DIR: { default: undefined, expects: 'a folder path' },
  DEMO_PASSWORD: { default: 'demo-password', expects: 'a password', secret: true },
  DEMO_HISTORY: {
    default: 'on',
    expects: 'on or off (off: the demo school with nothing recorded yet)',
  },
  LOG_LEVEL: { default: 'info', expects: `one of ${LOG_LEVELS.join(', ')}` },
  BACKUP_DAILY: { default: 'off', expects: 'on or off' },
  BACKUP_KEEP: { default: '14', expects: 'a whole number from 1 to 3650' },
  FAULT_STALL_PUSH_BEFORE_COMMIT: { default: undefined, expects: '1, or unset (tests only)' },
} as const satisfies Record<
  string,
  { default: string | undefined; expects: string; secret?: boolean }
>;

type Name = keyof typeof SETTINGS;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .refine((n) => n >= min && n <= max);

const FIELDS = {
  PORT: wholeNumber(1, 65_535),
  DATA_DIR: z.string(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/)
    .optional(),
  STATIC_DIR: z.string().optional(),
  DEMO_PASSWORD: z.string().max(1_000),
  DEMO_HISTORY: z.enum(['on', 'off']).transform((v) => v === 'on'),
  LOG_LEVEL: z.enum(LOG_LEVELS),
  BACKUP_DAILY: z.enum(['on', 'off']).transform((v) => v === 'on'),
  BACKUP_KEEP: wholeNumber(1, 3_650),
  FAULT_STALL_PUSH_BEFORE_COMMIT: z.literal('1').optional(),
} satisfies Record<Name, z.ZodType>;

export type ServerConfig = {
  port: number;
  dataDir: string;
  db: DbConfig;
  staticDir: string | undefined;
  demoPassword: string;
  /** Seed the demo school with half a term of history (server/demo/history.ts). */
  demoHistory: boolean;
  logLevel: LogLevel;
  backup: { daily: boolean; keep: number };
  faults: { stallPushBeforeCommit: boolean };
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const read = <N extends Name>(env: NodeJS.ProcessEnv, name: N): z.output<(typeof FIELDS)[N]> => {
  const setting: { default: string | undefined; expects: string; secret?: boolean } =
    SETTINGS[name];
  const raw = env[name] === '' ? undefined : env[name];
  const result = FIELDS[name].safeParse(raw ?? setting.default);
  if (!result.success) {
    // Why a secret's value is never echoed: this line lands in service logs.
    const shown = setting.secret ? '' : ` (it is "${String(raw).slice(0, 80)}")`;
    throw new ConfigError(`${name} must be ${setting.expects}${shown}.`);
  }
  return result.data as z.output<(typeof FIELDS)[N]>;
};

/** The settings from `env`; throws a ConfigError whose message is the one line to print. */
export const parseConfig = (env: NodeJS.ProcessEnv): ServerConfig => {
  const dataDir = read(env, 'DATA_DIR');
  const databaseUrl = read(env, 'DATABASE_URL');
  const daily = read(env, 'BACKUP_DAILY');
  if (daily && databaseUrl) {
    throw new ConfigError(
      'BACKUP_DAILY must be off with DATABASE_URL: it copies the SQLite file; back up PostgreSQL with pg_dump.',
    );
  }
  return {
    port: read(env, 'PORT'),
    dataDir,
    db: databaseUrl
      ? { engine: 'postgres', connectionString: databaseUrl }
      : { engine: 'sqlite', file: sqliteFileIn(dataDir) },
    staticDir: read(env, 'STATIC_DIR'),
    demoPassword: read(env, 'DEMO_PASSWORD'),
    demoHistory: read(env, 'DEMO_HISTORY'),
    logLevel: read(env, 'LOG_LEVEL'),
    backup: { daily, keep: read(env, 'BACKUP_KEEP') },
    faults: { stallPushBeforeCommit: read(env, 'FAULT_STALL_PUSH_BEFORE_COMMIT') === '1' },
  };
};
