/**
 * `import-roster` on the server (server/store/roster-file.ts): a new
 * school's MIS export goes in through the same checks as the SENCo's
 * screen, on every engine; a file with any error writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childSchema, classSchema } from '../../src/domain';
import type { Db } from '../../server/db/connection';
import { createSchool } from '../../server/store/new-school';
import { importRosterFile } from '../../server/store/roster-file';
import { listRecords } from '../../server/store/sync-store';
import { testEngines } from './support';

const NOW = Date.parse('2026-12-02T09:00:00.000Z');

/** Text as SIMS writes it on Windows: Windows-1252, CRLF line ends. */
const windows1252 = (text: string): Uint8Array => {
  const bytes: number[] = [];
  for (const char of text.replaceAll('\n', '\r\n')) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0xa0 && code <= 0xff) bytes.push(code);
    else throw new Error(`not in this test's Windows-1252 subset: ${char}`);
  }
  return new Uint8Array(bytes);
};

// A SIMS "student list" report: admission number, UPN, legal names, reg group.
const SIMS_LIST = `Adno,UPN,Legal Surname,Legal Forename,Gender,DOB,Year,Reg Group,SEN Provision,FSM Eligible
001234,A123456789012,Brontë,Zoë,F,14/03/2018,Year 3,3H,K,Yes
001235,B123456789013,O'Neill,Seán,M,02/09/2017,Year 3,3H,N,No
001236,C123456789014,Nowak,Zofia,F,21/11/2017,Year 3,3W,E,No
`;

describe.each(testEngines())('import-roster on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let schoolId: string;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    ({ schoolId } = await db.transaction().execute((trx) =>
      createSchool(
        trx,
        {
          name: 'Riverside Primary School',
          sencoEmail: 'senco@riverside.sch.uk',
          sencoName: 'Priya Shah',
        },
        NOW,
      ),
    ));
  });
  afterAll(async () => {
    await close?.();
  });

  const run = (bytes: Uint8Array, isDryRun = false) =>
    db
      .transaction()
      .execute((trx) => importRosterFile(trx, { schoolId, bytes, isDryRun, nowMs: NOW }));
  const children = async () =>
    (await listRecords(db, schoolId, 'child')).map((r) => childSchema.parse(r.data));

  it('plans a dry run without writing anything', async () => {
    const result = await run(windows1252(SIMS_LIST), true);
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0, leavers: 0, errors: [] });
    expect(result.isWritten).toBe(false);
    expect(result.warnings).toContain('Read as Windows-1252.');
    expect(await children()).toEqual([]);
  });

  it('imports a SIMS list saved as Windows-1252, with every accent as it was', async () => {
    const result = await run(windows1252(SIMS_LIST));
    expect(result).toMatchObject({ created: 3, leavers: 0, errors: [], isWritten: true });
    const held = await children();
    expect(held.map((c) => `${c.firstName} ${c.lastName}`).sort()).toEqual([
      "Seán O'Neill",
      'Zofia Nowak',
      'Zoë Brontë',
    ]);
    const zoe = held.find((c) => c.firstName === 'Zoë')!;
    expect(zoe).toMatchObject({
      misId: '001234',
      upn: 'A123456789012',
      yearGroup: 3,
      senStatus: 'sen_support',
      groups: ['fsm'],
    });
    const classes = (await listRecords(db, schoolId, 'class')).map(
      (r) => classSchema.parse(r.data).name,
    );
    expect(classes.sort()).toEqual(['3H', '3W']);
  });

  it('changes nothing on the same file again, and offers a child missing from the next file as a leaver', async () => {
    const again = await run(windows1252(SIMS_LIST));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, leavers: 0 });
    const withoutZofia = SIMS_LIST.split('\n')
      .filter((line) => !line.includes('Zofia'))
      .join('\n');
    const next = await run(windows1252(withoutZofia));
    expect(next).toMatchObject({ created: 0, unchanged: 2, leavers: 1, errors: [] });
    expect(next.warnings.join(' ')).toMatch(/Zofia Nowak/);
    // Kept, not removed.
    expect((await children()).map((c) => c.firstName)).toContain('Zofia');
  });

  it('refuses a file with any error whole, saying row and column, and writes nothing', async () => {
    const before = (await listRecords(db, schoolId, 'child')).length;
    const bad = `${SIMS_LIST}001237,D123456789015,Khan,Amir,M,31/02/2018,Year 3,3H,N,No\n001238,E123456789016,Lee,Ava,F,01/01/2018,Year 99,3H,N,No\n`;
    const result = await run(new TextEncoder().encode(bad));
    expect(result.isWritten).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^Row 5, DOB: “31\/02\/2018” is not a date/),
      expect.stringMatching(/^Row 6, Year: “Year 99” is not a year group/),
    ]);
    expect((await listRecords(db, schoolId, 'child')).length).toBe(before);
  });

  it('says plainly when the school does not exist or the file is empty', async () => {
    const result = await db.transaction().execute((trx) =>
      importRosterFile(trx, {
        schoolId: '00000000-0000-4000-8000-000000000000',
        bytes: windows1252(SIMS_LIST),
        isDryRun: false,
        nowMs: NOW,
      }),
    );
    expect(result.errors).toEqual([expect.stringMatching(/no school with the id/)]);
    expect((await run(new Uint8Array())).errors).toEqual(['The file is empty.']);
  });
});
