/**
 * The group form: a provision from the library (its session length and
 * sessions a week become the defaults), a name, children picked from a
 * searchable checklist by class, the staff who run it, weekly slots and
 * dates. Text as typed, turned into a group on save, with a message beside
 * each field that is wrong; nothing is saved while anything is.
 *
 * An edit sends only the fields the SENCo changed since opening the form,
 * so a change made meanwhile on another device to another field survives
 * (entities merge field by field; see saveGroup).
 */
import { computed, signal } from '@preact/signals';
import {
  checkGroup,
  defaultSchedule,
  type GroupFields,
  type Slot,
  type Weekday,
} from '../../domain';
import {
  ValidationError,
  saveGroup,
  setGroupArchived,
  type ChildChoice,
  type GroupEditorSetup,
  type LocalStore,
} from '../../storage';

export type GroupForm = {
  provisionId: string;
  name: string;
  childIds: string[];
  staffIds: string[];
  slots: Slot[];
  sessionMinutes: string;
  startDate: string;
  endDate: string;
};

/** A message for the groups list after a save, archive or restore (it outlives the form). */
export const groupFlash = signal<string | undefined>(undefined);

/** How many children the checklist shows at once: a school may have hundreds. */
export const CHILDREN_SHOWN = 60;

export const blankGroupForm = (setup: Pick<GroupEditorSetup, 'defaults'>): GroupForm => ({
  provisionId: '',
  name: '',
  childIds: [],
  staffIds: [],
  slots: [],
  sessionMinutes: '',
  startDate: setup.defaults.startDate,
  endDate: setup.defaults.endDate,
});

export const formOfGroup = (group: GroupFields): GroupForm => ({
  provisionId: group.provisionId,
  name: group.name,
  childIds: [...group.childIds],
  staffIds: [...group.staffIds],
  slots: group.schedule.map((slot) => ({ ...slot })),
  sessionMinutes: String(group.sessionMinutes),
  startDate: group.startDate,
  endDate: group.endDate,
});

const minutesOf = (text: string): { value?: number; error?: string } => {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value)) {
    return { error: 'Enter the minutes a session lasts, as a whole number.' };
  }
  if (value < 1 || value > 480) return { error: 'A session lasts from 1 to 480 minutes.' };
  return { value };
};

/** The group the form describes, and what could not be read from it. */
export const fieldsOf = (
  form: GroupForm,
): { fields: GroupFields; errors: Record<string, string> } => {
  const minutes = minutesOf(form.sessionMinutes);
  return {
    fields: {
      provisionId: form.provisionId,
      name: form.name.trim(),
      childIds: form.childIds,
      staffIds: form.staffIds,
      schedule: form.slots,
      sessionMinutes: minutes.value ?? Number.NaN,
      startDate: form.startDate,
      endDate: form.endDate,
    },
    errors: minutes.error ? { sessionMinutes: minutes.error } : {},
  };
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between the form now and the form as it was opened. */
export const changesOf = (form: GroupForm, opened: GroupForm): Partial<GroupFields> => {
  const now = fieldsOf(form).fields;
  const before = fieldsOf(opened).fields;
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof GroupFields)[]) {
    if (!same(now[key], before[key])) changes[key] = now[key];
  }
  return changes as Partial<GroupFields>;
};

/** Lower case without accents, so "zoe" finds "Zoë". */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export type ChildSection = { className: string; children: ChildChoice[] };

