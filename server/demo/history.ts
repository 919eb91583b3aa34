/**
 * Half a term of history for the demo school, so that a SENCo trying
 * Waymark sees every report with something true in it on first sign-in:
 * lessons with ticks on the focus children's targets, Precision Teaching and
 * ELSA sessions with absences, entry, interim and exit scores, a review done
 * and reviews due, and a child stepped up to SEN support at a review.
 *
 * Dated relative to the day the server seeds it: the school days (by the
 * school's calendar, so no weekends, half term or INSET days) before today,
 * never today itself, so "today" screens start empty as they would on a real
 * morning. Deterministic for a given day: a fixed pseudo-random sequence.
 *
 * Why not in the end-to-end tests' school: those tests work their figures
 * out by hand from a school with nothing recorded (the server starts them
 * with DEMO_HISTORY=off); tests/e2e/demo-history.spec.ts has a server of its
 * own with the history.
 */
import {
  addDays,
  isSchoolDay,
  localDate,
  weekdayOf,
  type SchoolCalendar,
} from '../../src/domain/calendar';
import type { EntityName } from '../../src/domain';

type Writer = {
  patch: (entity: EntityName, entityId: string, data: Record<string, unknown>) => void;
  event: (entity: EntityName, entityId: string, data: Record<string, unknown>) => void;
};

export type HistoryFacts = {
  nowMs: number;
  calendar: SchoolCalendar;
  idFor: (name: string) => string;
  /** Each focus child with their class, teacher and the targets ticked in lessons. */
  focus: {
    childId: string;
    classId: string;
    teacherId: string;
    targetIds: string[];
    planId: string;
    senStatus: string;
  }[];
  precisionTeaching: { id: string; childIds: string[]; staffId: string; startDate: string };
  elsa: { id: string; childIds: string[]; staffId: string; startDate: string };
  /** The child a review steps up to SEN support (a monitored focus child). */
  steppedUp: { childId: string; planId: string; targetIds: string[]; reviewerId: string };
  /** A child whose learning plan was reviewed, with the plan carrying on. */
  reviewed: { childId: string; planId: string; targetIds: string[]; reviewerId: string };
};

/** How many school days of history: about a half term. */
export const HISTORY_SCHOOL_DAYS = 30;

