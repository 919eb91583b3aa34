import { describe, expect, it } from 'vitest';
import { CALENDAR, school, session, tick, weekSessions } from './testing';
import { notSyncedReport, schoolDaysSince, thisWeekReport, type DeviceSeen } from './this-week';

const build = () => {
  const records = school();
  records.sessions = weekSessions();
  records.ticks = [
    tick('E', 'achieved', '2026-11-23T09:10:00.000Z'),
    tick('E', 'partly', '2026-11-24T09:10:00.000Z'),
    // F's only tick this week was undone: it counts for nothing.
    tick('F', 'not_yet', '2026-11-23T10:00:00.000Z', { id: 'f1' }),
    tick('F', 'not_yet', '2026-11-23T10:01:00.000Z', { supersedesId: 'f1', isWithdrawn: true }),
    // G was ticked last week only.
    tick('G', 'achieved', '2026-11-20T10:00:00.000Z'),
  ];
  records.learningPlans = [
    {
      id: 'plan-A',
      childId: 'A',
      title: 'Plan A',
      startDate: '2026-09-14',
      reviewDate: '2026-11-25',
      isArchived: false,
    },
    {
      id: 'plan-E',
      childId: 'E',
      title: 'Plan E',
      startDate: '2026-09-14',
      reviewDate: '2026-11-10',
      isArchived: false,
    },
    {
      id: 'plan-G',
      childId: 'G',
      title: 'Plan G',
      startDate: '2026-09-14',
      reviewDate: '2026-11-01',
      isArchived: false,
    },
    {
      id: 'plan-old',
      childId: 'C',
      title: 'Old',
      startDate: '2026-01-14',
      reviewDate: '2026-11-02',
      isArchived: true,
    },
  ];
  records.reviews = [
    {
      id: 'rev-G',
      childId: 'G',
      planId: 'plan-G',
      date: '2026-10-22',
      targetOutcomes: [],
      decisions: ['continue'],
      nextReviewDate: '2027-02-01',
      recordedAt: '2026-10-22T15:00:00.000Z',
    },
  ];
  return records;
};

describe('this week', () => {
  const report = thisWeekReport({
    records: build(),
    calendar: CALENDAR,
    weekOf: '2026-11-25',
    today: '2026-11-24',
  });

  it('finds the school week, Monday to Friday, with four school days (INSET on Friday)', () => {
    expect(report.week).toEqual({ start: '2026-11-23', end: '2026-11-27' });
    expect(report.schoolDays).toBe(4);
  });

  it('counts a session once when two staff corrected it at once', () => {
    const records = build();
    // The TA and the SENCo each corrected Monday's session, offline, at once.
    records.sessions.push(
      session(
        's-mon-fix-ta',
        'I1',
        '2026-11-23',
        35,
        { A: true, B: true, C: false },
        {
          supersedesId: 's-mon',
          recordedAt: '2026-11-23T11:00:00.000Z',
        },
      ),
      session(
        's-mon-fix-senco',
        'I1',
        '2026-11-23',
        25,
        { A: true, B: false, C: false },
        {
          supersedesId: 's-mon',
          recordedAt: '2026-11-23T12:00:00.000Z',
        },
      ),
    );
    const twice = thisWeekReport({
      records,
      calendar: CALENDAR,
      weekOf: '2026-11-25',
      today: '2026-11-27',
    });
    const reading = twice.groups.find((g) => g.interventionId === 'I1')!;
    // Still Mon + Wed delivered against Mon + Wed planned; Monday is the
    // SENCo's later correction: 25 + 40 minutes for A, who came to both.
    expect(reading).toMatchObject({ planned: 2, delivered: 2 });
    expect(twice.children.find((row) => row.childId === 'A')?.minutes).toBe(25 + 40 + 15);
  });

  it('counts sessions delivered against planned per group (dosage) and attendance', () => {
    // Seen on the Friday, once every slot of the week has come.
    const friday = thisWeekReport({
      records: build(),
      calendar: CALENDAR,
      weekOf: '2026-11-25',
      today: '2026-11-27',
    });
    const reading = friday.groups.find((g) => g.interventionId === 'I1')!;
    // Planned Mon + Wed; delivered Mon and the corrected Wed (the original does not count).
    expect(reading).toMatchObject({
      planned: 2,
      plannedInWeek: 2,
      delivered: 2,
      dosagePct: 100,
      minutesDelivered: 70,
      outsideTerm: 0,
    });
    // Mon 2 of 3, Wed 3 of 3.
    expect(reading.attendancePct).toBeCloseTo((5 / 6) * 100, 6);
    const spelling = friday.groups.find((g) => g.interventionId === 'I2')!;
    // Planned Tue only; the INSET-day session is delivered outside term time.
    expect(spelling).toMatchObject({
      planned: 1,
      delivered: 2,
      dosagePct: 200,
      attendancePct: 100,
      minutesDelivered: 30,
      outsideTerm: 1,
    });
    expect(friday.totals.planned).toBe(3);
    expect(friday.totals.delivered).toBe(4);
    expect(friday.totals.dosagePct).toBeCloseTo((4 / 3) * 100, 6);
    expect(friday.totals.attendancePct).toBeCloseTo((8 / 9) * 100, 6);
  });

  it('adds up minutes of provision per child, including a child in two groups', () => {
    const minutes = Object.fromEntries(report.children.map((c) => [c.childId, c.minutes]));
    expect(minutes).toEqual({ A: 30 + 40 + 15, B: 70, C: 40, D: 30 });
    expect(report.children.find((c) => c.childId === 'C')).toMatchObject({
      sessionsAttended: 1,
      sessionsMissed: 1,
    });
  });

  it('lists register and focus children with no provision and no ticks this week', () => {
    // A, C, D attended; E was ticked; F's tick was withdrawn; G's tick was last week; H has left.
    expect(report.unsupported.map((c) => [c.childId, c.why])).toEqual([
      ['F', ['focus']],
      ['G', ['sen_register']],
    ]);
  });

  it('counts ticks and their outcome mix, without withdrawn or last week’s ticks', () => {
    expect(report.ticks).toEqual({
      total: 2,
      byOutcome: { achieved: 1, partly: 1, not_yet: 0, absent: 0 },
    });
  });

  it('lists reviews due this week and overdue ones, not those already held', () => {
    expect(report.reviews.map((r) => [r.childId, r.dueDate, r.state])).toEqual([
      ['E', '2026-11-10', 'overdue'],
      ['A', '2026-11-25', 'due'],
    ]);
  });

  it('reports nothing planned as no dosage rather than 0%', () => {
    const records = school();
    records.interventions = records.interventions.map((i) => ({ ...i, startDate: '2026-12-01' }));
    records.sessions = [session('x', 'I1', '2026-11-23', 30, { A: true })];
    const quiet = thisWeekReport({
      records,
      calendar: CALENDAR,
      weekOf: '2026-11-23',
      today: '2026-11-23',
    });
    expect(quiet.groups).toHaveLength(1);
    expect(quiet.groups[0]).toMatchObject({ planned: 0, delivered: 1, dosagePct: null });
  });

  it('counts against dosage only the slots whose time has come', () => {
    const records = build();
    records.sessions = records.sessions.filter((s) => s.date < '2026-11-25');
    const at = (today: string, timeNow?: string) => {
      const week = thisWeekReport({
        records,
        calendar: CALENDAR,
        weekOf: '2026-11-23',
        today,
        ...(timeNow ? { timeNow } : {}),
      });
      const reading = week.groups.find((g) => g.interventionId === 'I1')!;
      return [reading.planned, reading.plannedInWeek, reading.dosagePct];
    };
    // Reading runs Mon and Wed at 09:00; Monday's session was delivered.
    expect(at('2026-11-24')).toEqual([1, 2, 100]);
    // Wednesday before its slot: not yet missed. Once it starts it is due.
    expect(at('2026-11-25', '08:59')).toEqual([1, 2, 100]);
    expect(at('2026-11-25', '09:00')).toEqual([2, 2, 50]);
    // A past week counts every slot, and a later week none yet.
    expect(at('2026-12-01', '08:00')).toEqual([2, 2, 50]);
    expect(at('2026-11-16')).toEqual([0, 2, null]);
  });

  it('a week in the holiday plans nothing', () => {
    const holiday = thisWeekReport({
      records: build(),
      calendar: CALENDAR,
      weekOf: '2026-10-28',
      today: '2026-11-24',
    });
    expect(holiday.schoolDays).toBe(0);
    expect(holiday.totals).toEqual({
      planned: 0,
      plannedInWeek: 0,
      delivered: 0,
      dosagePct: null,
      attendancePct: null,
    });
  });
});

