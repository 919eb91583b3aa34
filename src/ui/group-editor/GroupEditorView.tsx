/**
 * The SENCo's form to start an intervention group or change one: provision,
 * name, children (searched by name or class, since a school has hundreds),
 * staff, weekly slots, session length and dates; and archive or restore.
 * Saved on this device first, like everything.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { WEEKDAYS, WEEKDAY_NAMES, plannedSessions, type Weekday } from '../../domain';
import { groupEditorSetup, type GroupEditorSetup, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { plural, ukDate } from '../sessions/labels';
import '../sessions/sessions.css';
import { CHILDREN_SHOWN, createGroupEditorModel, type GroupEditorModel } from './model';
import { Loading, NotFound } from '../components/Loading';
import { ChoiceOptions } from '../components/ChoiceOptions';

const ROLE_WORDS = { ta: 'Teaching assistants', teacher: 'Teachers' } as const;

/** The message beside a field, tied to it by `aria-describedby`. */
function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" id={id}>
      <span aria-hidden="true">▲ </span>
      {error}
    </p>
  );
}

function Described({
  legend,
  errorId,
  error,
  hint,
  children,
}: {
  legend: string;
  errorId: string;
  error: string | undefined;
  hint?: string;
  children: ComponentChildren;
}) {
  const hintId = `${errorId}-hint`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      class="group-fieldset"
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children}
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