const sequence = (seed: number) => {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/**
 * The school days before `today`, oldest first. Why plain weekdays when the
 * calendar has no term around today: the demo's calendar is one school
 * year, and a demo started outside it should still have a history to show.
 */
export const schoolDaysBefore = (
  today: string,
  count: number,
  calendar: SchoolCalendar,
): string[] => {
  const inCalendar = calendar.terms.some(
    (term) => term.start <= today && today <= addDays(term.end, 60),
  );
  const days: string[] = [];
  for (
    let day = addDays(today, -1);
    days.length < count && day > addDays(today, -400);
    day = addDays(day, -1)
  ) {
    const weekday = weekdayOf(day);
    const isDay = inCalendar ? isSchoolDay(day, calendar) : weekday !== 'sat' && weekday !== 'sun';
    if (isDay) days.push(day);
  }
  return days.reverse();
};

const at = (day: string, time: string): string => `${day}T${time}:00.000Z`;

export const writeDemoHistory = (writer: Writer, facts: HistoryFacts): void => {
  const random = sequence(20_261_202);
  const today = localDate(new Date(facts.nowMs));
  const days = schoolDaysBefore(today, HISTORY_SCHOOL_DAYS, facts.calendar);
  if (days.length === 0) return;
  const subjects = ['Maths', 'English', 'Science', 'Maths', 'English'];

  // Lessons and ticks. Why outcomes that improve: a plan that is working is
  // what the child page's trend and the review should show.
  days.forEach((day, dayIndex) => {
    const progress = dayIndex / days.length;
    const byClass = new Map<string, HistoryFacts['focus']>();
    for (const child of facts.focus) {
      byClass.set(child.classId, [...(byClass.get(child.classId) ?? []), child]);
    }
    for (const [classId, children] of byClass) {
      // Year 3's teacher records every day; the others about twice a week.
      const teacherId = children[0]!.teacherId;
      const isDaily = children.length >= 4;
      if (!isDaily && dayIndex % 3 !== 0) continue;
      const lessonId = facts.idFor(`history:lesson:${classId}:${day}`);
      const subject = subjects[dayIndex % subjects.length]!;
      writer.patch('lesson', lessonId, {
        classId,
        staffId: teacherId,
        subject,
        startedAt: at(day, '10:00'),
        endedAt: at(day, '11:00'),
        hiddenTargetIds: [],
      });
      children.forEach((child, childIndex) => {
        const targetId = child.targetIds[(dayIndex + childIndex) % child.targetIds.length];
        if (!targetId) return;
        const roll = random();
        const outcome =
          roll < 0.05
            ? 'absent'
            : roll < 0.15 + 0.55 * progress
              ? 'achieved'
              : roll < 0.55 + 0.3 * progress
                ? 'partly'
                : 'not_yet';
        writer.event('tick', facts.idFor(`history:tick:${lessonId}:${child.childId}`), {
          targetId,
          childId: child.childId,
          lessonId,
          outcome,
          ...(outcome === 'absent'
            ? {}
            : {
                support: progress > 0.6 ? 'independent' : progress > 0.3 ? 'prompted' : 'supported',
              }),
          recordedBy: teacherId,
          recordedAt: at(day, `10:${String(10 + childIndex * 5).padStart(2, '0')}`),
        });
      });
    }
  });

  // Intervention sessions, with the odd absence.
  const sessions = (
    group: HistoryFacts['precisionTeaching'],
    onDay: (day: string) => boolean,
    minutes: number,
    time: string,
  ) => {
    for (const day of days) {
      if (day < group.startDate || !onDay(day)) continue;
      const attendance = group.childIds.map((childId) => {
        const isPresent = random() > 0.08;
        return isPresent
          ? { childId, isPresent, rating: 2 + Math.floor(random() * 3) }
          : { childId, isPresent, absenceReason: random() < 0.8 ? 'ill' : 'clash' };
      });
      writer.event('interventionSession', facts.idFor(`history:session:${group.id}:${day}`), {
        interventionId: group.id,
        date: day,
        // A session now and then runs over.
        minutes: random() < 0.1 ? minutes + 5 : minutes,
        attendance,
        isUnscheduled: false,
        recordedBy: group.staffId,
        recordedAt: at(day, time),
      });
    }
  };
  sessions(facts.precisionTeaching, () => true, 10, '09:20');
  sessions(facts.elsa, (day) => weekdayOf(day) === 'wed', 30, '14:05');

  // Entry, interim and exit scores on each group's measure.
  const first = days[0]!;
  const middle = days[Math.floor(days.length / 2)]!;
  const last = days.at(-1)!;
  const score = (
    group: HistoryFacts['precisionTeaching'],
    phase: 'entry' | 'interim' | 'exit',
    date: string,
    value: number,
    childId: string,
  ) =>
    writer.event('assessmentScore', facts.idFor(`history:score:${group.id}:${childId}:${phase}`), {
      childId,
      interventionId: group.id,
      phase,
      value,
      date,
      recordedBy: group.staffId,
      recordedAt: at(date, '15:30'),
    });
  facts.precisionTeaching.childIds.forEach((childId, index) => {
    const entry = 18 + Math.floor(random() * 15);
    // Most children gain; one barely moves, so the impact page has a child to look at.
    const gain = index === 2 ? 2 : 10 + Math.floor(random() * 14);
    score(facts.precisionTeaching, 'entry', first, entry, childId);
    score(facts.precisionTeaching, 'interim', middle, entry + Math.round(gain / 2), childId);
    score(facts.precisionTeaching, 'exit', last, entry + gain, childId);
  });
  for (const childId of facts.elsa.childIds) {
    score(facts.elsa, 'entry', first, 2, childId);
    score(facts.elsa, 'interim', middle, 3, childId);
    score(facts.elsa, 'exit', last, 4, childId);
  }

  // A review done, the plan carrying on.
  const reviewDay = days[Math.max(0, days.length - 10)]!;
  writer.event('review', facts.idFor('history:review:carried-on'), {
    childId: facts.reviewed.childId,
    planId: facts.reviewed.planId,
    date: reviewDay,
    targetOutcomes: facts.reviewed.targetIds.map((targetId, index) => ({
      targetId,
      outcome: index === 0 ? 'achieved' : 'partly',
    })),
    decisions: ['continue'],
    nextReviewDate: addDays(reviewDay, 56),
    notes:
      'Good progress on reading fluency; keep paired reading going and check again in eight weeks.',
    recordedBy: facts.reviewed.reviewerId,
    recordedAt: at(reviewDay, '15:45'),
  });
  // As saving a review on the device does: the plan's next review moves on.
  writer.patch('learningPlan', facts.reviewed.planId, { reviewDate: addDays(reviewDay, 56) });

  // A child stepped up to SEN support: the review says so, and the child's
  // record follows, as the review screen's "Step up support" does.
  const stepDay = days[Math.max(0, days.length - 5)]!;
  writer.event('review', facts.idFor('history:review:stepped-up'), {
    childId: facts.steppedUp.childId,
    planId: facts.steppedUp.planId,
    date: stepDay,
    targetOutcomes: facts.steppedUp.targetIds.map((targetId) => ({
      targetId,
      outcome: 'not_achieved',
    })),
    decisions: ['step_up', 'seek_outside_advice'],
    senStatusFrom: 'monitoring',
    senStatusTo: 'sen_support',
    nextReviewDate: addDays(stepDay, 42),
    notes:
      'Friendship difficulties continue despite the lunchtime club. Added to the SEN register at SEN support; referral to the educational psychologist agreed with parents.',
    recordedBy: facts.steppedUp.reviewerId,
    recordedAt: at(stepDay, '16:00'),
  });
  writer.patch('learningPlan', facts.steppedUp.planId, { reviewDate: addDays(stepDay, 42) });
  writer.patch('child', facts.steppedUp.childId, {
    senStatus: 'sen_support',
    senStatusConfirmedOn: stepDay,
  });
};