export const createGroupEditorModel = (first: GroupEditorSetup) => {
  const setup = signal(first);
  const editingId = first.group?.id;
  const opened = first.group ? formOfGroup(first.group) : blankGroupForm(first);
  const form = signal<GroupForm>(opened);
  const errors = signal<Record<string, string>>({});
  const isSaving = signal(false);
  /**
   * Whether the SENCo has set the minutes or the slots by hand: choosing a
   * provision then leaves them alone. An existing group's are deliberate.
   */
  const touched = { minutes: !!editingId, slots: !!editingId };
  const childQuery = signal('');
  const classFilter = signal('');

  const provision = computed(() =>
    setup.value.provisions.find((entry) => entry.id === form.value.provisionId),
  );

  const childSections = computed(() => {
    const query = folded(childQuery.value.trim());
    const classId = classFilter.value;
    // Chosen children stay in the results, ticked: a box that jumped away
    // when ticked would take the keyboard focus with it.
    const matches = setup.value.children.filter(
      (child) =>
        (!classId || child.classId === classId) && (!query || folded(child.name).includes(query)),
    );
    const shown = matches.slice(0, CHILDREN_SHOWN);
    const sections: ChildSection[] = [];
    for (const child of shown) {
      const last = sections.at(-1);
      if (last?.className === child.className) last.children.push(child);
      else sections.push({ className: child.className, children: [child] });
    }
    return { sections, shown: shown.length, total: matches.length };
  });

  const chosenChildren = computed(() => {
    const byId = new Map(setup.value.children.map((child) => [child.id, child]));
    return form.value.childIds.map(
      (id) =>
        byId.get(id) ?? { id, name: 'A child not on this device', className: '', yearGroup: 0 },
    );
  });

  const update = (patch: Partial<GroupForm>) => {
    form.value = { ...form.value, ...patch };
  };

  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((item) => item !== id) : [...list, id];

  return {
    setup,
    editingId,
    form,
    errors,
    isSaving,
    childQuery,
    classFilter,
    provision,
    childSections,
    chosenChildren,
    /** A newer copy of what the form offers (a sync landed); what was typed stays. */
    refresh(next: GroupEditorSetup) {
      setup.value = next;
    },
    set<K extends 'name' | 'startDate' | 'endDate'>(field: K, value: GroupForm[K]) {
      update({ [field]: value });
    },
    setMinutes(value: string) {
      touched.minutes = true;
      update({ sessionMinutes: value });
    },
    /** Choose the provision; its session length and sessions a week fill in what was not set by hand. */
    chooseProvision(id: string) {
      const chosen = setup.value.provisions.find((entry) => entry.id === id);
      update({
        provisionId: id,
        ...(chosen && !touched.minutes ? { sessionMinutes: String(chosen.sessionMinutes) } : {}),
        ...(chosen && !touched.slots ? { slots: defaultSchedule(chosen.sessionsPerWeek) } : {}),
      });
    },
    toggleChild(id: string) {
      update({ childIds: toggle(form.value.childIds, id) });
    },
    toggleStaff(id: string) {
      update({ staffIds: toggle(form.value.staffIds, id) });
    },
    addSlot() {
      touched.slots = true;
      const last = form.value.slots.at(-1);
      update({
        slots: [
          ...form.value.slots,
          { weekday: last?.weekday ?? 'mon', time: last?.time ?? '09:00' },
        ],
      });
    },
    removeSlot(index: number) {
      touched.slots = true;
      update({ slots: form.value.slots.filter((_, i) => i !== index) });
    },
    setSlot(index: number, patch: { weekday?: Weekday; time?: string }) {
      touched.slots = true;
      update({
        slots: form.value.slots.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)),
      });
    },
    /**
     * Check and save. Every problem is shown at once, beside its field; the
     * storage command checks again before it writes. Returns the group's id
     * once saved on this device, or undefined.
     */
    async save(store: LocalStore): Promise<string | undefined> {
      if (isSaving.value) return undefined;
      const { fields, errors: unreadable } = fieldsOf(form.value);
      const changes = editingId ? changesOf(form.value, opened) : fields;
      const current = setup.value.group;
      const after = { ...(current ?? {}), ...changes } as GroupFields;
      const found = {
        ...checkGroup(after, {
          provision: setup.value.provisions.find((entry) => entry.id === after.provisionId),
          calendar: setup.value.calendar,
          isChoosingProvision: !editingId || changes.provisionId !== undefined,
        }),
        ...unreadable,
      };
      if (Object.keys(found).length > 0) {
        errors.value = found;
        return undefined;
      }
      isSaving.value = true;
      try {
        const id = await saveGroup(store, editingId, changes);
        errors.value = {};
        groupFlash.value =
          Object.keys(changes).length === 0
            ? `Nothing was changed in ${after.name}.`
            : `${after.name} saved on this device.`;
        return id;
      } catch (error) {
        errors.value =
          error instanceof ValidationError
            ? error.fieldErrors
            : { _: 'The group could not be saved on this device. Try again.' };
        return undefined;
      } finally {
        isSaving.value = false;
      }
    },
    async setArchived(store: LocalStore, isArchived: boolean): Promise<boolean> {
      if (!editingId) return false;
      try {
        await setGroupArchived(store, editingId, isArchived);
        const name = setup.value.group?.name ?? 'The group';
        groupFlash.value = isArchived
          ? `${name} archived: its TAs no longer see it. Restore it from the archived groups.`
          : `${name} restored.`;
        return true;
      } catch (error) {
        errors.value =
          error instanceof ValidationError
            ? error.fieldErrors
            : { _: 'The group could not be changed on this device. Try again.' };
        return false;
      }
    },
  };
};

export type GroupEditorModel = ReturnType<typeof createGroupEditorModel>;
