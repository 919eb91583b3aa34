/** Words for the printed copies: a date in full, the name a child is known by. */
import type { StoredRecord } from '../../domain';

const LONG = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "3 December 2026" */
export const longDate = (isoDate: string): string =>
  LONG.format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`));

/** The name the child is known by: preferred names where the school holds them. */
export const knownAs = (child: StoredRecord<'child'>): string =>
  `${child.preferredFirstName ?? child.firstName} ${child.preferredLastName ?? child.lastName}`;
