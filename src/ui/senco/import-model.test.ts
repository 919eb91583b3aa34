import { describe, expect, it, vi } from 'vitest';
import { emptySchoolRecords, type SchoolRecords } from '../../domain/reports';
import type { StoredRecord } from '../../domain/records';
import { createImportModel, type ImportDeps } from './import-model';
import CTF from '../../../tests/fixtures/ctf/joiners-from-another-school.xml?raw';

const HEADER = 'UPN,Adno,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group';
const AMELIA = 'A123456789012,1001,Brien,Amelia,23/11/2016,F,Year 3,3H';
const YUSUF = 'B123456789013,1002,Khan,Yusuf,01/02/2017,M,3,3H';
const BAD_DATE = 'C123456789014,1003,Davies,Rhys,31/02/2016,M,Y4,4R';

const file = (name: string, ...lines: string[]) => ({
  name,
  arrayBuffer: async () => new TextEncoder().encode(lines.join('\r\n')).buffer as ArrayBuffer,
});

const setup = (
  records: SchoolRecords = emptySchoolRecords(),
  overrides: Partial<ImportDeps> = {},
) => {
  const save = vi.fn<ImportDeps['save']>(async () => undefined);
  const sync = vi.fn<ImportDeps['sync']>(async () => ({ ok: true as const }));
  const createAccounts = vi.fn<ImportDeps['createAccounts']>(async () => ({ results: [] }));
  const model = createImportModel({
    save,
    sync,
    createAccounts,
    today: () => '2026-11-23',
    afterPaint: async () => undefined,
    ...overrides,
  });
  model.records.value = records;
  return { model, save, sync, createAccounts };
};

