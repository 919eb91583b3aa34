/**
 * The provision library, kept by the SENCo: adding and editing a provision
 * (what it is, its wave and format, its default frequency and length, its
 * cost model and its entry/exit measure), and the list of provisions with
 * how many groups run each.
 */
import { changedFields, newId, type Provision } from '../domain';
import { patchEntity } from './commands';
import type { LocalStore } from './local-store';
import { isCurrent, isLive } from './rows';
import { ValidationError } from './validation';

export type ProvisionFields = Omit<Provision, 'isArchived'>;

/**
 * Saves a provision (a new one when no id). Checks that need more than one
 * field (a measure's range) are made here; each field's own rules are the
 * schema's. Returns the provision's id.
 *
 * Why only the changed fields, as for groups: entities merge field by field,
 * last writer wins per field. `opened` is the provision as the form showed
 * it; a field the person left alone is not sent, even if another device's
 * change to it reached this one while the form was open, so that change
 * stands. A field equal to what this device holds now is dropped too.
 */
export const saveProvision = async (
  store: LocalStore,
  id: string | undefined,
  fields: ProvisionFields,
  opened?: Provision,
): Promise<string> => {
  const { measure } = fields;
  if (measure) {
    const errors: Record<string, string> = {};
    if (!measure.name.trim()) errors['measure.name'] = 'Name the measure, e.g. "NARA reading age".';
    if (!Number.isFinite(measure.min)) errors['measure.min'] = 'Enter the lowest possible score.';
    if (!Number.isFinite(measure.max)) errors['measure.max'] = 'Enter the highest possible score.';
    else if (Number.isFinite(measure.min) && measure.max <= measure.min) {
      errors['measure.max'] = 'The highest score must be more than the lowest.';
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  }
  const target = id ?? newId();
  const existing = id ? await store.db.records('provision').get(id) : undefined;
  // A new provision has no measure to remove: leave the field out.
  const { measure: _none, ...withoutMeasure } = fields;
  const edited = opened
    ? changedFields<ProvisionFields>(
        {
          ...opened,
          // As the form shows them: defaults filled in, no measure as null.
          description: opened.description ?? '',
          resourceCostPerPupilPence: opened.resourceCostPerPupilPence ?? 0,
          measure: opened.measure ?? null,
        },
        fields,
      )
    : fields;
  const sent = changedFields<ProvisionFields>(
    existing,
    existing || fields.measure ? edited : withoutMeasure,
  );
  if (Object.keys(sent).length > 0) await patchEntity(store, 'provision', target, sent);
  return target;
};

export type ProvisionEntry = Provision & { id: string; groupCount: number };

/** Every provision in the library, by name, with how many active groups run it. */
export const provisionLibrary = async (store: LocalStore): Promise<ProvisionEntry[]> => {
  const [provisions, groups] = await Promise.all([
    store.db.records('provision').toArray(),
    store.db.records('intervention').toArray(),
  ]);
  const counts = new Map<string, number>();
  for (const group of groups.filter(isCurrent)) {
    counts.set(group.provisionId, (counts.get(group.provisionId) ?? 0) + 1);
  }
  return provisions
    .filter(isLive)
    .map((row) => ({ ...row, groupCount: counts.get(row.id) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
};
