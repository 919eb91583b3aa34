/**
 * The SENCo's list of every intervention session that has reached this
 * device: the version that stands for each, with corrections marked and the
 * earlier versions kept underneath.
 */
import { allLoggedSessions, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { SessionSummary } from './SessionSummary';
import './sessions.css';
import { Loading } from '../components/Loading';

export function SessionsLoggedView({ store }: { store: LocalStore }) {
  const sessions = useWatch(() => allLoggedSessions(store), [store]);
  return (
    <section aria-labelledby="logged-heading">
      <h1 id="logged-heading">Sessions logged</h1>
      {sessions === undefined ? (
        <Loading />
      ) : sessions.length === 0 ? (
        <p class="empty">No intervention sessions have been logged yet.</p>
      ) : (
        <>
          <p class="lede">
            {sessions.length} session{sessions.length === 1 ? '' : 's'}, newest first. A corrected
            session shows the version that stands; earlier versions are kept in its history.
          </p>
          <div class="session-grid">
            {sessions.map((session) => (
              <SessionSummary
                key={session.id}
                session={session}
                showGroup
                correctHref={`/sessions/${session.id}/correct?back=/sessions`}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
