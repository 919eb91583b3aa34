/**
 * `create-school`: a new school, its calendar and its first SENCo, from the
 * command line (the core is server/store/new-school.ts). Prints the SENCo's
 * activation code: with `--json` as one line
 * `{"schoolId","sencoId","activationCode"}` for tools, otherwise for a
 * person, with what to do next.
 */
import { createSchool, NewSchoolError } from '../store/new-school';
import type { CreatedSchool, NewSchoolRequest } from '../store/new-school';
import { EXIT, parseCommandArgs, required, UsageError } from './args';
import type { CliOutput } from './args';
import type { OpenedDb } from './open';

export const CREATE_SCHOOL_USAGE = `Usage: node dist/server/main.js create-school --name <name> --senco-email <email> --senco-name <name> [--urn <URN>] [--json]

  --name         the school's name, e.g. "Riverside Primary School"
  --senco-email  the first SENCo's email address (their sign-in)
  --senco-name   the first SENCo's name
  --urn          the school's six-digit URN (optional)
  --json         print one JSON line {"schoolId","sencoId","activationCode"}

Uses the server's database: DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL).`;

const OPTIONS = {
  name: { type: 'string' },
  'senco-email': { type: 'string' },
  'senco-name': { type: 'string' },
  urn: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const longDate = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

const forAPerson = (
  made: CreatedSchool,
  request: { name: string; sencoEmail: string; sencoName: string },
  where: string,
  address: string,
): string[] => [
  `Created ${request.name} in ${where}.`,
  '',
  `  School id:        ${made.schoolId}`,
  `  SENCo:            ${request.sencoName} <${request.sencoEmail.trim().toLowerCase()}> (id ${made.sencoId})`,
  `  Activation code:  ${made.activationCode}`,
  '',
  `The code works once, until ${longDate(made.activationExpiresAt)}. Give it to the SENCo`,
  'in person; it is not shown again (a new one can be issued).',
  '',
  'Next:',
  '  1. Start the server on this database, if it is not running: npm run serve',
  `  2. The SENCo opens ${address}, chooses "I have an activation code",`,
  '     and enters the code with a password of their own (at least 10 characters).',
  "  3. Bring in the children: on the SENCo's Import screen, or",
  `     node dist/server/main.js import-roster --school ${made.schoolId} --file <export.csv>`,
];

export const runCreateSchool = async (
  argv: readonly string[],
  io: CliOutput,
  deps: { open: () => Promise<OpenedDb>; nowMs: () => number; address: string },
): Promise<number> => {
  let request: NewSchoolRequest;
  let isJson: boolean;
  try {
    const { values, isHelp } = parseCommandArgs(argv, OPTIONS);
    if (isHelp) {
      io.out(CREATE_SCHOOL_USAGE);
      return EXIT.ok;
    }
    isJson = values.json;
    request = {
      name: required(values.name, '--name', "the school's name"),
      sencoEmail: required(values['senco-email'], '--senco-email', "the SENCo's email address"),
      sencoName: required(values['senco-name'], '--senco-name', "the SENCo's name"),
      ...(values.urn !== undefined ? { urn: values.urn } : {}),
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${CREATE_SCHOOL_USAGE}`);
    return EXIT.refused;
  }

  const { db, description } = await deps.open();
  try {
    // One transaction: a school is made whole (row, calendar, SENCo, code) or not at all.
    const made = await db.transaction().execute((trx) => createSchool(trx, request, deps.nowMs()));
    if (isJson) {
      io.out(
        JSON.stringify({
          schoolId: made.schoolId,
          sencoId: made.sencoId,
          activationCode: made.activationCode,
        }),
      );
    } else {
      io.out(forAPerson(made, request, description, deps.address).join('\n'));
    }
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof NewSchoolError)) throw error;
    io.err(`No school was created: ${error.message}`);
    return EXIT.refused;
  } finally {
    await db.destroy();
  }
};