describe('staff and devices not synced for more than two school days', () => {
  it('counts school days after the last sync, skipping weekends and closures', () => {
    expect(schoolDaysSince('2026-11-20', '2026-11-24', CALENDAR)).toBe(2); // Mon, Tue
    expect(schoolDaysSince('2026-11-18', '2026-11-24', CALENDAR)).toBe(4); // Thu, Fri, Mon, Tue
    expect(schoolDaysSince('2026-11-26', '2026-11-30', CALENDAR)).toBe(1); // Fri 27 is INSET
    expect(schoolDaysSince('2026-10-23', '2026-11-02', CALENDAR)).toBe(1); // half term
  });

  it('lists stale devices (a push is a sync) and staff who never synced', () => {
    const devices: DeviceSeen[] = [
      {
        id: 'd1',
        staffId: 'T1',
        staffName: 'Tess Teacher',
        firstSeenAt: '2026-09-01T08:00:00Z',
        lastPushAt: '2026-11-20T15:00:00.000Z',
        lastPullAt: '2026-11-19T15:00:00.000Z',
      },
      {
        id: 'd2',
        staffId: 'TA',
        staffName: 'Tim Assistant',
        firstSeenAt: '2026-09-01T08:00:00Z',
        lastPushAt: '2026-11-18T12:00:00.000Z',
        lastPullAt: null,
      },
      {
        id: 'laptop',
        staffId: 'S',
        staffName: 'Sam SENCo',
        firstSeenAt: '2026-09-01T08:00:00Z',
        lastPushAt: null,
        lastPullAt: '2026-11-24T08:00:00.000Z',
      },
    ];
    const result = notSyncedReport(school().staff, devices, '2026-11-24', CALENDAR);
    expect(result.devices.map((d) => [d.deviceId, d.schoolDaysSince])).toEqual([['d2', 4]]);
    // T1 synced 2 school days ago (fine); TA 4 days; T3 never; the SENCo and a leaver are not listed.
    expect(result.staff.map((s) => [s.staffId, s.schoolDaysSince])).toEqual([
      ['TA', 4],
      ['T3', null],
    ]);
  });
});
