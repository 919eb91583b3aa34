/**
 * The session register. It opens with every child present and the planned
 * minutes filled in, so a session where everyone came is saved with one more
 * tap. Tap a child to mark them absent and pick why; ratings and a group note
 * are optional. Also used to correct a logged session (a superseding event).
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ABSENCE_REASONS } from '../../domain';
import {
  correctionSetup,
  isLoggedAsExtra,
  registerSetup,
  type LocalStore,
  type RegisterSetup,
} from '../../storage';
import { ABSENCE_REASON_LABELS, RATING_LABELS, dayLabel, longDayLabel, plural } from './labels';
import { createRegisterModel, flash, type RegisterModel } from './model';
import './sessions.css';
import { Loading, NotFound } from '../components/Loading';

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="field-error" id={id}>
      <span aria-hidden="true">▲ </span>
      {message}
    </p>
  ) : null;
}

function ChildRow({ model, child }: { model: RegisterModel; child: { id: string; name: string } }) {
  const mark = model.marks.value[child.id]!;
  const errorId = `error-${child.id}`;
  const error = model.errors.value[`attendance.${child.id}`];
  return (
    <li
      class={`register-child ${mark.isPresent ? 'is-present' : 'is-absent'}`}
      data-testid="register-child"
    >
      <button
        type="button"
        class="presence"
        aria-pressed={!mark.isPresent}
        aria-describedby={error ? errorId : undefined}
        onClick={() => model.togglePresent(child.id)}
      >
        <span class="child-name">{child.name}</span>
        <span class="presence-state">
          <span aria-hidden="true">{mark.isPresent ? '✓ ' : '– '}</span>
          {mark.isPresent ? 'Present' : 'Absent'}
        </span>
      </button>
      {mark.isPresent ? (
        <fieldset class="chips rating">
          <legend>
            <span class="visually-hidden">{child.name}: </span>How did it go? 1 struggled, 4
            excellent (optional)
          </legend>
          {[1, 2, 3, 4].map((rating) => (
            <label key={rating} class="chip" title={RATING_LABELS[rating]}>
              <input
                type="radio"
                name={`rating-${child.id}`}
                checked={mark.rating === rating}
                onClick={() =>
                  model.setRating(child.id, mark.rating === rating ? undefined : rating)
                }
              />
              <span aria-hidden="true">{rating}</span>
              <span class="visually-hidden">
                {rating} {RATING_LABELS[rating]}
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <fieldset class="chips reasons" aria-describedby={error ? errorId : undefined}>
          <legend>Why was {child.name.split(' ')[0]} absent?</legend>
          {ABSENCE_REASONS.map((reason) => (
            <label key={reason} class="chip">
              <input
                type="radio"
                name={`reason-${child.id}`}
                checked={mark.absenceReason === reason}
                onChange={() => model.setReason(child.id, reason)}
              />
              {ABSENCE_REASON_LABELS[reason]}
            </label>
          ))}
        </fieldset>
      )}
      <FieldError id={errorId} message={error} />
    </li>
  );
}

function Register({
  store,
  model,
  time,
  back,
}: {
  store: LocalStore;
  model: RegisterModel;
  time?: string;
  back: string;
}) {
  const { route } = useLocation();
  const { setup, errors } = model;
  const provision = setup.provision;
  const count = setup.children.length;
  const save = async (event: Event) => {
    event.preventDefault();
    const id = await model.save(store);
    if (!id) return;
    // Why read it back: a session asked for as extra, on a day whose planned
    // slot nobody had logged, is saved as that slot's session (logSession);
    // the message must say what was saved, not what the screen said.
    const asSlot = model.isUnscheduled && !(await isLoggedAsExtra(store, id));
    flash.value = model.isCorrection
      ? `Correction saved on this device for ${setup.group.name}.`
      : asSlot
        ? `Session saved on this device as the planned session of ${longDayLabel(model.date.value)}: ${setup.group.name}, ${model.presentCount.value} of ${count} present.`
        : `Session saved on this device: ${setup.group.name}, ${model.presentCount.value} of ${count} present.`;
    route(back);
  };
  const problems = Object.keys(errors.value).length;
  return (
    <section aria-labelledby="register-heading" class="register">
      <p class="crumb">
        <a href={back}>← Back</a>
      </p>
      <h1 id="register-heading">
        {model.isCorrection ? 'Correct session: ' : 'Register: '}
        {setup.group.name}
      </h1>
      <p class="lede">
        {provision?.name && provision.name !== setup.group.name ? `${provision.name} · ` : ''}
        {model.isCorrection
          ? `Logged for ${dayLabel(setup.session!.date)}. The original stays in the history.`
          : model.isUnscheduled
            ? 'A session not on the timetable'
            : `${longDayLabel(model.date.value)}${time ? ` at ${time}` : ''}`}
        {' · '}
        {plural(count, 'child', 'children')}
      </p>
      <form onSubmit={save} noValidate>
        <h2 class="register-count" aria-live="polite">
          {model.presentCount.value} of {count} present
        </h2>
        <p class="hint">Everyone starts as present. Tap a child to mark them absent.</p>
        <ul class="register-list">
          {setup.children.map((child) => (
            <ChildRow key={child.id} model={model} child={child} />
          ))}
        </ul>
        <div class="register-fields">
          <div class="field">
            <label for="session-minutes">Minutes</label>
            <input
              id="session-minutes"
              type="number"
              inputMode="numeric"
              min={1}
              max={480}
              value={model.minutes.value}
              aria-invalid={!!errors.value.minutes}
              aria-describedby={errors.value.minutes ? 'minutes-error' : undefined}
              onInput={(event) => model.edit('minutes', event.currentTarget.value)}
            />
            <FieldError id="minutes-error" message={errors.value.minutes} />
          </div>
          <div class="field">
            <label for="session-date">Date</label>
            <input
              id="session-date"
              type="date"
              value={model.date.value}
              max={setup.today}
              aria-invalid={!!errors.value.date}
              aria-describedby={errors.value.date ? 'date-error' : undefined}
              onInput={(event) => model.edit('date', event.currentTarget.value)}
            />
            <FieldError id="date-error" message={errors.value.date} />
          </div>
          <div class="field field-wide">
            <label for="session-note">Group note (optional)</label>
            <textarea
              id="session-note"
              rows={2}
              value={model.note.value}
              aria-invalid={!!errors.value.note}
              aria-describedby={errors.value.note ? 'note-error' : undefined}
              onInput={(event) => model.edit('note', event.currentTarget.value)}
            />
            <FieldError id="note-error" message={errors.value.note} />
          </div>
        </div>
        {problems > 0 && (
          <p class="error" role="alert">
            {errors.value._ ??
              `Nothing was saved: ${problems === 1 ? 'check the field marked ▲' : 'check the fields marked ▲'}.`}
          </p>
        )}
        <div class="register-actions">
          <button type="submit" class="primary big" disabled={model.isSaving.value}>
            {model.isCorrection ? 'Save correction' : 'Save session'}
          </button>
          <a href={back} class="button-link quiet">
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}

/** Loads the register once (not live: a sync arriving must not reset what the TA has tapped). */
function useSetup(load: () => Promise<RegisterSetup | null>, deps: unknown[]) {
  const [setup, setSetup] = useState<RegisterSetup | null | undefined>(undefined);
  useEffect(() => {
    let isCurrent = true;
    setSetup(undefined);
    load().then(
      (value) => isCurrent && setSetup(value),
      () => isCurrent && setSetup(null),
    );
    return () => {
      isCurrent = false;
    };
  }, deps);
  return setup;
}

