/**
 * Starting a lesson in two taps: the class, then the subject. The date and
 * time are filled in. A lesson already running today is offered first.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { SignedInStaff } from '../../domain';
import { classesFor, openLessons, startLesson, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatTime, startOfTodayIso } from '../format';
import '../teaching.css';

/** The subjects offered as one tap each when a lesson starts. */
const SUBJECTS = [
  'English',
  'Maths',
  'Phonics',
  'Reading',
  'Science',
  'History',
  'Geography',
  'PE',
  'Art',
  'Music',
  'PSHE',
  'Computing',
] as const;

export function StartLesson({ store, staff }: { store: LocalStore; staff: SignedInStaff }) {
  const { route } = useLocation();
  const since = startOfTodayIso();
  const classes = useWatch(() => classesFor(store, staff), [store, staff.id]);
  const running = useWatch(() => openLessons(store, staff.id, since), [store, staff.id, since]);
  const [classId, setClassId] = useState<string>();
  const [error, setError] = useState<string>();
  if (!classes || classes.length === 0) return null;
  const chosen = classes.find((entry) => entry.id === classId);

  const begin = async (subject: string) => {
    if (!chosen) return;
    setError(undefined);
    try {
      const id = await startLesson(store, { classId: chosen.id, staffId: staff.id, subject });
      route(`/lesson/${id}`);
    } catch {
      setError('The lesson could not be started on this device. Try again.');
    }
  };

  return (
    <section class="start-lesson" aria-labelledby="start-lesson-heading">
      <h2 id="start-lesson-heading">
        {chosen ? `Start a lesson: ${chosen.name}` : 'Start a lesson'}
      </h2>
      {running && running.length > 0 && !chosen && (
        <ul class="running-lessons">
          {running.map((lesson) => (
            <li key={lesson.id}>
              <a class="button-link" href={`/lesson/${lesson.id}`}>
                Carry on: {lesson.subject} · {lesson.className}, started{' '}
                {formatTime(lesson.startedAt)}
              </a>
            </li>
          ))}
        </ul>
      )}
      {!chosen ? (
        <>
          <div class="choice-grid" role="group" aria-label="Class">
            {classes.map((entry) => (
              <button
                type="button"
                key={entry.id}
                class="choice"
                onClick={() => setClassId(entry.id)}
              >
                {entry.name}
                <span class="choice-detail">
                  {entry.focusCount} focus child{entry.focusCount === 1 ? '' : 'ren'}
                </span>
              </button>
            ))}
          </div>
          <p class="row-actions">
            {classes.map((entry) => (
              <a key={entry.id} href={`/class/${entry.id}`}>
                Focus children in {entry.name}
              </a>
            ))}
          </p>
        </>
      ) : (
        <>
          <div class="choice-grid" role="group" aria-label="Subject">
            {SUBJECTS.map((subject) => (
              <button
                type="button"
                key={subject}
                class="choice"
                onClick={() => void begin(subject)}
              >
                {subject}
              </button>
            ))}
          </div>
          <p class="row-actions">
            <button type="button" class="quiet" onClick={() => setClassId(undefined)}>
              Back to classes
            </button>
          </p>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
