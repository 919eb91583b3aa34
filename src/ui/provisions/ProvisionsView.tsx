/**
 * The SENCo's provision library: every provision with its wave, format,
 * default frequency and length, cost model and entry/exit measure, and a
 * form to add one or change one. Saved on the device first, like everything.
 */
import { useMemo } from 'preact/hooks';
import { AREAS_OF_NEED, AREA_OF_NEED_LABELS } from '../../domain';
import { provisionLibrary, type LocalStore, type ProvisionEntry } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { plural } from '../sessions/labels';
import '../sessions/sessions.css';
import { createProvisionModel, type ProvisionForm, type ProvisionModel } from './model';
import { StatusMessage } from '../components/StatusMessage';
import { Loading } from '../components/Loading';
import { ChoiceOptions } from '../components/ChoiceOptions';

const money = (pence: number) => `£${(pence / 100).toFixed(2)}`;

function Field({
  model,
  field,
  errorKey = field,
  label,
  type = 'text',
  inputMode,
}: {
  model: ProvisionModel;
  field: keyof ProvisionForm;
  errorKey?: string;
  label: string;
  type?: string;
  inputMode?: 'numeric' | 'decimal';
}) {
  const id = `provision-${field}`;
  const error = model.errors.value[errorKey];
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        value={String(model.form.value[field])}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(event) => model.set(field, event.currentTarget.value as never)}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <span aria-hidden="true">▲ </span>
          {error}
        </p>
      )}
    </div>
  );
}

