/**
 * The school calendar, for the SENCo: terms with their half-term holidays,
 * and the days the school is shut in term time (INSET days, bank holidays).
 * Every report counts school days from it, so it is edited as a whole and
 * saved at once, with each message beside its field; nothing is written
 * while anything is wrong. A school year on the usual England pattern can
 * be added in one step, then corrected to the school's own dates.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  englandBankHolidays,
  englandSchoolYear,
  schoolYearOf,
  type SchoolCalendar,
} from '../../domain';
import { saveSchoolCalendar, schoolCalendarView, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatDate } from '../format';
import { fieldErrorsFrom } from '../child/forms';
import { TextField } from '../components/Field';
import '../teaching.css';
import './calendar.css';
import { Loading } from '../components/Loading';

type Draft = SchoolCalendar;

const day = (date: string | undefined) =>
  date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDate(`${date}T12:00:00`) : undefined;

/** The school year after the last one the draft holds, on the England pattern. */
const nextYearOf = (draft: Draft, today: string): number => {
  const last = [...draft.terms].sort((a, b) => b.end.localeCompare(a.end))[0];
  return last ? schoolYearOf(last.end) + 1 : schoolYearOf(today);
};

export function SchoolCalendarView({ store, today }: { store: LocalStore; today: string }) {
  const view = useWatch(() => schoolCalendarView(store), [store]);
  const [draft, setDraft] = useState<Draft | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string>();
  // The draft starts from what the device holds, once it is read.
  useEffect(() => {
    if (view && !draft) setDraft(view.calendar);
  }, [view, draft]);

  if (view === undefined || (view && !draft)) return <Loading />;
  if (view === null || !draft) {
    return (
      <section>
        <h1>School calendar</h1>
        <p class="empty">
          The school’s record has not reached this device yet. It arrives with the first sync.
        </p>
      </section>
    );
  }

  const change = (next: Draft) => {
    // A term or day added or removed moves the ones after it: messages keyed
    // by position would sit beside the wrong one.
    if (next.terms.length !== draft.terms.length || next.closures.length !== draft.closures.length)
      setErrors({});
    setDraft(next);
    setSaved(undefined);
  };
  const setTerm = (i: number, field: keyof Draft['terms'][number], value: string) =>
    change({
      ...draft,
      terms: draft.terms.map((term, k) => (k === i ? { ...term, [field]: value } : term)),
    });
  const setClosure = (i: number, field: 'date' | 'reason', value: string) =>
    change({
      ...draft,
      closures: draft.closures.map((c, k) => (k === i ? { ...c, [field]: value } : c)),
    });
  const nextYear = nextYearOf(draft, today);

  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await saveSchoolCalendar(store, view.schoolId, draft);
      setErrors({});
      setSaved('Calendar saved on this device. It reaches every device when this one syncs.');
    } catch (caught) {
      setErrors(fieldErrorsFrom(caught));
      setSaved(undefined);
    }
  };

  return (
    <section aria-labelledby="calendar-heading" class="calendar-editor">
      <h1 id="calendar-heading">School calendar</h1>
      <p class="lede">
        Every report counts school days from these dates: sessions planned, dosage, reviews due.
        {view.usesDefault &&
          ' The school has no calendar of its own yet, so reports use the usual England pattern.'}
      </p>
      <form class="stack-form" noValidate onSubmit={(event) => void submit(event)}>
        <section class="panel" aria-labelledby="terms-heading">
          <h2 id="terms-heading">Terms</h2>
          {draft.terms.length === 0 && <p class="empty">No terms yet.</p>}
          {draft.terms.map((term, i) => {
            const at = (field: string) => `terms.${i}.${field}`;
            const id = (field: string) => `term-${i}-${field}`;
            return (
              <fieldset key={i} class="calendar-term" data-testid="calendar-term">
                <legend>{term.name || `Term ${i + 1}`}</legend>
                <TextField
                  id={id('name')}
                  label="Name"
                  error={errors[at('name')]}
                  value={term.name}
                  onValue={(v) => setTerm(i, 'name', v)}
                />
                {(
                  [
                    ['start', 'First day'],
                    ['end', 'Last day'],
                    ['halfTermStart', 'Half term from'],
                    ['halfTermEnd', 'Half term to'],
                  ] as const
                ).map(([field, label]) => (
                  <TextField
                    key={field}
                    id={id(field)}
                    label={label}
                    error={errors[at(field)]}
                    hint={day(term[field])}
                    type="date"
                    value={term[field] ?? ''}
                    onValue={(v) => setTerm(i, field, v)}
                  />
                ))}
                <button
                  type="button"
                  class="quiet"
                  onClick={() => change({ ...draft, terms: draft.terms.filter((_, k) => k !== i) })}
                >
                  Remove {term.name || 'this term'}
                </button>
              </fieldset>
            );
          })}
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() =>
                change({
                  terms: [...draft.terms, ...englandSchoolYear(nextYear)],
                  closures: [...draft.closures, ...englandBankHolidays(nextYear)],
                })
              }
            >
              Add {nextYear}/{String(nextYear + 1).slice(2)} (usual England dates)
            </button>
            <button
              type="button"
              class="quiet"
              onClick={() =>
                change({ ...draft, terms: [...draft.terms, { name: '', start: '', end: '' }] })
              }
            >
              Add a term
            </button>
          </div>
        </section>

        <section class="panel" aria-labelledby="closures-heading">
          <h2 id="closures-heading">Days closed in term time</h2>
          <p class="counts">INSET days, bank holidays, and any other day the school is shut.</p>
          {draft.closures.length === 0 && <p class="empty">No closures.</p>}
          {draft.closures.map((closure, i) => {
            const at = (field: string) => `closures.${i}.${field}`;
            return (
              <div key={i} class="calendar-closure" data-testid="calendar-closure">
                <TextField
                  id={`closure-${i}-date`}
                  label="Date"
                  error={errors[at('date')]}
                  hint={day(closure.date)}
                  type="date"
                  value={closure.date}
                  onValue={(v) => setClosure(i, 'date', v)}
                />
                <TextField
                  id={`closure-${i}-reason`}
                  label="Why"
                  error={errors[at('reason')]}
                  value={closure.reason}
                  onValue={(v) => setClosure(i, 'reason', v)}
                />
                <button
                  type="button"
                  class="quiet"
                  onClick={() =>
                    change({ ...draft, closures: draft.closures.filter((_, k) => k !== i) })
                  }
                >
                  Remove {day(closure.date) ?? 'this day'}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              change({
                ...draft,
                closures: [...draft.closures, { date: '', reason: 'INSET day' }],
              })
            }
          >
            Add an INSET day
          </button>
        </section>

        {Object.keys(errors).length > 0 && (
          <p role="alert" class="form-error">
            {errors._ ?? 'Some dates need checking: each message is beside its field.'}
          </p>
        )}
        <p role="status">{saved}</p>
        <div class="actions">
          <button type="submit" class="primary">
            Save calendar
          </button>
        </div>
      </form>
    </section>
  );
}
