/**
 * A target's recent ticks as a compact run of small squares, oldest first:
 * a glance shows how it is going. Each square has a symbol as well as a
 * colour, and the whole run is read out as words.
 */
import { OUTCOME_LABELS, type Outcome } from '../../domain';
import { OUTCOME_SYMBOLS } from '../lesson/LessonView';

export function OutcomeRun({ outcomes }: { outcomes: Outcome[] }) {
  if (outcomes.length === 0) return <p class="counts">No ticks yet.</p>;
  const label = `Last ${outcomes.length} tick${outcomes.length === 1 ? '' : 's'}, oldest first: ${outcomes
    .map((outcome) => OUTCOME_LABELS[outcome])
    .join(', ')}`;
  return (
    <div class="run" role="img" aria-label={label} data-testid="outcome-run">
      {outcomes.map((outcome, index) => (
        <span key={index} class={`run-cell run-${outcome}`} aria-hidden="true">
          {OUTCOME_SYMBOLS[outcome]}
        </span>
      ))}
    </div>
  );
}
