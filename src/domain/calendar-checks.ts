/**
 * The checks a school calendar must pass before the SENCo saves it, beyond
 * what each field's schema says: a term ends after it starts, its half-term
 * holiday is both days or neither and lies inside it, terms do not overlap,
 * and a closure (an INSET day) is a weekday in a term, named once. Errors
 * are keyed by the field the calendar editor shows them beside:
 * `terms.<i>.<field>` and `closures.<i>.<field>`.
 *
 * Why these and no more: every report counts school days from this
 * calendar, so a term that ends before it starts or two terms over one
 * another would silently double or drop days; anything else (a short term,
 * a long one) can be right for a real school.
 */
import { weekdayOf, type IsoDate, type SchoolCalendar } from './calendar';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string | undefined): value is IsoDate =>
  !!value && ISO.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export const checkSchoolCalendar = (calendar: SchoolCalendar): Record<string, string> => {
  const errors: Record<string, string> = {};
  calendar.terms.forEach((term, i) => {
    const at = (field: string) => `terms.${i}.${field}`;
    if (!term.name.trim()) errors[at('name')] = 'Give the term a name, such as Autumn 2027.';
    if (!isDate(term.start)) errors[at('start')] = 'Enter the first day of term.';
    if (!isDate(term.end)) errors[at('end')] = 'Enter the last day of term.';
    else if (isDate(term.start) && term.end <= term.start)
      errors[at('end')] = 'The last day of term must be after the first.';
    const hasStart = !!term.halfTermStart;
    const hasEnd = !!term.halfTermEnd;
    if (hasStart !== hasEnd) {
      errors[at(hasStart ? 'halfTermEnd' : 'halfTermStart')] =
        'Enter both days of the half-term holiday, or neither.';
    } else if (hasStart && hasEnd) {
      if (term.halfTermEnd! < term.halfTermStart!)
        errors[at('halfTermEnd')] = 'The half term must end on or after the day it starts.';
      else if (
        // Only once the term's own dates are right: one mistake, one message.
        !errors[at('start')] &&
        !errors[at('end')] &&
        (term.halfTermStart! <= term.start || term.halfTermEnd! >= term.end)
      )
        errors[at('halfTermStart')] = 'The half-term holiday must fall inside the term.';
    }
  });
  const ordered = calendar.terms
    .map((term, i) => ({ term, i }))
    .filter(({ term }) => isDate(term.start) && isDate(term.end))
    .sort((a, b) => a.term.start.localeCompare(b.term.start));
  for (let k = 1; k < ordered.length; k++) {
    const before = ordered[k - 1]!;
    const after = ordered[k]!;
    if (after.term.start <= before.term.end && !errors[`terms.${after.i}.start`]) {
      errors[`terms.${after.i}.start`] =
        `This term starts before ${before.term.name || 'the term before it'} ends.`;
    }
  }
  const seen = new Set<string>();
  calendar.closures.forEach((closure, i) => {
    const at = (field: string) => `closures.${i}.${field}`;
    if (!isDate(closure.date)) {
      errors[at('date')] = 'Enter the date the school is closed.';
      return;
    }
    if (seen.has(closure.date)) errors[at('date')] = 'This day is already in the list.';
    seen.add(closure.date);
    if (['sat', 'sun'].includes(weekdayOf(closure.date)))
      errors[at('date')] = 'This is a weekend: the school is closed anyway.';
    else if (!calendar.terms.some((term) => term.start <= closure.date && closure.date <= term.end))
      errors[at('date')] = 'This day is not in any term.';
    if (!closure.reason.trim()) errors[at('reason')] = 'Say why, such as INSET day.';
  });
  return errors;
};
