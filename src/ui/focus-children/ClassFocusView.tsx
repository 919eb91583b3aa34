/**
 * A class's focus children: why each one is there and until when, adding a
 * child with a reason and an until-date (by default the next termly review),
 * and removing one (archived, so the history keeps why they were watched).
 */
import { useState } from 'preact/hooks';
import {
  SEN_STATUS_LABELS,
  childName,
  localDate,
  nextTermlyReview,
  type SignedInStaff,
} from '../../domain';
import {
  addFocusChild,
  classFocusView,
  removeFocusChild,
  type ClassFocusView as Model,
  type LocalStore,
} from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatDate } from '../format';
import { fieldErrorsFrom } from '../child/forms';
import { Field, TextField } from '../components/Field';
import '../teaching.css';
import { StatusMessage } from '../components/StatusMessage';
import { Loading, NotFound } from '../components/Loading';

const day = (date: string) => formatDate(`${date}T12:00:00`);

function AddFocusChild({
  store,
  staff,
  view,
}: {
  store: LocalStore;
  staff: SignedInStaff;
  view: Model;
}) {
  const [childId, setChildId] = useState('');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(() => nextTermlyReview(localDate(), view.calendar));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [added, setAdded] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setAdded(undefined);
    if (!childId) {
      setErrors({ childId: 'Choose a child.' });
      return;
    }
    try {
      await addFocusChild(store, {
        childId,
        classId: view.classId,
        staffId: staff.id,
        reason,
        until,
      });
      const child = view.others.find((entry) => entry.id === childId);
      setAdded(child ? `${childName(child)} is now a focus child.` : undefined);
      setChildId('');
      setReason('');
      setErrors({});
    } catch (caught) {
      setErrors(fieldErrorsFrom(caught));
    }
  };
  return (
    <form
      class="stack-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Add a focus child"
    >
      <Field id="focus-child" label="Child" error={errors.childId}>
        {(aria) => (
          <select {...aria} value={childId} onChange={(e) => setChildId(e.currentTarget.value)}>
            <option value="">Choose a child…</option>
            {view.others.map((child) => (
              <option key={child.id} value={child.id}>
                {childName(child)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        id="focus-reason"
        label="Why"
        error={errors.reason}
        rows={2}
        value={reason}
        onValue={setReason}
      />
      <TextField
        id="focus-until"
        label="Until"
        error={errors.until}
        hint={
          /^\d{4}-\d{2}-\d{2}$/.test(until)
            ? `${day(until)} (the next termly review unless you change it)`
            : undefined
        }
        type="date"
        value={until}
        onValue={setUntil}
      />
      {errors._ && <p class="error">{errors._}</p>}
      <div class="row-actions">
        <button type="submit" class="primary">
          Add focus child
        </button>
        <StatusMessage message={added} inline />
      </div>
    </form>
  );
}

export function ClassFocusView({
  store,
  staff,
  classId,
}: {
  store: LocalStore;
  staff: SignedInStaff;
  classId: string;
}) {
  const view = useWatch(() => classFocusView(store, classId), [store, classId]);
  if (view === undefined) return <Loading />;
  if (!view) {
    return (
      <NotFound title="Class not found">
        <a href="/">Go to your focus children</a>
      </NotFound>
    );
  }
  return (
    <section aria-labelledby="class-focus-heading">
      <h1 id="class-focus-heading">Focus children in {view.className}</h1>
      {view.focus.length === 0 ? (
        <p class="empty">No focus children in this class.</p>
      ) : (
        <ul class="active-targets panel">
          {view.focus.map(({ focus, child, staffName }) => (
            <li key={focus.id} data-testid="class-focus-child">
              <a href={`/child/${child.id}`}>
                <strong>{childName(child)}</strong>
              </a>{' '}
              <span class="tag">{SEN_STATUS_LABELS[child.senStatus]}</span>
              <p class="focus-reason">
                Why: {focus.reason} · until {day(focus.until)}
                {staffName ? ` · ${staffName}` : ''}
              </p>
              <button
                type="button"
                class="quiet small"
                aria-label={`Remove ${childName(child)} from focus children`}
                onClick={() => void removeFocusChild(store, focus.id)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <section class="panel" aria-labelledby="add-focus-heading">
        <h2 id="add-focus-heading">Add a focus child</h2>
        <AddFocusChild store={store} staff={staff} view={view} />
      </section>
    </section>
  );
}
