/**
 * The words of a notice that a person's change lost: "Your change to the
 * target's wording was overwritten by Sam Patel at 10:42." Field names
 * become the words staff use; a value they had typed is quoted so they can
 * put it back if they still mean it.
 */
import { isSameLocalDay, shortDay, timeOfDay } from '../dates';
import type { LostEdit } from '../../storage';

/** Plain names for the fields a person edits, per record type. */
const FIELD_NAMES: Record<string, Record<string, string>> = {
  target: {
    text: 'the target’s wording',
    areaOfNeed: 'the target’s area of need',
    successCriteria: 'the success criteria',
    strategies: 'the strategies',
    startDate: 'the target’s start date',
    level: 'the target’s level',
    parentTargetId: 'what the target is part of',
    isArchived: 'archiving the target',
  },
  learningPlan: {
    title: 'the plan’s title',
    areaOfNeed: 'the plan’s area of need',
    startDate: 'the plan’s start date',
    reviewDate: 'the plan’s review date',
  },
  passport: {
    strengths: 'strengths',
    needs: 'needs',
    whatHelpsMe: 'what helps me',
    pupilVoice: 'pupil voice',
    parentVoice: 'parent voice',
  },
  focusChild: { reason: 'the focus reason', until: 'the focus end date' },
};

/** "successCriteria" -> "success criteria": for a field without a name of its own. */
const spaced = (field: string): string =>
  field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

export const fieldName = (entity: string, field: string): string =>
  (Object.hasOwn(FIELD_NAMES, entity) && Object.hasOwn(FIELD_NAMES[entity]!, field)
    ? FIELD_NAMES[entity]![field]
    : undefined) ?? `the ${spaced(field)}`;

/** Longest typed value quoted in full; longer ones are cut with an ellipsis. */
const MAX_QUOTE = 80;

const quoted = (value: unknown): string => {
  if (typeof value !== 'string' || value.trim() === '') return '';
  const text = value.trim();
  return ` (“${text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text}”)`;
};

/** "at 10:42" on the same day, "on Mon 23 Nov at 10:42" another day. */
const when = (iso: string | undefined, now: Date): string => {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = timeOfDay(date);
  return isSameLocalDay(date, now) ? ` at ${time}` : ` on ${shortDay(date)} at ${time}`;
};

export const lostEditSentence = (notice: LostEdit, now = new Date()): string => {
  const who = notice.isOwn
    ? ' by your own newer change'
    : notice.by
      ? ` by ${notice.by.name}`
      : ' by a newer change';
  return `Your change to ${fieldName(notice.entity, notice.field)}${quoted(notice.value)} was overwritten${who}${when(notice.at, now)}.`;
};
