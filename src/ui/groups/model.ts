/**
 * The scores form of a group: which phase (entry, interim, exit), the date,
 * and a score per child. Blank means "no score for this child this time".
 * Saved all together or not at all, with a message beside each bad field.
 */
import { signal } from '@preact/signals';
import { ValidationError, recordScores, type LocalStore, type ScoresInput } from '../../storage';

export const createScoresModel = (groupId: string, today: string) => {
  const phase = signal<ScoresInput['phase']>('entry');
  const date = signal(today);
  const values = signal<Record<string, string>>({});
  const errors = signal<Record<string, string>>({});
  const saved = signal<string | undefined>(undefined);
  const isSaving = signal(false);
  return {
    phase,
    date,
    values,
    errors,
    saved,
    isSaving,
    setValue(childId: string, value: string) {
      values.value = { ...values.value, [childId]: value };
    },
    async save(store: LocalStore): Promise<boolean> {
      if (isSaving.value) return false;
      errors.value = {};
      saved.value = undefined;
      const entries = Object.entries(values.value)
        .filter(([, text]) => text.trim() !== '')
        .map(([childId, text]) => ({ childId, value: Number(text.trim()) }));
      isSaving.value = true;
      try {
        const ids = await recordScores(store, {
          interventionId: groupId,
          phase: phase.value,
          date: date.value,
          values: entries,
        });
        saved.value = `${ids.length} ${phase.value} score${ids.length === 1 ? '' : 's'} saved on this device.`;
        values.value = {};
        return true;
      } catch (error) {
        errors.value =
          error instanceof ValidationError
            ? error.fieldErrors
            : { _: 'The scores could not be saved on this device. Try again.' };
        return false;
      } finally {
        isSaving.value = false;
      }
    },
  };
};

export type ScoresModel = ReturnType<typeof createScoresModel>;