function Form({ store, model }: { store: LocalStore; model: ProvisionModel }) {
  const f = model.form.value;
  const errors = model.errors.value;
  const submit = async (event: Event) => {
    event.preventDefault();
    await model.save(store);
  };
  return (
    <form class="scores-form provision-form" onSubmit={submit} noValidate>
      <h2 class="section-heading">
        {model.editingId.value ? `Change ${f.name || 'provision'}` : 'Add a provision'}
      </h2>
      <div class="provision-grid">
        <Field model={model} field="name" label="Name" />
        <div class="field">
          <label for="provision-area">Area of need</label>
          <select
            id="provision-area"
            value={f.areaOfNeed}
            onChange={(event) =>
              model.set('areaOfNeed', event.currentTarget.value as ProvisionForm['areaOfNeed'])
            }
          >
            <ChoiceOptions values={AREAS_OF_NEED} label={(area) => AREA_OF_NEED_LABELS[area]} />
          </select>
        </div>
        <div class="field field-wide">
          <label for="provision-description">Description</label>
          <textarea
            id="provision-description"
            rows={2}
            value={f.description}
            onInput={(event) => model.set('description', event.currentTarget.value)}
          />
        </div>
      </div>
      <fieldset class="chips">
        <legend>Wave</legend>
        {(['1', '2', '3'] as const).map((wave) => (
          <label class="chip" key={wave}>
            <input
              type="radio"
              name="wave"
              checked={f.wave === wave}
              onChange={() => model.set('wave', wave)}
            />
            Wave {wave}
          </label>
        ))}
      </fieldset>
      <fieldset class="chips">
        <legend>Format</legend>
        {(
          [
            ['group', 'Group'],
            ['one_to_one', '1:1'],
          ] as const
        ).map(([format, label]) => (
          <label class="chip" key={format}>
            <input
              type="radio"
              name="format"
              checked={f.format === format}
              onChange={() => model.set('format', format)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div class="provision-grid">
        <Field
          model={model}
          field="sessionsPerWeek"
          label="Sessions a week"
          type="number"
          inputMode="numeric"
        />
        <Field
          model={model}
          field="sessionMinutes"
          label="Minutes a session"
          type="number"
          inputMode="numeric"
        />
        <Field
          model={model}
          field="staffHourlyCost"
          errorKey="staffHourlyCostPence"
          label="Staff cost an hour (£)"
          inputMode="decimal"
        />
        <Field
          model={model}
          field="resourceCostPerPupil"
          errorKey="resourceCostPerPupilPence"
          label="Resources a pupil (£)"
          inputMode="decimal"
        />
      </div>
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={f.hasMeasure}
            onChange={(event) => model.set('hasMeasure', event.currentTarget.checked)}
          />
          Entry and exit measure
        </label>
      </div>
      {f.hasMeasure && (
        <fieldset class="measure" aria-describedby={errors.measure ? 'measure-error' : undefined}>
          <legend>Entry and exit measure</legend>
          <div class="provision-grid">
            <Field model={model} field="measureName" errorKey="measure.name" label="Measure" />
            <Field model={model} field="measureUnit" errorKey="measure.unit" label="Unit" />
            <Field
              model={model}
              field="measureMin"
              errorKey="measure.min"
              label="Lowest score"
              type="number"
              inputMode="decimal"
            />
            <Field
              model={model}
              field="measureMax"
              errorKey="measure.max"
              label="Highest score"
              type="number"
              inputMode="decimal"
            />
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={f.isHigherBetter}
              onChange={(event) => model.set('isHigherBetter', event.currentTarget.checked)}
            />
            A higher score is better
          </label>
          {errors.measure && (
            <p class="field-error" id="measure-error">
              <span aria-hidden="true">▲ </span>
              {errors.measure}
            </p>
          )}
        </fieldset>
      )}
      {Object.keys(errors).length > 0 && (
        <p class="error" role="alert">
          {errors._ ?? 'Nothing was saved: check the fields marked ▲.'}
        </p>
      )}
      <StatusMessage class="flash" message={model.saved.value} isSuccess />
      <div class="register-actions">
        <button type="submit" class="primary">
          {model.editingId.value ? 'Save changes' : 'Add provision'}
        </button>
        {model.editingId.value && (
          <button type="button" class="quiet" onClick={() => model.edit(undefined)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function Entry({ entry, onEdit }: { entry: ProvisionEntry; onEdit: () => void }) {
  return (
    <li data-testid="provision">
      <h3>{entry.name}</h3>
      <p>
        Wave {entry.wave} · {entry.format === 'one_to_one' ? '1:1' : 'Group'} ·{' '}
        {AREA_OF_NEED_LABELS[entry.areaOfNeed]}
      </p>
      <p>
        {plural(entry.sessionsPerWeek, 'session')} a week, {plural(entry.sessionMinutes, 'minute')}{' '}
        · staff {money(entry.staffHourlyCostPence)} an hour, resources{' '}
        {money(entry.resourceCostPerPupilPence ?? 0)} a pupil
      </p>
      <p>
        {entry.measure
          ? `Measure: ${entry.measure.name}, ${entry.measure.min} to ${entry.measure.max}${entry.measure.unit ? ` ${entry.measure.unit}` : ''}, ${entry.measure.isHigherBetter ? 'higher is better' : 'lower is better'}`
          : 'No entry and exit measure'}
      </p>
      <p class="slot-meta">Run by {plural(entry.groupCount, 'group')}</p>
      <button type="button" class="quiet" onClick={onEdit}>
        Change<span class="visually-hidden"> {entry.name}</span>
      </button>
    </li>
  );
}

export function ProvisionsView({ store }: { store: LocalStore }) {
  const entries = useWatch(() => provisionLibrary(store), [store]);
  const model = useMemo(() => createProvisionModel(), []);
  return (
    <section aria-labelledby="provisions-heading">
      <h1 id="provisions-heading">Provision library</h1>
      {entries === undefined ? (
        <Loading />
      ) : entries.length === 0 ? (
        <p class="empty">No provisions yet. Add the first below.</p>
      ) : (
        <ul class="week-groups provisions">
          {entries.map((entry) => (
            <Entry
              key={entry.id}
              entry={entry}
              onEdit={() => {
                model.edit(entry);
                document.getElementById('provision-name')?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <Form store={store} model={model} />
    </section>
  );
}
