/**
 * The lesson: each focus child with today's targets. One tap records an
 * outcome, an optional second tap how much support was needed, and a note
 * is optional. Every tap writes to the device at once (never the network)
 * and the button shows it before the write has even finished; sync follows
 * on its own. A mistaken tick is changed or undone by a new tick that
 * supersedes it, so the history stays true.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  OUTCOMES,
  OUTCOME_LABELS,
  SUPPORT_LABELS,
  SUPPORT_LEVELS,
  localDate,
  type Outcome,
  childFirstName,
  childName,
} from '../../domain';
import {
  addLessonTarget,
  endLesson,
  lessonView,
  setTargetHidden,
  type LessonChildView,
  type LessonTargetView,
  type LocalStore,
} from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatDay, formatTime } from '../format';
import { createTargetTickModel } from '../components/target-tick-model';
import { StatusMessage } from '../components/StatusMessage';
import '../teaching.css';
import { Loading, NotOnThisDevice } from '../components/Loading';

export const OUTCOME_SYMBOLS: Record<Outcome, string> = {
  achieved: '✓',
  partly: '◐',
  not_yet: '✗',
  absent: '–',
};

const errorText = (caught: unknown, field: string): string => {
  const fieldErrors = (caught as { fieldErrors?: Record<string, string> }).fieldErrors;
  return (
    fieldErrors?.[field] ??
    (caught instanceof Error ? caught.message : 'That could not be saved. Try again.')
  );
};

function NoteEditor({
  initial,
  error,
  onSave,
  onCancel,
  idBase,
}: {
  initial: string;
  error?: string;
  onSave: (note: string) => void;
  onCancel: () => void;
  idBase: string;
}) {
  const [text, setText] = useState(initial);
  const field = useRef<HTMLTextAreaElement>(null);
  // Opened to write in: the keyboard goes straight to the note.
  useEffect(() => field.current?.focus(), []);
  return (
    <div class="note-editor">
      <label for={`${idBase}-note`}>Note (optional)</label>
      <textarea
        ref={field}
        id={`${idBase}-note`}
        rows={2}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${idBase}-note-error` : undefined}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      {error && (
        <p id={`${idBase}-note-error`} class="error field-error">
          {error}
        </p>
      )}
      <div class="row-actions">
        <button type="button" class="primary" onClick={() => onSave(text)}>
          Save note
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function LessonTarget({
  store,
  lessonId,
  view,
  onHide,
}: {
  store: LocalStore;
  lessonId: string;
  view: LessonTargetView;
  /** Told before the target is hidden, so the child's card can keep the keyboard's place and offer Undo. */
  onHide: (target: { id: string; text: string }) => void;
}) {
  const { target, mine, others } = view;
  const model = useMemo(
    () => createTargetTickModel(store, { id: target.id, childId: target.childId }, lessonId),
    [store, target.id, target.childId, lessonId],
  );
  useEffect(() => model.sync(mine), [model, mine?.id]);
  const [isEditingNote, setEditingNote] = useState(false);
  const shown = model.optimistic.value ?? mine ?? {};
  const headingId = `target-${target.id}`;
  const error = model.error.value;
  const noteToggle = useRef<HTMLButtonElement>(null);
  const outcomes = useRef<HTMLDivElement>(null);
  const closeNote = () => {
    setEditingNote(false);
    // The editor and its buttons are gone: give the keyboard back to "Add note".
    requestAnimationFrame(() => noteToggle.current?.focus());
  };

  const saveNote = async (note: string) => {
    const ok = await model.record({ note: note.trim() ? note : null });
    if (ok) closeNote();
  };

  return (
    <li class="target lesson-target" data-testid="lesson-target" data-target-id={target.id}>
      <div role="group" aria-labelledby={headingId}>
        <div class="target-head">
          <p id={headingId} class="target-text">
            {target.text}
            {target.lessonId && <span class="tag quiet-tag"> This lesson only</span>}
          </p>
        </div>
        <div class="outcomes" ref={outcomes}>
          {OUTCOMES.map((outcome) => (
            <button
              type="button"
              key={outcome}
              class={`outcome outcome-${outcome}`}
              aria-pressed={shown.outcome === outcome}
              onClick={() => void model.record({ outcome })}
            >
              <span aria-hidden="true">{OUTCOME_SYMBOLS[outcome]}</span> {OUTCOME_LABELS[outcome]}
            </button>
          ))}
        </div>
        {shown.outcome && (
          <div class="support-row">
            {shown.outcome !== 'absent' && (
              <>
                <span class="support-label" id={`${headingId}-support`}>
                  Support
                </span>
                <div class="supports" role="group" aria-labelledby={`${headingId}-support`}>
                  {SUPPORT_LEVELS.map((support) => (
                    <button
                      type="button"
                      key={support}
                      class="support"
                      aria-pressed={shown.support === support}
                      onClick={() =>
                        void model.record({ support: shown.support === support ? null : support })
                      }
                    >
                      {shown.support === support && <span aria-hidden="true">✓ </span>}
                      {SUPPORT_LABELS[support]}
                    </button>
                  ))}
                </div>
              </>
            )}
            <div class="row-actions">
              <button
                ref={noteToggle}
                type="button"
                class="quiet small"
                aria-expanded={isEditingNote}
                onClick={() => setEditingNote(!isEditingNote)}
              >
                {shown.note ? 'Edit note' : 'Add note'}
              </button>
              <button
                type="button"
                class="quiet small"
                onClick={() => {
                  // Undo removes this row: the keyboard goes back to the outcomes.
                  outcomes.current?.querySelector('button')?.focus();
                  void model.undo();
                }}
              >
                Undo
              </button>
            </div>
          </div>
        )}
        {isEditingNote && shown.outcome && (
          <NoteEditor
            idBase={headingId}
            initial={shown.note ?? ''}
            error={error}
            onSave={(note) => void saveNote(note)}
            onCancel={() => {
              model.error.value = undefined;
              closeNote();
            }}
          />
        )}
        <p class="tick-state" data-testid="tick-state">
          {shown.outcome
            ? `${OUTCOME_LABELS[shown.outcome]}${shown.support ? ` · ${SUPPORT_LABELS[shown.support].toLowerCase()}` : ''}${
                mine && !model.optimistic.value
                  ? ` at ${formatTime(mine.recordedAt)} · ${
                      mine.rejectedReason
                        ? 'needs attention'
                        : mine.isWaiting
                          ? 'waiting to sync'
                          : 'synced'
                    }`
                  : ' · saving on this device'
              }`
            : 'Not ticked yet'}
        </p>
        {shown.note && !isEditingNote && <p class="tick-note">Note: {shown.note}</p>}
        {others.length > 0 && (
          <ul class="other-ticks" aria-label="Ticks by other adults">
            {others.map((tick) => (
              <li key={tick.id} data-testid="other-tick">
                {tick.staffName ?? 'Another adult'}: {OUTCOME_LABELS[tick.outcome]}
                {tick.support ? ` · ${SUPPORT_LABELS[tick.support].toLowerCase()}` : ''} at{' '}
                {formatTime(tick.recordedAt)}
                {tick.note ? ` · ${tick.note}` : ''}
              </li>
            ))}
          </ul>
        )}
        {error && !isEditingNote && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {/* Why down here, small and apart: a tap meant for "Absent" must never
            hide the target; and a hidden one comes back with Undo. */}
        <p class="target-foot">
          <button
            type="button"
            class="link-button"
            aria-label={`Hide for this lesson: ${target.text}`}
            onClick={() => {
              onHide({ id: target.id, text: target.text });
              void setTargetHidden(store, lessonId, target.id, true);
            }}
          >
            Hide for this lesson
          </button>
        </p>
      </div>
    </li>
  );
}

function OneOffTargetForm({
  store,
  lessonId,
  children,
  fixedChildId,
  onDone,
}: {
  store: LocalStore;
  lessonId: string;
  children?: { id: string; name: string }[];
  fixedChildId?: string;
  onDone: () => void;
}) {
  const [childId, setChildId] = useState(fixedChildId ?? '');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idBase = `one-off-${fixedChildId ?? 'any'}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!childId) {
      setErrors({ childId: 'Choose a child.' });
      return;
    }
    try {
      await addLessonTarget(store, { lessonId, childId, text, startDate: localDate() });
      setText('');
      setErrors({});
      onDone();
    } catch (caught) {
      setErrors({
        text: errorText(caught, 'text'),
      });
    }
  };
  return (
    <form class="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      {children && (
        <>
          <label for={`${idBase}-child`}>Child</label>
          <select
            id={`${idBase}-child`}
            value={childId}
            aria-invalid={errors.childId ? true : undefined}
            aria-describedby={errors.childId ? `${idBase}-child-error` : undefined}
            onChange={(event) => setChildId(event.currentTarget.value)}
          >
            <option value="">Choose a child…</option>
            {children.map((child) => (
              <option key={child.id} value={child.id}>
                {child.name}
              </option>
            ))}
          </select>
          {errors.childId && (
            <p id={`${idBase}-child-error`} class="error field-error">
              {errors.childId}
            </p>
          )}
        </>
      )}
      <label for={`${idBase}-text`}>Target for this lesson</label>
      <input
        id={`${idBase}-text`}
        type="text"
        value={text}
        aria-invalid={errors.text ? true : undefined}
        aria-describedby={errors.text ? `${idBase}-text-error` : undefined}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      {errors.text && (
        <p id={`${idBase}-text-error`} class="error field-error">
          {errors.text}
        </p>
      )}
      <button type="submit" class="primary">
        Add target
      </button>
    </form>
  );
}

function LessonChild({
  store,
  lessonId,
  view,
}: {
  store: LocalStore;
  lessonId: string;
  view: LessonChildView;
}) {
  const { child } = view;
  const [isAdding, setAdding] = useState(false);
  const [lastHidden, setLastHidden] = useState<{ id: string; text: string }>();
  const name = childName(child);
  // A hidden (or shown again) target leaves the list under the keyboard's
  // focus: once the list has changed, focus the hidden targets' summary, or
  // the child's name when none is hidden any more.
  const refocus = useRef(false);
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const next =
      card.current?.querySelector<HTMLElement>('.hidden-note button') ??
      card.current?.querySelector<HTMLElement>('.hidden-targets summary') ??
      card.current?.querySelector<HTMLElement>('h2 a');
    next?.focus();
  }, [view.hidden.length]);
  return (
    <article
      ref={card}
      class="child-card lesson-child"
      aria-labelledby={`lesson-child-${child.id}`}
      data-testid="lesson-child"
    >
      <header>
        <h2 id={`lesson-child-${child.id}`}>
          <a href={`/child/${child.id}`}>{name}</a>
        </h2>
        <p class="focus-reason">
          <span class="visually-hidden">Why a focus child: </span>
          {view.focusReason}
        </p>
      </header>
      {view.targets.length === 0 ? (
        <p class="empty">No targets for this lesson.</p>
      ) : (
        <ul class="targets">
          {view.targets.map((target) => (
            <LessonTarget
              key={target.target.id}
              store={store}
              lessonId={lessonId}
              view={target}
              onHide={(hidden) => {
                refocus.current = true;
                setLastHidden(hidden);
              }}
            />
          ))}
        </ul>
      )}
      {lastHidden && view.hidden.some((target) => target.id === lastHidden.id) && (
        <p class="hidden-note" role="status">
          Hidden for this lesson: {lastHidden.text}.{' '}
          <button
            type="button"
            class="quiet small"
            aria-label={`Undo: show ${lastHidden.text}`}
            onClick={() => {
              refocus.current = true;
              setLastHidden(undefined);
              void setTargetHidden(store, lessonId, lastHidden.id, false);
            }}
          >
            Undo
          </button>
        </p>
      )}
      {view.hidden.length > 0 && (
        <details class="hidden-targets">
          <summary>
            {view.hidden.length} hidden target{view.hidden.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {view.hidden.map((target) => (
              <li key={target.id}>
                <span>{target.text}</span>{' '}
                <button
                  type="button"
                  class="quiet small"
                  aria-label={`Show ${target.text}`}
                  onClick={() => {
                    refocus.current = true;
                    void setTargetHidden(store, lessonId, target.id, false);
                  }}
                >
                  Show
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <button
        type="button"
        class="quiet small"
        aria-expanded={isAdding}
        onClick={() => setAdding(!isAdding)}
      >
        One-off target for {childFirstName(child)}
      </button>
      {isAdding && (
        <OneOffTargetForm
          store={store}
          lessonId={lessonId}
          fixedChildId={child.id}
          onDone={() => setAdding(false)}
        />
      )}
    </article>
  );
}

export function LessonView({
  store,
  lessonId,
  staffId,
}: {
  store: LocalStore;
  lessonId: string;
  staffId: string;
}) {
  const view = useWatch(() => lessonView(store, lessonId, staffId), [store, lessonId, staffId]);
  const [isAddingOther, setAddingOther] = useState(false);
  const [endError, setEndError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  if (view === undefined) return <Loading />;
  if (!view) {
    return <NotOnThisDevice title="Lesson not found" />;
  }
  const { lesson } = view;
  const focusIds = new Set(view.children.map((entry) => entry.child.id));
  const ticked = view.children.reduce(
    (sum, entry) => sum + entry.targets.filter((target) => target.mine).length,
    0,
  );
  const total = view.children.reduce((sum, entry) => sum + entry.targets.length, 0);
  return (
    <section aria-labelledby="lesson-heading" class="lesson">
      <header class="lesson-header">
        <div>
          <h1 id="lesson-heading" ref={heading} tabIndex={-1}>
            {lesson.subject} · {view.className}
          </h1>
          <p class="lede">
            {formatDay(lesson.startedAt)}, started {formatTime(lesson.startedAt)}
            {lesson.endedAt ? `, ended ${formatTime(lesson.endedAt)}` : ''} · {ticked} of {total}{' '}
            targets ticked
          </p>
        </div>
        <StatusMessage class="lesson-ended" message={lesson.endedAt ? 'Lesson ended' : undefined} />
        {!lesson.endedAt && (
          <button
            type="button"
            class="primary"
            onClick={() => {
              // The button gives way to "Lesson ended": keep the keyboard on the lesson.
              heading.current?.focus();
              void endLesson(store, lesson.id).catch(() =>
                setEndError('The lesson could not be ended on this device. Try again.'),
              );
            }}
          >
            End lesson
          </button>
        )}
      </header>
      {endError && (
        <p class="error" role="alert">
          {endError}
        </p>
      )}
      {view.children.length === 0 && (
        <p class="empty">
          No focus children in {view.className} yet: add them from{' '}
          <a href={`/class/${lesson.classId}`}>the class’s focus children</a>, or set a one-off
          target below.
        </p>
      )}
      <div class="child-list">
        {view.children.map((entry) => (
          <LessonChild key={entry.child.id} store={store} lessonId={lesson.id} view={entry} />
        ))}
      </div>
      <div class="lesson-footer">
        <button
          type="button"
          class="quiet"
          aria-expanded={isAddingOther}
          onClick={() => setAddingOther(!isAddingOther)}
        >
          One-off target for another child
        </button>
        {isAddingOther && (
          <OneOffTargetForm
            store={store}
            lessonId={lesson.id}
            children={view.classChildren.filter((child) => !focusIds.has(child.id))}
            onDone={() => setAddingOther(false)}
          />
        )}
      </div>
    </section>
  );
}