function TextField({
  id,
  label,
  value,
  error,
  type = 'text',
  inputMode,
  hint,
  onInput,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  type?: string;
  inputMode?: 'numeric';
  hint?: string;
  onInput: (value: string) => void;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        value={value}
        aria-invalid={!!error}
        aria-describedby={describedBy || undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function ChildrenPicker({ model }: { model: GroupEditorModel }) {
  const errors = model.errors.value;
  const chosen = model.chosenChildren.value;
  const chosenIds = new Set(model.form.value.childIds);
  const { sections, shown, total } = model.childSections.value;
  const { classes } = model.setup.value;
  return (
    <Described
      legend={`Children (${chosen.length} chosen)`}
      errorId="group-children-error"
      error={errors.childIds}
      hint="Up to 40 children. Find them by name or by class."
    >
      {chosen.length > 0 && (
        <ul class="checklist chosen" aria-label="Chosen children">
          {chosen.map((child) => (
            <li key={child.id}>
              <label class="check">
                <input type="checkbox" checked onChange={() => model.toggleChild(child.id)} />
                {child.name}
                {child.className && <span class="check-meta"> · {child.className}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div class="child-search">
        <div class="field">
          <label for="group-child-search">Find a child</label>
          <input
            id="group-child-search"
            type="search"
            autocomplete="off"
            value={model.childQuery.value}
            onInput={(event) => (model.childQuery.value = event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="group-child-class">Class</label>
          <select
            id="group-child-class"
            value={model.classFilter.value}
            onChange={(event) => (model.classFilter.value = event.currentTarget.value)}
          >
            <option value="">All classes</option>
            {classes.map((schoolClass) => (
              <option key={schoolClass.id} value={schoolClass.id}>
                {schoolClass.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {/* Said once per search, not the whole list again on every key. */}
      <p class="hint" aria-live="polite">
        {total === 0
          ? 'No children match.'
          : total > shown
            ? `Showing ${shown} of ${total} children (${CHILDREN_SHOWN} at a time): type more of a name or choose a class.`
            : plural(total, 'child', 'children')}
      </p>
      {total > 0 && (
        <div class="child-results" data-testid="child-results">
          {sections.map((section) => (
            <div key={section.className}>
              <h2 class="check-heading">{section.className}</h2>
              <ul class="checklist">
                {section.children.map((child) => (
                  <li key={child.id}>
                    <label class="check">
                      <input
                        type="checkbox"
                        checked={chosenIds.has(child.id)}
                        onChange={() => model.toggleChild(child.id)}
                      />
                      {child.name}
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </Described>
  );
}

function StaffPicker({ model }: { model: GroupEditorModel }) {
  const { staff } = model.setup.value;
  const chosen = new Set(model.form.value.staffIds);
  const roles = (['ta', 'teacher'] as const).filter((role) => staff.some((s) => s.role === role));
  const others = staff.filter((member) => member.role !== 'ta' && member.role !== 'teacher');
  return (
    <Described legend="Run by" errorId="group-staff-error" error={model.errors.value.staffIds}>
      {[
        ...roles.map((role) => ({
          label: ROLE_WORDS[role],
          members: staff.filter((s) => s.role === role),
        })),
        ...(others.length > 0 ? [{ label: 'Others', members: others }] : []),
      ].map((section) => (
        <div key={section.label}>
          <h2 class="check-heading">{section.label}</h2>
          <ul class="checklist">
            {section.members.map((member) => (
              <li key={member.id}>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(member.id)}
                    onChange={() => model.toggleStaff(member.id)}
                  />
                  {member.name}
                </label>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Described>
  );
}

function SchedulePicker({ model }: { model: GroupEditorModel }) {
  const { slots } = model.form.value;
  const errors = model.errors.value;
  const provision = model.provision.value;
  const hint = provision
    ? `${provision.name} is planned for ${plural(provision.sessionsPerWeek, 'session')} a week${
        slots.length !== provision.sessionsPerWeek ? `; this schedule has ${slots.length}` : ''
      }.`
    : 'Choose a provision first: its sessions a week fill this in.';
  return (
    <Described
      legend="Weekly schedule"
      errorId="group-schedule-error"
      error={errors.schedule}
      hint={hint}
    >
      <ol class="slot-rows">
        {slots.map((slot, index) => {
          const errorId = `group-slot-${index}-error`;
          const error = errors[`schedule.${index}`];
          return (
            <li key={index} data-testid="schedule-slot">
              <div class="field">
                <label for={`group-slot-${index}-day`}>Day of session {index + 1}</label>
                <select
                  id={`group-slot-${index}-day`}
                  value={slot.weekday}
                  aria-invalid={!!error}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(event) =>
                    model.setSlot(index, { weekday: event.currentTarget.value as Weekday })
                  }
                >
                  <ChoiceOptions values={WEEKDAYS} label={(weekday) => WEEKDAY_NAMES[weekday]} />
                </select>
              </div>
              <div class="field">
                <label for={`group-slot-${index}-time`}>Time of session {index + 1}</label>
                <input
                  id={`group-slot-${index}-time`}
                  type="time"
                  value={slot.time}
                  aria-invalid={!!error}
                  aria-describedby={error ? errorId : undefined}
                  onInput={(event) => model.setSlot(index, { time: event.currentTarget.value })}
                />
              </div>
              <button type="button" class="quiet" onClick={() => model.removeSlot(index)}>
                Remove<span class="visually-hidden"> session {index + 1}</span>
              </button>
              <FieldError id={errorId} error={error} />
            </li>
          );
        })}
      </ol>
      <button type="button" class="quiet" onClick={() => model.addSlot()}>
        Add a session time
      </button>
    </Described>
  );
}

/** How many sessions the dates and slots plan, school days only: the "planned" of delivered vs planned. */
const plannedHint = (model: GroupEditorModel): string | undefined => {
  const { slots, startDate, endDate } = model.form.value;
  if (!startDate || !endDate || endDate < startDate || slots.length === 0) return undefined;
  const count = plannedSessions(
    { id: '', schedule: slots, startDate, endDate },
    model.setup.value.calendar,
  ).length;
  return `${plural(count, 'session')} planned from ${ukDate(startDate)} to ${ukDate(endDate)}, on school days only.`;
};

/** After a failed save, the first field marked wrong (or the first box in a marked fieldset). */
const focusFirstProblem = () => {
  const first = document.querySelector<HTMLElement>('.group-form [aria-invalid="true"]');
  const target =
    first instanceof HTMLFieldSetElement
      ? first.querySelector<HTMLElement>('input, select, button')
      : first;
  target?.focus();
};

function Form({ store, model }: { store: LocalStore; model: GroupEditorModel }) {
  const { route } = useLocation();
  const f = model.form.value;
  const errors = model.errors.value;
  const { provisions } = model.setup.value;
  const provision = model.provision.value;
  const isArchived = !!model.setup.value.group?.isArchived;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await model.save(store)) route('/groups');
    else requestAnimationFrame(focusFirstProblem);
  };
  const archive = async (value: boolean) => {
    if (await model.setArchived(store, value)) route('/groups');
  };
  const provisionHint = provision
    ? `${provision.format === 'one_to_one' ? '1:1' : 'Group'} · wave ${provision.wave} · ${plural(provision.sessionsPerWeek, 'session')} a week, ${plural(provision.sessionMinutes, 'minute')}`
    : undefined;
  const provisionDescribedBy = [
    provisionHint ? 'group-provision-hint' : '',
    errors.provisionId ? 'group-provision-error' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <form class="scores-form provision-form group-form" onSubmit={submit} noValidate>
      <div class="provision-grid">
        <div class="field">
          <label for="group-provision">Provision</label>
          <select
            id="group-provision"
            value={f.provisionId}
            aria-invalid={!!errors.provisionId}
            aria-describedby={provisionDescribedBy || undefined}
            onChange={(event) => model.chooseProvision(event.currentTarget.value)}
          >
            <option value="">Choose from the library…</option>
            {provisions.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
                {entry.isArchived ? ' (archived)' : ''}
              </option>
            ))}
          </select>
          {provisionHint && (
            <p class="hint" id="group-provision-hint">
              {provisionHint}
            </p>
          )}
          <FieldError id="group-provision-error" error={errors.provisionId} />
          {provisions.length === 0 && (
            <p class="hint">
              The library is empty: <a href="/provisions">add a provision</a> first.
            </p>
          )}
        </div>
        <TextField
          id="group-name"
          label="Group name"
          value={f.name}
          error={errors.name}
          hint="As the TAs will see it, e.g. “Phonics: Year 2 Ash”."
          onInput={(value) => model.set('name', value)}
        />
      </div>
      <ChildrenPicker model={model} />
      <StaffPicker model={model} />
      <SchedulePicker model={model} />
      <div class="provision-grid">
        <TextField
          id="group-minutes"
          label="Minutes a session"
          value={f.sessionMinutes}
          error={errors.sessionMinutes}
          type="number"
          inputMode="numeric"
          onInput={(value) => model.setMinutes(value)}
        />
        <TextField
          id="group-start"
          label="Starts on"
          value={f.startDate}
          error={errors.startDate}
          type="date"
          onInput={(value) => model.set('startDate', value)}
        />
        <TextField
          id="group-end"
          label="Ends on"
          value={f.endDate}
          error={errors.endDate}
          type="date"
          onInput={(value) => model.set('endDate', value)}
        />
      </div>
      {plannedHint(model) && (
        <p class="hint" data-testid="planned-hint">
          {plannedHint(model)}
        </p>
      )}
      {Object.keys(errors).length > 0 && (
        <p class="error" role="alert">
          {errors._ ?? 'Nothing was saved: check the fields marked ▲.'}
        </p>
      )}
      <div class="register-actions">
        <button type="submit" class="primary" disabled={model.isSaving.value}>
          {model.editingId ? 'Save changes' : 'Save group'}
        </button>
        <a class="button-link quiet" href="/groups">
          Cancel
        </a>
        {model.editingId &&
          (isArchived ? (
            <button type="button" class="quiet" onClick={() => void archive(false)}>
              Restore group
            </button>
          ) : (
            <button type="button" class="quiet" onClick={() => void archive(true)}>
              Archive group
            </button>
          ))}
      </div>
    </form>
  );
}

function Editor({ store, setup }: { store: LocalStore; setup: GroupEditorSetup }) {
  // Made once: a sync landing while the form is open refreshes what it
  // offers (children, staff, provisions) but never what was typed.
  const model = useMemo(() => createGroupEditorModel(setup), []);
  useEffect(() => model.refresh(setup), [setup]);
  const name = setup.group?.name;
  return (
    <section aria-labelledby="group-form-heading">
      <p class="crumb">
        <a href="/groups">← Groups</a>
      </p>
      <h1 id="group-form-heading">{name ? `Change ${name}` : 'New group'}</h1>
      {setup.group?.isArchived && (
        <p class="hint">This group is archived: its TAs do not see it until it is restored.</p>
      )}
      <Form store={store} model={model} />
    </section>
  );
}

export function GroupEditorView({ store, groupId }: { store: LocalStore; groupId?: string }) {
  const setup = useWatch(() => groupEditorSetup(store, groupId), [store, groupId]);
  if (setup === undefined) return <Loading />;
  if (setup === null) {
    return (
      <NotFound title="Group not found">
        This group is not on this device. <a href="/groups">See every group</a>.
      </NotFound>
    );
  }
  return <Editor key={groupId ?? 'new'} store={store} setup={setup} />;
}