function useModel(
  setup: RegisterSetup | null | undefined,
  date: string | undefined,
  isUnscheduled: boolean,
) {
  const [model, setModel] = useState<RegisterModel>();
  useEffect(() => {
    if (setup) setModel(createRegisterModel(setup, { date: date ?? setup.today, isUnscheduled }));
  }, [setup]);
  return model;
}

const GroupNotFound = () => (
  <NotFound title="Group not found">
    This group is not on this device. <a href="/">Go to my sessions</a>
  </NotFound>
);

export function LogSessionView({ store, groupId }: { store: LocalStore; groupId: string }) {
  const { query } = useLocation();
  const setup = useSetup(() => registerSetup(store, groupId), [store, groupId]);
  const model = useModel(setup, query.date, query.unscheduled === '1');
  if (setup === null) return <GroupNotFound />;
  if (!model) return <Loading message="Opening the register…" />;
  return <Register store={store} model={model} time={query.time} back={query.back ?? '/'} />;
}

export function CorrectSessionView({ store, sessionId }: { store: LocalStore; sessionId: string }) {
  const { query } = useLocation();
  const setup = useSetup(() => correctionSetup(store, sessionId), [store, sessionId]);
  const model = useModel(setup, undefined, false);
  if (setup === null) return <GroupNotFound />;
  if (!model) return <Loading message="Opening the register…" />;
  return <Register store={store} model={model} back={query.back ?? '/'} />;
}
