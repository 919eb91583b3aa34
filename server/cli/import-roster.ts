/**
 * `import-roster`: an MIS export (children, or a staff list) into a school,
 * from the command line, through the same import as the SENCo's screen
 * (server/store/roster-file.ts). With `--json` it prints one line
 * `{"created","updated","unchanged","leavers","warnings":[...],"errors":[...]}`.
 * Exit 0 when it imported (or, with `--dry-run`, would import), 2 when it
 * refused, with nothing written.
 */
import { readFile, stat } from 'node:fs/promises';
import { importRosterFile } from '../store/roster-file';
import type { RosterImportResult } from '../store/roster-file';
import { EXIT, parseCommandArgs, required, UsageError } from './args';
import type { CliOutput } from './args';
import type { OpenedDb } from './open';

export const IMPORT_ROSTER_USAGE = `Usage: node dist/server/main.js import-roster --school <schoolId> --file <path> [--dry-run] [--json]

  --school   the school's id, as create-school printed it
  --file     the MIS export: a CSV of children, a staff list (email and role columns),
             or a Common Transfer File (.xml) of children joining from another school
  --dry-run  check the file and say what would change, writing nothing
  --json     print one JSON line {"created","updated","unchanged","leavers","warnings","errors"}

Exits 0 when it imported, 2 when it refused (nothing is written then).
Uses the server's database: DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL).`;

const OPTIONS = {
  school: { type: 'string' },
  file: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/**
 * The largest file read. Why a bound: the whole file is held in memory and
 * parsed at once, and a secondary school's 2,000 children are about 1 MB;
 * a path to something huge by mistake should be refused, not exhaust memory.
 */
export const MAX_ROSTER_FILE_BYTES = 50 * 1024 * 1024;

/** School ids are UUIDs; anything else cannot name a school, so it is refused before the database. */
const SCHOOL_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The `--json` line of a refusal before anything was read: nothing counted, one error. */
const refusedLine = (message: string) => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  leavers: 0,
  warnings: [],
  errors: [message],
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const forAPerson = (result: RosterImportResult, isDryRun: boolean): string[] => {
  const what = result.kind === 'staff' ? 'staff' : 'children';
  const counts = `${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged`;
  const lines = [
    isDryRun
      ? `Dry run, nothing written. Importing this file would give ${what}: ${counts}.`
      : result.isWritten
        ? `Imported ${what}: ${counts}.`
        : `Nothing to change: ${counts}.`,
  ];
  if (result.leavers > 0) {
    lines.push(
      `${plural(result.leavers, 'child is', 'children are')} not in the file (see below).`,
    );
  }
  for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
  return lines;
};

export const runImportRoster = async (
  argv: readonly string[],
  io: CliOutput,
  deps: { open: () => Promise<OpenedDb>; nowMs: () => number },
): Promise<number> => {
  let schoolId: string;
  let path: string;
  let isDryRun: boolean;
  let isJson: boolean;
  try {
    const { values, isHelp } = parseCommandArgs(argv, OPTIONS);
    if (isHelp) {
      io.out(IMPORT_ROSTER_USAGE);
      return EXIT.ok;
    }
    isDryRun = values['dry-run'];
    isJson = values.json;
    // Case does not matter in a UUID; stored ids are lower case.
    schoolId = required(values.school, '--school', 'the school id that create-school printed')
      .trim()
      .toLowerCase();
    if (!SCHOOL_ID_PATTERN.test(schoolId)) {
      throw new UsageError(
        '--school must be a school id, like 0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b (create-school printed it).',
      );
    }
    path = required(values.file, '--file', 'the path of the exported CSV file');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${IMPORT_ROSTER_USAGE}`);
    return EXIT.refused;
  }

  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${path} is not a file.`);
    if (info.size > MAX_ROSTER_FILE_BYTES) {
      throw new UsageError(
        `${path} is ${Math.round(info.size / 1024 / 1024)} MB; a roster export is at most 50 MB. Check that this is the right file.`,
      );
    }
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const message =
      error instanceof UsageError
        ? error.message
        : `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`;
    // Why the JSON line here too: a tool reading stdout must get the one
    // line it was promised, refusal or not, with the reason in `errors`.
    if (isJson) io.out(JSON.stringify(refusedLine(message)));
    io.err(`Nothing was imported. ${message}`);
    return EXIT.refused;
  }

  const { db } = await deps.open();
  let result: RosterImportResult;
  try {
    // One transaction: the file is written whole or not at all.
    result = await db
      .transaction()
      .execute((trx) => importRosterFile(trx, { schoolId, bytes, isDryRun, nowMs: deps.nowMs() }));
  } finally {
    await db.destroy();
  }

  const isRefused = result.errors.length > 0;
  if (isJson) {
    io.out(
      JSON.stringify({
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        leavers: result.leavers,
        warnings: result.warnings,
        errors: result.errors,
      }),
    );
  } else if (isRefused) {
    io.err(
      [
        'Nothing was imported: the file needs these fixed first.',
        ...result.errors.map((error) => `  ${error}`),
        ...result.warnings.map((warning) => `Warning: ${warning}`),
      ].join('\n'),
    );
  } else {
    io.out(forAPerson(result, isDryRun).join('\n'));
  }
  return isRefused ? EXIT.refused : EXIT.ok;
};
