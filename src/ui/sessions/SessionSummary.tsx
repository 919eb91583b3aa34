/**
 * One logged session as people read it: when, how long, who came (and why
 * not), ratings and note, whether it has synced, and, if corrected, every
 * earlier version, so the history of the evidence stays visible.
 */
import type { LoggedSessionView, SessionVersionView } from '../../storage';
import { formatWhen } from '../format';
import { ABSENCE_REASON_LABELS, RATING_LABELS, dayLabel, plural } from './labels';

export const syncLabel = (version: SessionVersionView): string =>
  version.rejectedReason
    ? `Needs attention: ${version.rejectedReason}`
    : version.isWaiting
      ? 'Waiting to sync'
      : 'Synced';

export const attendanceLabel = (version: SessionVersionView): string =>
  `${version.present} of ${version.total} present`;

function Details({ version }: { version: SessionVersionView }) {
  return (
    <>
      <p class="session-line">
        <strong>{dayLabel(version.date)}</strong> · {plural(version.minutes, 'minute')} ·{' '}
        {attendanceLabel(version)}
        {version.isUnscheduled ? ' · unscheduled' : ''}
      </p>
      {version.absent.length > 0 && (
        <p class="session-absent">
          Absent:{' '}
          {version.absent
            .map(
              (child) =>
                `${child.name}${child.reason ? ` (${ABSENCE_REASON_LABELS[child.reason as keyof typeof ABSENCE_REASON_LABELS] ?? child.reason})` : ''}`,
            )
            .join(', ')}
        </p>
      )}
      {version.ratings.length > 0 && (
        <p class="session-ratings">
          Ratings:{' '}
          {version.ratings
            .map((child) => `${child.name} ${child.rating} (${RATING_LABELS[child.rating]})`)
            .join(', ')}
        </p>
      )}
      {version.note && <p class="session-note">Note: {version.note}</p>}
    </>
  );
}

export function SessionSummary({
  session,
  correctHref,
  showGroup = false,
}: {
  session: LoggedSessionView;
  correctHref?: string;
  showGroup?: boolean;
}) {
  return (
    <article class="session-summary" data-testid="logged-session" data-session-id={session.id}>
      {showGroup && <h3>{session.groupName}</h3>}
      <Details version={session} />
      <p class="session-status">
        {session.isCorrected && <span class="tag">Corrected</span>} {syncLabel(session)}
        {session.recordedBy ? ` · logged by ${session.recordedBy}` : ''}
        {correctHref && (
          <>
            {' · '}
            <a href={correctHref}>Correct this session</a>
          </>
        )}
      </p>
      {session.history.length > 0 && (
        <details class="session-history">
          <summary>History: {plural(session.history.length, 'earlier version')}</summary>
          <ol>
            {session.history.map((version, index) => (
              <li key={version.id} data-testid="session-version">
                <p class="version-label">
                  {index === 0 ? 'Original' : `Correction ${index}`}, recorded{' '}
                  {formatWhen(version.recordedAt)}
                  {version.recordedBy ? ` by ${version.recordedBy}` : ''}
                </p>
                <Details version={version} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
