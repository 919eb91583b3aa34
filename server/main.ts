/**
 * The server's command line: opens (and migrates) the database, seeds the
 * demo school with `--demo`, and serves the API and the built PWA on one
 * port; or runs one subcommand on the same database and exits
 * (`create-school`, `import-roster`, `backup`: server/cli/). With
 * BACKUP_DAILY=on it also writes a daily copy of the SQLite file. Every
 * setting comes from the environment and is checked at start by
 * server/config.ts, before anything is opened; a bad one stops the process
 * with exit code 1.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { openDb } from './db/connection';
import { createLogger } from './log';
import { ConfigError, parseConfig } from './config';
import type { ServerConfig } from './config';
import { DEMO_SIGN_INS, seedDemoSchool } from './demo/seed';
import { EXIT } from './cli/args';
import type { CliOutput } from './cli/args';
import { CREATE_SCHOOL_USAGE, runCreateSchool } from './cli/create-school';
import { IMPORT_ROSTER_USAGE, runImportRoster } from './cli/import-roster';
import { BACKUP_USAGE, runBackup } from './cli/backup';
import { startDailyBackups } from './db/backup';
import { openConfiguredDb } from './cli/open';

const HELP = `Waymark server

Usage: node dist/server/main.js [--demo] [--help]
       node dist/server/main.js create-school ...
       node dist/server/main.js import-roster ...
       node dist/server/main.js backup ...

  --demo   seed the demo school (Oakfield Primary School) if the database has no school

${CREATE_SCHOOL_USAGE}

${IMPORT_ROSTER_USAGE}

${BACKUP_USAGE}

Settings (environment): PORT, DATA_DIR, DATABASE_URL, STATIC_DIR, DEMO_PASSWORD, DEMO_HISTORY,\nLOG_LEVEL, BACKUP_DAILY, BACKUP_KEEP (README.md, "Settings")`;

const io: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A subcommand's exit code, or undefined when the arguments ask for the server. */
const runSubcommand = async (
  argv: readonly string[],
  config: ServerConfig,
): Promise<number | undefined> => {
  const [command, ...rest] = argv;
  const open = () => openConfiguredDb(config.db);
  const nowMs = () => Date.now();
  try {
    if (command === 'create-school') {
      const address = `http://localhost:${config.port}`;
      return await runCreateSchool(rest, io, { open, nowMs, address });
    }
    if (command === 'import-roster') return await runImportRoster(rest, io, { open, nowMs });
    if (command === 'backup') return await runBackup(rest, io, { db: config.db });
  } catch (error) {
    // Not the request's fault (the database could not be reached, say): exit 1, not 2.
    io.err(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
  return undefined;
};

const main = async (): Promise<void> => {
  const argv = process.argv.slice(2);
  let config: ServerConfig;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`Waymark cannot start: ${error.message}`);
    process.exitCode = EXIT.failed;
    return;
  }
  const exitCode = await runSubcommand(argv, config);
  if (exitCode !== undefined) {
    // Why set exitCode and not exit(): stdout may still be flushing to a pipe.
    process.exitCode = exitCode;
    return;
  }

  let values: { demo?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { demo: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${HELP}`);
    process.exitCode = EXIT.refused;
    return;
  }
  if (values.help) {
    console.log(HELP);
    return;
  }

  const { port } = config;
  // Why JSON lines from here on: a service manager or log shipper reads stdout.
  const logger = createLogger({ level: config.logLevel });
  const db = await openDb(config.db);
  logger.info(
    config.db.engine === 'postgres'
      ? 'Database: PostgreSQL (DATABASE_URL)'
      : `Database: SQLite at ${config.db.file}`,
  );

  const password = config.demoPassword;
  // DEMO_HISTORY=off: the demo school with nothing recorded yet (the
  // end-to-end tests work their figures out from that).
  const withHistory = config.demoHistory;
  if (values.demo && (await seedDemoSchool(db, { password, withHistory }))) {
    logger.info('Seeded the demo school, Oakfield Primary School.');
  }

  // The bundle is dist/server/main.js; the built PWA sits in dist/client.
  const staticDir = config.staticDir ?? fileURLToPath(new URL('../client/', import.meta.url));
  const hasClient = existsSync(staticDir);
  if (!hasClient) {
    logger.warn(
      `The client is not built (no ${staticDir}): serving the API only. Run "npm run build".`,
    );
  }

  // Crash tests only: hold every push open just before it commits, and say
  // so on stdout, so a test can kill the process at exactly that moment.
  const faults = config.faults.stallPushBeforeCommit
    ? {
        beforePushCommit: () => {
          logger.warn('FAULT: push applied, holding the transaction open before commit');
          return new Promise<void>(() => undefined);
        },
      }
    : undefined;
  if (faults) logger.warn('Fault injection is ON (FAULT_STALL_PUSH_BEFORE_COMMIT): tests only.');

  const app = createApp({
    db,
    logger,
    ...(hasClient ? { staticDir } : {}),
    ...(faults ? { faults } : {}),
  });
  const server = serve({ fetch: app.fetch, port }, (info) => {
    logger.info(`Waymark is running at http://localhost:${info.port}`);
    if (values.demo) {
      // The password itself is never logged: it is DEMO_PASSWORD, or the README's default.
      for (const account of DEMO_SIGN_INS) {
        logger.info(`Demo sign-in: ${account.email} ${account.name} (${account.role})`);
      }
    }
  });

  const dbConfig = config.db;
  const stopBackups =
    config.backup.daily && dbConfig.engine === 'sqlite'
      ? startDailyBackups({
          file: dbConfig.file,
          dataDir: config.dataDir,
          keep: config.backup.keep,
          now: Date.now,
          logger,
        })
      : undefined;

  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info(`${signal}: stopping...`);
    stopBackups?.();
    // Stop taking requests, let the ones in flight finish, then close the database.
    server.close(() => {
      db.destroy().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error('Waymark could not start:', error instanceof Error ? error.message : error);
  process.exit(EXIT.failed);
});