describe('the roster import model', () => {
  it('reads a chosen file, suggests its columns and shows its rows for the preview', async () => {
    const { model } = setup();
    await model.chooseFile(file('sims.csv', HEADER, AMELIA, YUSUF));
    expect(model.fileError.value).toBeUndefined();
    expect(model.system.value).toBe('SIMS');
    expect(model.mapping.value).toMatchObject({ upn: 'UPN', lastName: 'Legal Surname' });
    expect(model.csv.value?.rows.map((r) => r.values['Legal Forename'])).toEqual([
      'Amelia',
      'Yusuf',
    ]);
    expect(model.busy.value).toBeUndefined();
    expect(model.checked.value).toBeUndefined();
  });

  it('says why a file cannot be used: a header with no rows', async () => {
    const { model } = setup();
    await model.chooseFile(file('empty.csv', HEADER));
    expect(model.fileError.value).toBe('The file has a header row but no children or staff in it.');
    expect(model.csv.value).toBeUndefined();
  });

  it('plans a clean file and, on confirm, saves it with the remembered columns, then syncs', async () => {
    const school = { id: 'school-1', name: 'Demo' } as unknown as StoredRecord<'school'>;
    const { model, save, sync } = setup({ ...emptySchoolRecords(), school });
    await model.chooseFile(file('sims.csv', HEADER, AMELIA, YUSUF));
    await model.check();
    const plan = model.checked.value?.plan;
    expect(model.checked.value?.errors).toEqual([]);
    expect(plan?.summary).toMatchObject({ created: 2, classesCreated: 1 });

    await model.confirm();
    expect(save).toHaveBeenCalledTimes(1);
    const saved = save.mock.calls[0]![0];
    expect(saved.filter((c) => c.entity === 'child')).toHaveLength(2);
    expect(saved.at(-1)).toMatchObject({
      entity: 'school',
      id: 'school-1',
      fields: { reportSettings: { rosterColumns: { children: { upn: 'UPN' } } } },
    });
    expect(model.done.value).toBe(
      'Imported: 2 new children, 0 updated, 0 unchanged, 1 new classes.',
    );
    expect(model.checked.value).toBeUndefined();
    expect(sync).toHaveBeenCalled();
  });

  it('imports nothing from a file with a problem until the SENCo ticks to leave those rows out', async () => {
    const { model } = setup();
    await model.chooseFile(file('sims.csv', HEADER, AMELIA, BAD_DATE));
    await model.check();
    const checked = model.checked.value!;
    expect(checked.errors.map((e) => e.row)).toEqual([3]);
    expect(checked.plan).toBeUndefined();
    expect(checked.goodRows).toBe(1);

    model.leaveOutProblems(true);
    await vi.waitFor(() => expect(model.checked.value?.plan?.summary.created).toBe(1));
    expect(model.checked.value?.errors).toHaveLength(1);
  });

  it('a changed column choice makes the last check stale', async () => {
    const { model } = setup();
    await model.chooseFile(file('sims.csv', HEADER, AMELIA));
    await model.check();
    expect(model.checked.value).toBeDefined();
    model.mapColumn('gender', '');
    expect(model.mapping.value.gender).toBeUndefined();
    expect(model.checked.value).toBeUndefined();
  });

  it('says nothing was imported when the device cannot save, and does not sync', async () => {
    const { model, sync } = setup(emptySchoolRecords(), {
      save: async () => {
        throw new Error('quota');
      },
    });
    await model.chooseFile(file('sims.csv', HEADER, AMELIA));
    await model.check();
    await model.confirm();
    expect(model.saveError.value).toBe(
      'Nothing was imported: the device could not save it. Try again.',
    );
    expect(model.done.value).toBeUndefined();
    expect(model.checked.value?.plan).toBeDefined();
    expect(sync).not.toHaveBeenCalled();
  });

  it('imports joiners from a Common Transfer File through the same check and confirm', async () => {
    const held = {
      id: 'child-9',
      firstName: 'Nia',
      lastName: 'Jones',
      upn: 'Z999999999999',
    } as unknown as StoredRecord<'child'>;
    const school = { id: 'school-1', name: 'Demo' } as unknown as StoredRecord<'school'>;
    const { model, save } = setup({ ...emptySchoolRecords(), school, children: [held] });
    model.chooseKind('staff');
    await model.chooseFile({
      name: 'CTF_999_2001_to_999_2002.XML',
      arrayBuffer: async () => new TextEncoder().encode(CTF).buffer as ArrayBuffer,
    });
    expect(model.fileError.value).toBeUndefined();
    expect(model.kind.value).toBe('children');
    expect(model.ctfFrom.value).toBe('Brookside Primary School (URN 100999)');
    expect(model.csv.value?.rows).toHaveLength(3);
    await model.check();
    const checked = model.checked.value!;
    expect(checked.errors).toEqual([]);
    // The wrong check letter is said, not refused; the child held is not a leaver.
    expect(checked.warnings.map((w) => w.message).join(' ')).toMatch(
      /UPN A820200101003 has the wrong check letter/,
    );
    expect(checked.missing).toEqual([]);
    expect(checked.plan?.summary).toMatchObject({ created: 3, updated: 0 });
    // Nothing is written until the SENCo confirms.
    expect(save).not.toHaveBeenCalled();

    await model.confirm();
    expect(save).toHaveBeenCalledTimes(1);
    const saved = save.mock.calls[0]![0];
    const children = saved.filter((c) => c.entity === 'child').map((c) => c.fields);
    expect(children.find((c) => c.upn === 'U820200101001')).toMatchObject({
      firstName: 'Zoë',
      preferredFirstName: 'Zozo',
      yearGroup: 4,
      senStatus: 'sen_support',
      senNeedTypes: ['SPLD', 'SLCN'],
      areasOfNeed: ['cognition_learning', 'communication_interaction'],
      groups: ['fsm', 'fsm_ever6', 'eal'],
    });
    expect(children.find((c) => c.upn === 'H820200101002')).toMatchObject({
      senStatus: 'ehcp',
      groups: ['fsm_ever6', 'cic'],
    });
    // FSM ended more than six years ago: neither now nor Ever 6; English first language.
    expect(children.find((c) => c.upn === 'A820200101003')).toMatchObject({
      senStatus: 'none',
      groups: [],
    });
    // A CTF's element columns do not replace the columns remembered for CSV exports.
    expect(saved.at(-1)).toMatchObject({ entity: 'school', fields: { reportSettings: {} } });
    expect(
      (saved.at(-1)!.fields.reportSettings as { rosterColumns: object }).rosterColumns,
    ).toEqual({});
  });

  it('says plainly when an .xml file is not a Common Transfer File', async () => {
    const { model } = setup();
    await model.chooseFile({
      name: 'export.xml',
      arrayBuffer: async () =>
        new TextEncoder().encode('<?xml version="1.0"?><Students/>').buffer as ArrayBuffer,
    });
    expect(model.fileError.value).toMatch(/not a Common Transfer File/);
    expect(model.csv.value).toBeUndefined();
  });

  it('offers the children missing from the file as leavers and marks the chosen ones left', async () => {
    const leaver = {
      id: 'child-9',
      firstName: 'Nia',
      lastName: 'Jones',
      upn: 'Z999999999999',
      misId: '9999',
    } as unknown as StoredRecord<'child'>;
    const { model, save } = setup({ ...emptySchoolRecords(), children: [leaver] });
    await model.chooseFile(file('sims.csv', HEADER, AMELIA));
    await model.check();
    expect(model.checked.value?.missing).toEqual([{ id: 'child-9', name: 'Nia Jones' }]);

    model.chooseLeaver('child-9', true);
    await model.markLeavers();
    expect(save).toHaveBeenCalledWith([
      { entity: 'child', id: 'child-9', fields: { leftOn: '2026-11-23' } },
    ]);
    expect(model.done.value).toBe('1 child marked as left on 2026-11-23. Their records are kept.');
    expect(model.checked.value?.missing).toEqual([]);
    expect(model.leaverIds.value).toEqual([]);
  });

  it('makes sign-ins only after a sync reaches the server, and keeps a shown password on a retry', async () => {
    const sync = vi.fn<ImportDeps['sync']>().mockResolvedValue({ ok: true });
    const createAccounts = vi
      .fn<ImportDeps['createAccounts']>()
      .mockResolvedValueOnce({
        results: [{ staffId: 's1', status: 'created', activationCode: 'CODE-1' }],
        failure: 'The server stopped',
      })
      .mockResolvedValueOnce({
        results: [
          { staffId: 's1', status: 'exists' },
          { staffId: 's2', status: 'created', activationCode: 'CODE-2' },
        ],
      });
    const { model } = setup(emptySchoolRecords(), { sync, createAccounts });
    model.chooseKind('staff');
    await model.chooseFile(
      file(
        'staff.csv',
        'Email,First Name,Last Name,Role',
        'a@x.sch.uk,Ann,Lee,teacher',
        'b@x.sch.uk,Bo,Ng,ta',
      ),
    );
    await model.check();
    await model.confirm();
    expect(model.newStaff.value).toHaveLength(2);

    sync.mockResolvedValueOnce({ ok: false, message: 'No connection' });
    await model.makeAccounts();
    expect(model.accountsError.value).toBe('No connection');
    expect(createAccounts).not.toHaveBeenCalled();

    await model.makeAccounts();
    expect(model.accountsError.value).toBe('The server stopped');
    await model.makeAccounts();
    expect(model.accountsError.value).toBeUndefined();
    expect(model.accounts.value).toEqual([
      { staffId: 's1', status: 'created', activationCode: 'CODE-1' },
      { staffId: 's2', status: 'created', activationCode: 'CODE-2' },
    ]);
  });
});
