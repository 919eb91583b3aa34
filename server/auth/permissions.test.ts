/**
 * Reading a session register per line: who sees which lines and the note,
 * and that what is cut still parses as a session on every device.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { interventionSessionSchema } from '../../src/domain';
import type { ReaderScope } from './permissions';
import { canRead, canWrite, cutRegister, isSameView, readView } from './permissions';

const group = randomUUID();
const mine = randomUUID();
const alsoMine = randomUUID();
const theirs = randomUUID();

const session = {
  interventionId: group,
  date: '2026-11-23',
  minutes: 20,
  attendance: [
    { childId: mine, isPresent: true, rating: 3 },
    { childId: theirs, isPresent: false, absenceReason: 'refused' },
    { childId: alsoMine, isPresent: true },
  ],
  note: 'Sam refused to come in and kicked the door.',
  isUnscheduled: false,
  recordedAt: '2026-11-23T10:00:00.000Z',
  recordedBy: randomUUID(),
};

const scopeOf = (over: Partial<ReaderScope>): ReaderScope => ({
  staffId: randomUUID(),
  role: 'teacher',
  isWholeSchool: false,
  classIds: new Set(),
  childIds: new Set(),
  interventionIds: new Set(),
  runsInterventionIds: new Set(),
  ...over,
});

const classTeacher = scopeOf({
  childIds: new Set([mine, alsoMine]),
  interventionIds: new Set([group]),
});

describe('a session register read per line', () => {
  it('gives a class teacher only their children, without the note, as a valid session', () => {
    const view = readView(classTeacher, 'interventionSession', session, randomUUID());
    expect(view?.attendance).toEqual([session.attendance[0], session.attendance[2]]);
    expect(view).not.toHaveProperty('note');
    expect(view?.minutes).toBe(20);
    expect(interventionSessionSchema.safeParse(view).success).toBe(true);
  });

  it('keeps the note for a reader who may see every child on the register', () => {
    const all = scopeOf({
      childIds: new Set([mine, alsoMine, theirs]),
      interventionIds: new Set([group]),
    });
    expect(readView(all, 'interventionSession', session, randomUUID())).toBe(session);
  });

  it('gives the staff who run the group, and the SENCo, the whole register', () => {
    const runner = scopeOf({
      role: 'ta',
      childIds: new Set([mine]),
      interventionIds: new Set([group]),
      runsInterventionIds: new Set([group]),
    });
    const senco = scopeOf({ role: 'senco', isWholeSchool: true });
    expect(readView(runner, 'interventionSession', session, randomUUID())).toBe(session);
    expect(readView(senco, 'interventionSession', session, randomUUID())).toBe(session);
  });

  it("sends nothing of a session with no line about the reader's children", () => {
    const other = scopeOf({ childIds: new Set([randomUUID()]), interventionIds: new Set([group]) });
    const id = randomUUID();
    expect(canRead(other, 'interventionSession', session, id)).toBe(false);
    expect(readView(other, 'interventionSession', session, id)).toBeNull();
    // Nor of a group the reader does not see, whoever is on the register.
    const outside = scopeOf({ childIds: new Set([mine]) });
    expect(readView(outside, 'interventionSession', session, id)).toBeNull();
  });

  it('never lets a hostile register line through: upper case, NUL, not a string', () => {
    const hostile = {
      ...session,
      attendance: [
        { childId: mine.toUpperCase(), isPresent: true },
        { childId: `${mine}\u0000`, isPresent: true },
        { childId: 42, isPresent: true },
        null,
        { childId: alsoMine, isPresent: false },
      ],
    };
    const view = readView(classTeacher, 'interventionSession', hostile, randomUUID());
    expect(view?.attendance).toEqual([{ childId: alsoMine, isPresent: false }]);
    expect(view).not.toHaveProperty('note');
  });

  it('leaves records about one child as they are', () => {
    const tick = { childId: mine, targetId: randomUUID(), outcome: 'achieved' };
    expect(readView(classTeacher, 'tick', tick, randomUUID())).toBe(tick);
    expect(readView(classTeacher, 'tick', { ...tick, childId: theirs }, randomUUID())).toBeNull();
  });

  it("cuts a register to one child for that child's record", () => {
    const own = cutRegister(session, (id) => id === theirs);
    expect(own?.attendance).toEqual([session.attendance[1]]);
    expect(own).not.toHaveProperty('note');
    const alone = { ...session, attendance: [session.attendance[1]] };
    expect(cutRegister(alone, (id) => id === theirs)).toBe(alone);
    expect(cutRegister(session, () => false)).toBeNull();
  });

  it('tells a changed cut from the same one', () => {
    const a = cutRegister(session, (id) => id === mine);
    expect(
      isSameView(
        a,
        cutRegister(session, (id) => id === mine),
      ),
    ).toBe(true);
    expect(
      isSameView(
        a,
        cutRegister(session, (id) => id !== theirs),
      ),
    ).toBe(false);
    expect(isSameView(a, null)).toBe(false);
    expect(isSameView(null, null)).toBe(true);
  });
});

describe('the SEN register history', () => {
  const child = randomUUID();
  const line = {
    childId: child,
    status: 'sen_support',
    date: '2026-11-23',
    needTypes: [],
    source: 'edit',
    recordedAt: '2026-11-23T10:00:00.000Z',
  };
  const correction = { ...line, supersedesId: randomUUID(), date: '2026-11-02' };
  const whole = (role: 'senco' | 'admin') =>
    scopeOf({ role, isWholeSchool: true, childIds: new Set([child]) });
  const teacher = scopeOf({ childIds: new Set([child]) });

  it('is written by whole-school roles with a change of status, and corrected by a SENCo only', () => {
    const id = randomUUID();
    expect(canWrite(whole('senco'), 'senRegisterEntry', id, undefined, line)).toBe(true);
    expect(canWrite(whole('admin'), 'senRegisterEntry', id, undefined, line)).toBe(true);
    expect(canWrite(teacher, 'senRegisterEntry', id, undefined, line)).toBe(false);
    expect(canWrite(whole('senco'), 'senRegisterEntry', id, undefined, correction)).toBe(true);
    expect(canWrite(whole('admin'), 'senRegisterEntry', id, undefined, correction)).toBe(false);
    expect(canWrite(teacher, 'senRegisterEntry', id, undefined, correction)).toBe(false);
  });

  it('is read by everyone who sees the child', () => {
    expect(canRead(teacher, 'senRegisterEntry', line, randomUUID())).toBe(true);
    expect(canRead(scopeOf({}), 'senRegisterEntry', line, randomUUID())).toBe(false);
  });
});
