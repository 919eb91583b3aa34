/**
 * The server's subcommands as an operator runs them: the BUILT entry point
 * (node dist/server/main.js create-school / import-roster) spawned on a
 * database of its own on every engine (a temporary DATA_DIR for SQLite, a
 * fresh schema named in DATABASE_URL for PostgreSQL), with a real server
 * process started on the same database. Asserts the JSON lines, the exit
 * codes, that a refusal or a dry run writes nothing, and that the printed
 * activation code signs the SENCo in.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/connection';
import type { Db } from '../../server/db/connection';
import {
  buildServer,
  freePort,
  ROOT,
  runBuilt,
  startBuiltServer,
  stopBuiltServer,
  type Ran,
  type RunningServer,
} from '../helpers/built-server';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'sims-student-list-windows-1252.csv');
const PASSWORD = 'correct horse battery';
const CODE_PATTERN = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/;

/** Where one engine's database lives, as a child process's environment and as a handle here. */
type Location = {
  name: string;
  env: Record<string, string>;
  open: () => Promise<Db>;
  drop: () => Promise<void>;
};

const sqliteLocation = async (): Promise<Location> => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-cli-'));
  return {
    name: 'SQLite',
    // An empty DATABASE_URL: the outer environment must not send this run to PostgreSQL.
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    open: () => openDb({ engine: 'sqlite', file: join(dir, 'waymark.sqlite') }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const postgresLocation = async (url: string): Promise<Location> => {
  // No try/catch: if the database cannot be reached the suite must fail, not skip.
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schema = `t_cli_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const options = `-c search_path=${schema}`;
  const withSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(options)}`;
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: withSchema },
    open: () => openDb({ engine: 'postgres', connectionString: url, options }),
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
};

const engines = (): { name: string; make: () => Promise<Location> }[] => {
  const url = process.env.TEST_DATABASE_URL;
  const sqlite = { name: 'SQLite', make: sqliteLocation };
  return url ? [sqlite, { name: 'PostgreSQL', make: () => postgresLocation(url) }] : [sqlite];
};

/** The one JSON line a `--json` run prints, checked to be exactly one line. */
const jsonLine = (ran: Ran): Record<string, unknown> => {
  const lines = ran.stdout.split('\n').filter((line) => line !== '');
  expect(lines, ran.stdout + ran.stderr).toHaveLength(1);
  expect(ran.stdout.endsWith('\n')).toBe(true);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
};

beforeAll(() => {
  // A stale dist/ would test yesterday's commands.
  buildServer();
});

describe.each(engines())('the command line on $name', (engine) => {
  let where: Location;
  let db: Db;
  let server: RunningServer | undefined;
  let port: number;
  let scratch: string;
  let firstSchool: { schoolId: string; sencoId: string; activationCode: string };

  beforeAll(async () => {
    where = await engine.make();
    db = await where.open();
    port = await freePort();
    scratch = mkdtempSync(join(tmpdir(), 'waymark-cli-files-'));
  });
  afterAll(async () => {
    if (server) await stopBuiltServer(server.child);
    await db?.destroy();
    await where?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runBuilt(where.env, args);
  const api = (path: string, init: RequestInit = {}, token?: string) =>
    fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  const activate = (code: string) =>
    api('/auth/activate', { method: 'POST', body: JSON.stringify({ code, password: PASSWORD }) });
  /** Every row the commands could write, counted, so "nothing written" can be checked. */
  const footprint = async () => {
    const count = async (table: 'schools' | 'staff' | 'records' | 'changes' | 'activation_codes') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      schools: await count('schools'),
      staff: await count('staff'),
      records: await count('records'),
      changes: await count('changes'),
      codes: await count('activation_codes'),
    };
  };
  const pulledChildren = async (token: string) => {
    const res = await api('/sync/pull?after=0&limit=1000', {}, token);
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      changes: { entity: string; data: { firstName: string; lastName: string } }[];
    };
    return page.changes
      .filter((change) => change.entity === 'child')
      .map((change) => `${change.data.firstName} ${change.data.lastName}`)
      .sort();
  };

  it('create-school --json prints one line, and its code activates the SENCo at a server started on that database', async () => {
    const ran = await cli(
      'create-school',
      '--name',
      'Riverside Primary School',
      '--senco-email',
      'Priya.Shah@Riverside.sch.uk',
      '--senco-name',
      'Priya Shah',
      '--urn',
      '123456',
      '--json',
    );
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toBe('');
    const line = jsonLine(ran);
    expect(Object.keys(line).sort()).toEqual(['activationCode', 'schoolId', 'sencoId']);
    expect(line.activationCode).toMatch(CODE_PATTERN);
    firstSchool = line as typeof firstSchool;
    expect(await footprint()).toMatchObject({ schools: 1, staff: 1, codes: 1 });

    // The server was not running while the school was made; it starts on the same data.
    server = await startBuiltServer(port, [], {
      ...where.env,
      STATIC_DIR: join(scratch, 'no-client'),
    });
    const activated = await activate(firstSchool.activationCode);
    expect(activated.status).toBe(200);
    const session = (await activated.json()) as {
      token: string;
      staff: { id: string; role: string; schoolId: string; name: string };
    };
    expect(session.token).toEqual(expect.any(String));
    expect(session.staff).toEqual({
      id: firstSchool.sencoId,
      name: 'Priya Shah',
      role: 'senco',
      schoolId: firstSchool.schoolId,
    });
    const signIn = await api('/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ email: 'priya.shah@riverside.sch.uk', password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    // A code works once.
    const again = await activate(firstSchool.activationCode);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      'activation_invalid',
    );
  });

  it('works beside the running server: a school made now activates there, and imported children reach the SENCo', async () => {
    expect(server, 'the first test starts the server').toBeDefined();
    const made = await cli(
      'create-school',
      '--name',
      'Hillside Academy',
      '--senco-email',
      'senco@hillside.sch.uk',
      '--senco-name',
      'Sam Okafor',
    );
    expect(made.code, made.stderr).toBe(0);
    // For a person: the id, the code, and what to do next.
    const schoolId = /School id:\s+(\S+)/.exec(made.stdout)?.[1];
    const code = /Activation code:\s+(\S+)/.exec(made.stdout)?.[1];
    expect(schoolId).toMatch(/^[0-9a-f-]{36}$/);
    expect(code).toMatch(CODE_PATTERN);
    expect(made.stdout).toContain('I have an activation code');
    expect(made.stdout).toContain('npm run serve');
    expect(made.stdout).toContain(`import-roster --school ${schoolId}`);
    const activated = await activate(code!);
    expect(activated.status).toBe(200);
    const { token } = (await activated.json()) as { token: string };

    // A dry run says what it would do and writes nothing.
    const before = await footprint();
    const dry = await cli(
      'import-roster',
      '--school',
      schoolId!,
      '--file',
      FIXTURE,
      '--dry-run',
      '--json',
    );
    expect(dry.code, dry.stderr).toBe(0);
    const planned = jsonLine(dry);
    expect(Object.keys(planned).sort()).toEqual([
      'created',
      'errors',
      'leavers',
      'unchanged',
      'updated',
      'warnings',
    ]);
    expect(planned).toMatchObject({ created: 4, updated: 0, unchanged: 0, leavers: 0, errors: [] });
    expect(planned.warnings).toContain('Read as Windows-1252.');
    expect(await footprint()).toEqual(before);
    expect(await pulledChildren(token)).toEqual([]);

    const imported = await cli('import-roster', '--school', schoolId!, '--file', FIXTURE, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(jsonLine(imported)).toMatchObject({
      created: 4,
      updated: 0,
      unchanged: 0,
      leavers: 0,
      errors: [],
    });
    // Written through the sync path: the running server hands the SENCo's
    // device every child, the Windows-1252 accents as they were.
    expect(await pulledChildren(token)).toEqual([
      'Amélie Müller',
      "Seán O'Neill",
      'Zofia Nowak',
      'Zoë Brontë',
    ]);

    const same = await cli('import-roster', '--school', schoolId!, '--file', FIXTURE, '--json');
    expect(same.code).toBe(0);
    expect(jsonLine(same)).toMatchObject({ created: 0, updated: 0, unchanged: 4, leavers: 0 });

    // A child missing from the next file is counted as a leaver, named, and kept.
    const withoutZofia = join(scratch, 'without-zofia.csv');
    const lines = readFileSync(FIXTURE, 'latin1').split('\r\n');
    writeFileSync(
      withoutZofia,
      Buffer.from(lines.filter((l) => !l.includes('Zofia')).join('\r\n'), 'latin1'),
    );
    const next = await cli(
      'import-roster',
      '--school',
      schoolId!,
      '--file',
      withoutZofia,
      '--json',
    );
    expect(next.code, next.stderr).toBe(0);
    const leavers = jsonLine(next);
    expect(leavers).toMatchObject({ created: 0, unchanged: 3, leavers: 1, errors: [] });
    expect((leavers.warnings as string[]).join(' ')).toMatch(/Zofia Nowak/);
    expect(await pulledChildren(token)).toContain('Zofia Nowak');

    // Without --json, a person reads the same.
    const human = await cli('import-roster', '--school', schoolId!, '--file', FIXTURE, '--dry-run');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Dry run, nothing written.*0 new, 0 updated, 4 unchanged/);
  });

  it('refuses a file with errors with exit 2 and nothing written, and says which rows', async () => {
    const bad = join(scratch, 'bad-rows.csv');
    const lines = readFileSync(FIXTURE, 'latin1').split('\r\n');
    lines[2] = lines[2]!.replace('02/09/2017', '31/02/2017');
    lines[3] = lines[3]!.replace('Year 3', 'Year 9999');
    writeFileSync(bad, Buffer.from(lines.join('\r\n'), 'latin1'));
    const before = await footprint();

    const ran = await cli(
      'import-roster',
      '--school',
      firstSchool.schoolId,
      '--file',
      bad,
      '--json',
    );
    expect(ran.code).toBe(2);
    const line = jsonLine(ran);
    expect(line).toMatchObject({ created: 0, updated: 0, unchanged: 0, leavers: 0 });
    // A value the importer does not know is named once, for the SENCo to map;
    // a row with a bad value is named by its row.
    expect(line.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Row 3, DOB: .*31\/02\/2017.* is not a date/),
        expect.stringMatching(/^Year: .*Year 9999.* is not a value the importer knows/),
      ]),
    );
    expect(line.errors).toHaveLength(2);
    const human = await cli('import-roster', '--school', firstSchool.schoolId, '--file', bad);
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/Nothing was imported/);
    expect(human.stderr).toMatch(/Row 3, DOB/);
    // Nor does a dry run of it pass.
    const dry = await cli(
      'import-roster',
      '--school',
      firstSchool.schoolId,
      '--file',
      bad,
      '--dry-run',
      '--json',
    );
    expect(dry.code).toBe(2);

    // A school that is not on this server: refused the same way.
    const nowhere = await cli(
      'import-roster',
      '--school',
      randomUUID(),
      '--file',
      FIXTURE,
      '--json',
    );
    expect(nowhere.code).toBe(2);
    expect(jsonLine(nowhere).errors).toEqual([expect.stringMatching(/There is no school/)]);
    expect(await footprint()).toEqual(before);
  });

  it('refuses with exit 2, a JSON line and nothing written: a missing file, a taken SENCo email', async () => {
    const before = await footprint();
    const missing = await cli(
      'import-roster',
      '--school',
      firstSchool.schoolId,
      '--file',
      join(scratch, 'no-such-export.csv'),
      '--json',
    );
    expect(missing.code).toBe(2);
    expect(jsonLine(missing)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      leavers: 0,
      warnings: [],
      errors: [expect.stringMatching(/there is no such file/)],
    });
    const twice = await cli(
      'create-school',
      '--name',
      'Second School',
      '--senco-email',
      'PRIYA.SHAH@riverside.sch.uk',
      '--senco-name',
      'Another SENCo',
      '--json',
    );
    expect(twice.code).toBe(2);
    expect(twice.stdout).toBe('');
    expect(twice.stderr).toMatch(/No school was created: .*already has an account/);
    expect(await footprint()).toEqual(before);
  });

  it.each([
    ['create-school with nothing', ['create-school'], /--name is missing/],
    [
      'create-school without the SENCo',
      ['create-school', '--name', 'A School', '--json'],
      /--senco-email is missing/,
    ],
    [
      'create-school with an option left without its value',
      ['create-school', '--name', '--senco-email', 'a@b.sch.uk', '--senco-name', 'A'],
      /'--name' argument is ambiguous/,
    ],
    [
      'create-school with an unknown option',
      [
        'create-school',
        '--name',
        'A',
        '--senco-email',
        'a@b.sch.uk',
        '--senco-name',
        'A',
        '--colour',
        'red',
      ],
      /Unknown option '--colour'/,
    ],
    [
      'create-school with a stray word',
      [
        'create-school',
        'Riverside',
        '--name',
        'A',
        '--senco-email',
        'a@b.sch.uk',
        '--senco-name',
        'A',
      ],
      /Unexpected argument 'Riverside'/,
    ],
    [
      'create-school with a blank name',
      ['create-school', '--name', '   ', '--senco-email', 'a@b.sch.uk', '--senco-name', 'A'],
      /--name is missing/,
    ],
    [
      'create-school with a name of 201 characters',
      [
        'create-school',
        '--name',
        'x'.repeat(201),
        '--senco-email',
        'a@b.sch.uk',
        '--senco-name',
        'A',
        '--json',
      ],
      /No school was created: The school needs a name/,
    ],
    [
      'create-school with no email address',
      ['create-school', '--name', 'A', '--senco-email', 'not-an-email', '--senco-name', 'A'],
      /"not-an-email" is not an email address/,
    ],
    [
      'create-school with a URN that is not six digits',
      [
        'create-school',
        '--name',
        'A',
        '--senco-email',
        'a@b.sch.uk',
        '--senco-name',
        'A',
        '--urn',
        '12AB',
      ],
      /The URN is six digits/,
    ],
    [
      "create-school with another school's SENCo's email, upper-cased",
      [
        'create-school',
        '--name',
        'A',
        '--senco-email',
        'PRIYA.SHAH@RIVERSIDE.SCH.UK',
        '--senco-name',
        'A',
        '--json',
      ],
      /already has an account on this server/,
    ],
    [
      'import-roster without a school',
      ['import-roster', '--file', FIXTURE, '--json'],
      /--school is missing/,
    ],
    [
      'import-roster with a school that is not an id',
      ['import-roster', '--school', "x' OR 1=1 --", '--file', FIXTURE],
      /--school must be a school id/,
    ],
    [
      'import-roster without a file',
      ['import-roster', '--school', randomUUID()],
      /--file is missing/,
    ],
    [
      'import-roster with a file that is not there',
      ['import-roster', '--school', randomUUID(), '--file', '/nonexistent/pupils.csv'],
      /Nothing was imported\. Cannot read \/nonexistent\/pupils\.csv: there is no such file/,
    ],
    [
      'import-roster with a folder for a file',
      ['import-roster', '--school', randomUUID(), '--file', ROOT],
      /is not a file/,
    ],
    ['a mistyped command', ['creat-school', '--name', 'A'], /Unexpected argument 'creat-school'/],
  ])('answers %s on stderr with exit 2, writing nothing', async (_, args, message) => {
    expect(firstSchool, 'the first test makes a school').toBeDefined();
    const before = await footprint();
    const ran = await cli(...args);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(message);
    expect(ran.stdout).toBe('');
    expect(await footprint()).toEqual(before);
  });
});
