import { describe, expect, it } from 'vitest';
import { calendarOf } from './calendar';
import { checkGroup, defaultGroupDates, defaultSchedule, type GroupFields } from './group-rules';
import { interventionSchema } from './records';
import { AUTUMN_2026, SPRING_2027, TEST_CALENDAR } from './testing';

const calendar = calendarOf({ ...TEST_CALENDAR, terms: [AUTUMN_2026, SPRING_2027] });

const ids = (count: number) =>
  Array.from({ length: count }, (_, i) => `0192f0c4-8a1e-7c3b-9d2f-${String(i).padStart(12, '0')}`);

const group: GroupFields = {
  provisionId: ids(1)[0]!,
  name: 'Phonics: Year 2',
  childIds: ids(3),
  staffIds: ids(1),
  schedule: [
    { weekday: 'mon', time: '09:05' },
    { weekday: 'wed', time: '09:05' },
  ],
  sessionMinutes: 20,
  startDate: '2026-11-16',
  endDate: '2026-12-18',
};
const context = {
  provision: { name: 'Phonics catch-up', format: 'group' as const, isArchived: false },
  calendar,
  isChoosingProvision: true,
};

describe('the rules a whole group must meet', () => {
  it('passes a sound group', () => {
    expect(checkGroup(group, context)).toEqual({});
  });

  it('names each wrong field: no child, no staff, no slot, end before start', () => {
    const errors = checkGroup(
      { ...group, childIds: [], staffIds: [], schedule: [], endDate: '2026-11-13' },
      context,
    );
    expect(errors).toEqual({
      childIds: 'Choose at least one child.',
      staffIds: 'Choose who runs the group.',
      schedule: 'Add at least one session time.',
      endDate: 'The end date must be on or after the start date.',
    });
  });

  it('refuses a one-to-one provision with more than one child, and allows it with one', () => {
    const oneToOne = {
      ...context,
      provision: { ...context.provision, name: 'ELSA', format: 'one_to_one' as const },
    };
    expect(checkGroup(group, oneToOne).childIds).toBe(
      'ELSA is one-to-one: choose one child. For 3 children, make a group for each.',
    );
    expect(checkGroup({ ...group, childIds: ids(1) }, oneToOne)).toEqual({});
  });

  it('keeps to the record schema’s limit of 40 children', () => {
    expect(checkGroup({ ...group, childIds: ids(41) }, context).childIds).toMatch(/at most 40/);
    expect(checkGroup({ ...group, childIds: ids(40) }, context)).toEqual({});
    expect(interventionSchema.shape.childIds.safeParse(ids(41)).success).toBe(false);
  });

  it('flags a slot given twice and a time that is not one', () => {
    const errors = checkGroup(
      {
        ...group,
        schedule: [
          { weekday: 'mon', time: '09:05' },
          { weekday: 'mon', time: '09:05' },
          { weekday: 'tue', time: '25:00' },
        ],
      },
      context,
    );
    expect(errors).toEqual({
      'schedule.1': 'Monday at 09:05 is already in the schedule.',
      'schedule.2': 'Enter a time of day, e.g. 09:05.',
    });
  });

  it('refuses dates on which the schedule plans no session (a holiday)', () => {
    // Half term, 26-30 Oct: no school day.
    const errors = checkGroup(
      { ...group, startDate: '2026-10-26', endDate: '2026-10-30' },
      context,
    );
    expect(errors.schedule).toMatch(/No session falls on a school day/);
    // The INSET day on Fri 27 Nov leaves a Friday-only group that week with nothing.
    const inset = { ...group, schedule: [{ weekday: 'fri' as const, time: '10:00' }] };
    expect(
      checkGroup({ ...inset, startDate: '2026-11-27', endDate: '2026-11-27' }, context).schedule,
    ).toBeDefined();
    expect(
      checkGroup({ ...inset, startDate: '2026-11-20', endDate: '2026-11-27' }, context),
    ).toEqual({});
  });

  it('refuses an archived provision for a new group, not for one already running it', () => {
    const archived = { ...context, provision: { ...context.provision, isArchived: true } };
    expect(checkGroup(group, archived).provisionId).toBe(
      'Phonics catch-up has been archived: choose another provision.',
    );
    expect(checkGroup(group, { ...archived, isChoosingProvision: false })).toEqual({});
    expect(checkGroup(group, { ...context, provision: undefined }).provisionId).toBeDefined();
  });

  it('flags an impossible date', () => {
    expect(checkGroup({ ...group, startDate: '2026-02-30' }, context).startDate).toBe(
      'Enter the date the group starts.',
    );
  });
});

describe('defaults for a new group', () => {
  it('spreads the provision’s sessions a week through the week', () => {
    expect(defaultSchedule(1)).toEqual([{ weekday: 'mon', time: '09:00' }]);
    expect(defaultSchedule(3).map((slot) => slot.weekday)).toEqual(['mon', 'wed', 'fri']);
    expect(defaultSchedule(7)).toHaveLength(7);
    expect(defaultSchedule(7).slice(5)).toEqual([
      { weekday: 'mon', time: '13:30' },
      { weekday: 'tue', time: '13:30' },
    ]);
  });

  it('runs from today to the end of the current term, or the next one in a holiday', () => {
    expect(defaultGroupDates('2026-11-16', calendar)).toEqual({
      startDate: '2026-11-16',
      endDate: '2026-12-18',
    });
    expect(defaultGroupDates('2026-12-28', calendar).endDate).toBe('2027-03-26');
  });
});
