/**
 * A child's SEND record from the school they came from, on the child page
 * and the SENCo's record: plans with their targets, reviews, passport,
 * provision history and scores, as the previous school recorded them.
 * Read-only and kept apart, under "From previous school": it is history
 * written by other staff, not this school's plan, so nothing here can be
 * ticked or edited.
 */
import {
  AREA_OF_NEED_LABELS,
  REVIEW_DECISION_LABELS,
  REVIEW_TARGET_OUTCOME_LABELS,
  TARGET_LEVEL_LABELS,
  type Outcome,
  type StoredRecord,
} from '../../domain';
import { transferredRecordsOf, type LocalStore } from '../../storage';
import { formatDate } from '../format';
import { useWatch } from '../hooks/use-watch';

const PHASES = { entry: 'Entry', interim: 'Interim', exit: 'Exit' } as const;

const day = (date: string) => formatDate(`${date.slice(0, 10)}T12:00:00`);

type Transferred = StoredRecord<'transferredRecord'>;
type Document = Transferred['document'];

/** Ticks per target as the previous school's counts, corrections and withdrawals left out. */
const tickCounts = (document: Document) => {
  const superseded = new Set(document.ticks.map((t) => t.supersedesId).filter(Boolean));
  const counts = new Map<string, Record<Outcome, number>>();
  for (const tick of document.ticks) {
    if (superseded.has(tick.id) || tick.isWithdrawn) continue;
    const row = counts.get(tick.targetId) ?? { achieved: 0, partly: 0, not_yet: 0, absent: 0 };
    row[tick.outcome] += 1;
    counts.set(tick.targetId, row);
  }
  return counts;
};

/** The events that stand: those no later event corrects. */
const standing = <T extends { id: string; supersedesId?: string }>(rows: readonly T[]): T[] => {
  const superseded = new Set(rows.map((r) => r.supersedesId).filter(Boolean));
  return rows.filter((r) => !superseded.has(r.id));
};

function OneRecord({ record }: { record: Transferred }) {
  const { document, fromSchool } = record;
  const counts = tickCounts(document);
  const targets = document.targets;
  const reviews = standing(document.reviews).sort((a, b) => b.date.localeCompare(a.date));
  const scores = standing(document.scores).sort((a, b) => a.date.localeCompare(b.date));
  const provisionName = new Map(document.provisions.map((p) => [p.id, p.name]));
  const groupName = new Map(document.interventions.map((i) => [i.id, i.name]));
  const targetText = new Map(targets.map((t) => [t.id, t.text]));
  const passport = document.passports[0];
  const sessionsOf = (groupId: string) => {
    const lines = standing(document.sessions)
      .filter((s) => s.interventionId === groupId)
      .flatMap((s) => s.attendance);
    return { present: lines.filter((l) => l.isPresent).length, total: lines.length };
  };
  const unplanned = targets.filter(
    (t) => !t.planId || !document.learningPlans.some((p) => p.id === t.planId),
  );
  const targetList = (list: typeof targets) => (
    <ul>
      {list.map((target) => {
        const c = counts.get(target.id);
        return (
          <li key={target.id}>
            {TARGET_LEVEL_LABELS[target.level]}: {target.text}
            {target.isArchived ? ' (closed)' : ''}
            {c && (
              <span class="counts">
                {' '}
                · {c.achieved} achieved, {c.partly} partly, {c.not_yet} not yet, {c.absent} absent
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
  const headingId = `previous-${record.id}`;
  return (
    <section
      class="panel previous-school"
      aria-labelledby={headingId}
      data-testid="previous-school-record"
    >
      <h2 id={headingId}>From previous school: {fromSchool.name}</h2>
      <p class="note">
        {fromSchool.urn ? `URN ${fromSchool.urn}. ` : ''}Exported by that school on{' '}
        {day(record.exportedAt)}. This is their record, kept as it came: it cannot be changed here.
      </p>

      <h3>Plans and targets</h3>
      {document.learningPlans.length === 0 && targets.length === 0 ? (
        <p class="empty">No plans.</p>
      ) : (
        <>
          {document.learningPlans.map((plan) => (
            <div key={plan.id} class="previous-plan">
              <p>
                <strong>{plan.title}</strong>
                {plan.areaOfNeed ? ` · ${AREA_OF_NEED_LABELS[plan.areaOfNeed]}` : ''} ·{' '}
                {day(plan.startDate)} to review {day(plan.reviewDate)}
                {plan.isArchived ? ' (closed)' : ''}
              </p>
              {targetList(targets.filter((t) => t.planId === plan.id))}
            </div>
          ))}
          {unplanned.length > 0 && targetList(unplanned)}
        </>
      )}

      <h3>Reviews</h3>
      {reviews.length === 0 ? (
        <p class="empty">No reviews.</p>
      ) : (
        <ul>
          {reviews.map((review) => (
            <li key={review.id}>
              {day(review.date)}:{' '}
              {review.decisions.map((d) => REVIEW_DECISION_LABELS[d]).join(', ') || 'no decision'}
              {review.targetOutcomes.length > 0 &&
                ` · ${review.targetOutcomes
                  .map(
                    (o) =>
                      `${targetText.get(o.targetId) ?? 'a target'}: ${REVIEW_TARGET_OUTCOME_LABELS[o.outcome]}`,
                  )
                  .join('; ')}`}
              {review.notes && <p class="note">{review.notes}</p>}
            </li>
          ))}
        </ul>
      )}

      <h3>Passport</h3>
      {passport ? (
        <dl class="previous-passport">
          {(
            [
              ['Strengths', passport.strengths],
              ['Needs', passport.needs],
              ['What helps me', passport.whatHelpsMe],
              ['Pupil voice', passport.pupilVoice],
              ['Parent voice', passport.parentVoice],
            ] as const
          )
            .filter(([, text]) => text)
            .map(([label, text]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{text}</dd>
              </div>
            ))}
        </dl>
      ) : (
        <p class="empty">No passport.</p>
      )}

      <h3>Provision history</h3>
      {document.interventions.length === 0 ? (
        <p class="empty">No groups or 1:1 support.</p>
      ) : (
        <ul>
          {document.interventions.map((group) => {
            const attended = sessionsOf(group.id);
            return (
              <li key={group.id}>
                {group.name} ({provisionName.get(group.provisionId) ?? 'provision'}) ·{' '}
                {day(group.startDate)} to {day(group.endDate)}
                {attended.total > 0 &&
                  ` · attended ${attended.present} of ${attended.total} sessions`}
              </li>
            );
          })}
        </ul>
      )}

      <h3>Scores</h3>
      {scores.length === 0 ? (
        <p class="empty">No scores.</p>
      ) : (
        <ul>
          {scores.map((score) => (
            <li key={score.id}>
              {day(score.date)}: {PHASES[score.phase]} score {score.value}
              {score.interventionId && groupName.get(score.interventionId)
                ? ` (${groupName.get(score.interventionId)})`
                : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every record the child brought from previous schools, or nothing when there is none. */
export function PreviousSchoolRecords({ store, childId }: { store: LocalStore; childId: string }) {
  const records = useWatch(() => transferredRecordsOf(store, childId), [store, childId]);
  if (!records || records.length === 0) return null;
  return (
    <>
      {records.map((record) => (
        <OneRecord key={record.id} record={record} />
      ))}
    </>
  );
}
