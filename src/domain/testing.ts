/**
 * For tests: the school calendar most tests use (autumn term 2026 with its
 * half term and an INSET day), so each test reads dates against one
 * calendar, and a CSV file parsed or the test fails.
 */
import type { SchoolCalendar, Term } from './calendar';
import { parseCsv, type ParsedCsv } from './roster-import';

export const AUTUMN_2026: Term = {
  name: 'Autumn 2026',
  start: '2026-09-02',
  end: '2026-12-18',
  halfTermStart: '2026-10-26',
  halfTermEnd: '2026-10-30',
};

export const SPRING_2027: Term = { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26' };

/** Autumn 2026, with an INSET day on Friday 27 November. */
export const TEST_CALENDAR: SchoolCalendar = {
  terms: [AUTUMN_2026],
  closures: [{ date: '2026-11-27', reason: 'INSET day' }],
};

/** A CSV text parsed as a roster file; a file that does not parse fails the test. */
export const parsedCsv = (text: string): ParsedCsv => {
  const result = parseCsv(text);
  if ('error' in result) throw new Error(result.error);
  return result;
};
