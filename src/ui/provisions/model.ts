/**
 * The provision form: text fields as typed, turned into a provision on save
 * (pounds to pence, a blank measure to none), with a clear message beside
 * each field that is wrong. Nothing is saved while any field is wrong.
 */
import { signal } from '@preact/signals';
import {
  ValidationError,
  saveProvision,
  type LocalStore,
  type ProvisionEntry,
  type ProvisionFields,
} from '../../storage';

export type ProvisionForm = {
  name: string;
  description: string;
  areaOfNeed: ProvisionFields['areaOfNeed'];
  wave: '1' | '2' | '3';
  format: ProvisionFields['format'];
  sessionsPerWeek: string;
  sessionMinutes: string;
  staffHourlyCost: string;
  resourceCostPerPupil: string;
  hasMeasure: boolean;
  measureName: string;
  measureUnit: string;
  isHigherBetter: boolean;
  measureMin: string;
  measureMax: string;
};

const pounds = (pence: number) => (pence / 100).toFixed(2);

export const blankForm = (): ProvisionForm => ({
  name: '',
  description: '',
  areaOfNeed: 'cognition_learning',
  wave: '2',
  format: 'group',
  sessionsPerWeek: '3',
  sessionMinutes: '20',
  staffHourlyCost: '14.50',
  resourceCostPerPupil: '0.00',
  hasMeasure: false,
  measureName: '',
  measureUnit: '',
  isHigherBetter: true,
  measureMin: '',
  measureMax: '',
});

export const formOf = (entry: ProvisionEntry): ProvisionForm => ({
  name: entry.name,
  description: entry.description ?? '',
  areaOfNeed: entry.areaOfNeed,
  wave: String(entry.wave) as ProvisionForm['wave'],
  format: entry.format,
  sessionsPerWeek: String(entry.sessionsPerWeek),
  sessionMinutes: String(entry.sessionMinutes),
  staffHourlyCost: pounds(entry.staffHourlyCostPence),
  resourceCostPerPupil: pounds(entry.resourceCostPerPupilPence ?? 0),
  hasMeasure: !!entry.measure,
  measureName: entry.measure?.name ?? '',
  measureUnit: entry.measure?.unit ?? '',
  isHigherBetter: entry.measure?.isHigherBetter ?? true,
  measureMin: entry.measure ? String(entry.measure.min) : '',
  measureMax: entry.measure ? String(entry.measure.max) : '',
});

const wholeNumber = (text: string, min: number, max: number, what: string) => {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value))
    return { error: `Enter ${what} as a whole number.` };
  if (value < min || value > max)
    return { error: `${what[0]!.toUpperCase()}${what.slice(1)} must be from ${min} to ${max}.` };
  return { value };
};

const money = (text: string, what: string) => {
  const cleaned = text.trim().replace(/^£/, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned))
    return { error: `Enter ${what} in pounds, e.g. 14.50.` };
  return { value: Math.round(Number(cleaned) * 100) };
};

export const createProvisionModel = () => {
  const editingId = signal<string | undefined>(undefined);
  /** The provision as the form opened it, so a save sends only what was changed. */
  let opened: ProvisionEntry | undefined;
  const form = signal<ProvisionForm>(blankForm());
  const errors = signal<Record<string, string>>({});
  const saved = signal<string | undefined>(undefined);
  return {
    editingId,
    form,
    errors,
    saved,
    set<K extends keyof ProvisionForm>(field: K, value: ProvisionForm[K]) {
      form.value = { ...form.value, [field]: value };
    },
    edit(entry: ProvisionEntry | undefined) {
      editingId.value = entry?.id;
      opened = entry;
      form.value = entry ? formOf(entry) : blankForm();
      errors.value = {};
      saved.value = undefined;
    },
    async save(store: LocalStore): Promise<boolean> {
      const f = form.value;
      const found: Record<string, string> = {};
      const perWeek = wholeNumber(f.sessionsPerWeek, 1, 10, 'sessions a week');
      const minutes = wholeNumber(f.sessionMinutes, 1, 480, 'minutes a session');
      const hourly = money(f.staffHourlyCost, 'the staff cost an hour');
      const resources = money(f.resourceCostPerPupil, 'the resources cost a pupil');
      if ('error' in perWeek) found.sessionsPerWeek = perWeek.error!;
      if ('error' in minutes) found.sessionMinutes = minutes.error!;
      if ('error' in hourly) found.staffHourlyCostPence = hourly.error!;
      if ('error' in resources) found.resourceCostPerPupilPence = resources.error!;
      const min = Number(f.measureMin.trim());
      const max = Number(f.measureMax.trim());
      if (f.hasMeasure) {
        if (f.measureMin.trim() === '' || !Number.isFinite(min))
          found['measure.min'] = 'Enter the lowest possible score.';
        if (f.measureMax.trim() === '' || !Number.isFinite(max))
          found['measure.max'] = 'Enter the highest possible score.';
      }
      if (Object.keys(found).length > 0) {
        errors.value = found;
        return false;
      }
      const fields: ProvisionFields = {
        name: f.name,
        description: f.description,
        areaOfNeed: f.areaOfNeed,
        wave: Number(f.wave) as 1 | 2 | 3,
        format: f.format,
        sessionsPerWeek: perWeek.value!,
        sessionMinutes: minutes.value!,
        staffHourlyCostPence: hourly.value!,
        resourceCostPerPupilPence: resources.value!,
        // No measure is sent as null, so a measure saved before is removed.
        measure: f.hasMeasure
          ? {
              name: f.measureName,
              unit: f.measureUnit.trim(),
              isHigherBetter: f.isHigherBetter,
              min,
              max,
            }
          : null,
      };
      try {
        await saveProvision(store, editingId.value, fields, opened);
        saved.value = `${f.name.trim()} saved on this device.`;
        editingId.value = undefined;
        opened = undefined;
        form.value = blankForm();
        errors.value = {};
        return true;
      } catch (error) {
        errors.value =
          error instanceof ValidationError
            ? error.fieldErrors
            : { _: 'The provision could not be saved on this device. Try again.' };
        return false;
      }
    },
  };
};

export type ProvisionModel = ReturnType<typeof createProvisionModel>;
