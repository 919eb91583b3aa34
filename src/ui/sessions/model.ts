/**
 * A session register's state: who is present (everyone, to begin with),
 * why anyone was absent, ratings, minutes, date and note, and the messages
 * beside each field when a save is refused. Saving writes to the device only;
 * sync follows on its own.
 */
import { computed, signal } from '@preact/signals';
import {
  ValidationError,
  correctSession,
  logSession,
  type AbsenceReason,
  type LocalStore,
  type RegisterSetup,
} from '../../storage';

export type Mark = { isPresent: boolean; absenceReason?: AbsenceReason; rating?: number };

/** A message for the home screen after a save ("Session saved on this device"). */
export const flash = signal<string | undefined>(undefined);

export const createRegisterModel = (
  setup: RegisterSetup,
  options: { date: string; isUnscheduled: boolean },
) => {
  const previous = setup.session;
  const marks = signal<Record<string, Mark>>(
    Object.fromEntries(
      setup.children.map((child) => {
        const mark = previous?.attendance.find((m) => m.childId === child.id);
        return [
          child.id,
          mark
            ? {
                isPresent: mark.isPresent,
                ...(mark.absenceReason ? { absenceReason: mark.absenceReason } : {}),
                ...(mark.rating !== undefined ? { rating: mark.rating } : {}),
              }
            : { isPresent: true },
        ];
      }),
    ),
  );
  const minutes = signal(String(previous?.minutes ?? setup.group.sessionMinutes));
  const date = signal(previous?.date ?? options.date);
  const note = signal(previous?.note ?? '');
  const errors = signal<Record<string, string>>({});
  const isSaving = signal(false);
  const presentCount = computed(() => Object.values(marks.value).filter((m) => m.isPresent).length);

  /** Once a field is changed, its old message no longer describes it. */
  const clearError = (field: string) => {
    if (!(field in errors.value)) return;
    const rest = { ...errors.value };
    delete rest[field];
    errors.value = rest;
  };
  const update = (childId: string, change: (mark: Mark) => Mark) => {
    marks.value = { ...marks.value, [childId]: change(marks.value[childId]!) };
    clearError(`attendance.${childId}`);
  };

  return {
    setup,
    marks,
    minutes,
    date,
    note,
    errors,
    isSaving,
    presentCount,
    isCorrection: !!previous,
    isUnscheduled: previous ? !!previous.isUnscheduled : options.isUnscheduled,
    edit(field: 'minutes' | 'date' | 'note', value: string) {
      ({ minutes, date, note })[field].value = value;
      clearError(field);
    },
    togglePresent(childId: string) {
      update(childId, (mark) => (mark.isPresent ? { isPresent: false } : { isPresent: true }));
    },
    setReason(childId: string, reason: AbsenceReason) {
      update(childId, () => ({ isPresent: false, absenceReason: reason }));
    },
    setRating(childId: string, rating: number | undefined) {
      update(childId, (mark) => ({
        ...mark,
        ...(rating === undefined ? { rating: undefined } : { rating }),
      }));
    },
    /** Saves; returns the new session's id, or undefined when refused (see `errors`). */
    async save(store: LocalStore): Promise<string | undefined> {
      if (isSaving.value) return undefined;
      errors.value = {};
      const text = minutes.value.trim();
      const input = {
        date: date.value,
        minutes: text === '' ? Number.NaN : Number(text),
        attendance: setup.children.map((child) => {
          const mark = marks.value[child.id]!;
          return {
            childId: child.id,
            isPresent: mark.isPresent,
            ...(mark.absenceReason ? { absenceReason: mark.absenceReason } : {}),
            ...(mark.isPresent && mark.rating !== undefined ? { rating: mark.rating } : {}),
          };
        }),
        note: note.value,
        isUnscheduled: this.isUnscheduled,
      };
      isSaving.value = true;
      try {
        return previous
          ? await correctSession(store, previous.id, input)
          : await logSession(store, { ...input, interventionId: setup.group.id });
      } catch (error) {
        errors.value =
          error instanceof ValidationError
            ? error.fieldErrors
            : {
                _:
                  error instanceof Error && error.name === 'QuotaExceededError'
                    ? 'This device is out of storage space. Sync, then free some space.'
                    : 'The session could not be saved on this device. Try again.',
              };
        return undefined;
      } finally {
        isSaving.value = false;
      }
    },
  };
};

export type RegisterModel = ReturnType<typeof createRegisterModel>;
