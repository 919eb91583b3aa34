/**
 * One intervention group: sessions delivered against planned, each child's
 * attendance, minutes received and score change so far, the scores form,
 * and every logged session with its corrections and history.
 */
import { useMemo } from 'preact/hooks';
import { ASSESSMENT_PHASES, type ScoreChange } from '../../domain';
import { groupDetail, type GroupDetail, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { SessionSummary } from '../sessions/SessionSummary';
import { PHASE_LABELS, dayLabel, plural, ukDate } from '../sessions/labels';
import '../sessions/sessions.css';
import { createScoresModel, type ScoresModel } from './model';
import { StatusMessage } from '../components/StatusMessage';
import { Loading, NotFound } from '../components/Loading';

const WEEKDAY_WORDS = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri' } as const;

const changeText = (scores: ScoreChange | undefined, unit: string): string => {
  if (!scores?.entry) return 'No entry score yet';
  if (scores.change === undefined) return 'No later score yet';
  const sign = scores.change > 0 ? '+' : '';
  const direction =
    scores.change === 0 ? '= no change' : scores.isImprovement ? '↑ better' : '↓ worse';
  return `${sign}${scores.change}${unit ? ` ${unit}` : ''} (${direction})`;
};

function ScoresForm({
  store,
  detail,
  model,
}: {
  store: LocalStore;
  detail: GroupDetail;
  model: ScoresModel;
}) {
  const measure = detail.provision?.measure;
  if (!measure) {
    return (
      <p class="empty">
        This provision has no entry and exit measure yet. The SENCo can add one in the provision
        library.
      </p>
    );
  }
  const { errors } = model;
  const submit = async (event: Event) => {
    event.preventDefault();
    await model.save(store);
  };
  const problems = Object.keys(errors.value).length;
  return (
    <form class="scores-form" onSubmit={submit} noValidate aria-labelledby="scores-form-heading">
      <h3 id="scores-form-heading">Record scores</h3>
      <p class="hint">
        {measure.name}: from {measure.min} to {measure.max}
        {measure.unit ? ` ${measure.unit}` : ''},{' '}
        {measure.isHigherBetter ? 'higher is better' : 'lower is better'}. Leave a child blank to
        skip them.
      </p>
      <fieldset class="chips">
        <legend>Which score?</legend>
        {ASSESSMENT_PHASES.map((phase) => (
          <label class="chip" key={phase}>
            <input
              type="radio"
              name="phase"
              checked={model.phase.value === phase}
              onChange={() => (model.phase.value = phase)}
            />
            {PHASE_LABELS[phase]}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="score-date">Date taken</label>
        <input
          id="score-date"
          type="date"
          value={model.date.value}
          max={detail.today}
          aria-invalid={!!errors.value.date}
          aria-describedby={errors.value.date ? 'score-date-error' : undefined}
          onInput={(event) => (model.date.value = event.currentTarget.value)}
        />
        {errors.value.date && (
          <p class="field-error" id="score-date-error">
            <span aria-hidden="true">▲ </span>
            {errors.value.date}
          </p>
        )}
      </div>
      <ul class="score-inputs">
        {detail.children.map((child) => {
          const error = errors.value[`value.${child.id}`];
          const id = `score-${child.id}`;
          return (
            <li key={child.id} class="field">
              <label for={id}>
                {child.name}
                {measure.unit ? ` (${measure.unit})` : ''}
              </label>
              <input
                id={id}
                type="number"
                inputMode="decimal"
                min={measure.min}
                max={measure.max}
                value={model.values.value[child.id] ?? ''}
                aria-invalid={!!error}
                aria-describedby={error ? `${id}-error` : undefined}
                onInput={(event) => model.setValue(child.id, event.currentTarget.value)}
              />
              {error && (
                <p class="field-error" id={`${id}-error`}>
                  <span aria-hidden="true">▲ </span>
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {problems > 0 && (
        <p class="error" role="alert">
          {errors.value._ ?? 'Nothing was saved: check the fields marked ▲.'}
        </p>
      )}
      <StatusMessage class="flash" message={model.saved.value} isSuccess />
      <button type="submit" class="primary" disabled={model.isSaving.value}>
        Save scores
      </button>
    </form>
  );
}

function Detail({
  store,
  detail,
  canEdit,
}: {
  store: LocalStore;
  detail: GroupDetail;
  canEdit: boolean;
}) {
  const { group, provision } = detail;
  const model = useMemo(() => createScoresModel(group.id, detail.today), [group.id]);
  const unit = provision?.measure?.unit ?? '';
  const back = `/groups/${group.id}`;
  return (
    <section aria-labelledby="group-heading" class="group-detail">
      <p class="crumb">
        {canEdit ? <a href="/groups">← Groups</a> : <a href="/">← My sessions</a>}
      </p>
      <h1 id="group-heading">{group.name}</h1>
      {canEdit && (
        <p>
          <a href={`/groups/${group.id}/edit`}>Change this group</a>
        </p>
      )}
      <p class="lede">
        {provision?.name ?? 'Provision'} ·{' '}
        {group.schedule.map((slot) => `${WEEKDAY_WORDS[slot.weekday]} ${slot.time}`).join(', ') ||
          'No timetable'}{' '}
        · {plural(group.sessionMinutes, 'minute')} · {ukDate(group.startDate)} to{' '}
        {ukDate(group.endDate)}
      </p>
      <p class="delivery" data-testid="group-delivery">
        <strong>{plural(detail.delivered, 'session')} delivered</strong> so far
        {detail.unscheduled > 0 ? ` (${detail.unscheduled} unscheduled)` : ''}, against{' '}
        {detail.plannedToDate} planned up to today.
      </p>

      <h2 class="section-heading">Children</h2>
      {detail.children.length === 0 && (
        <p class="empty">No children in this group yet. The SENCo adds them to the group.</p>
      )}
      <ul class="child-progress">
        {detail.children.map((child) => {
          const latest = child.scores?.exit ?? child.scores?.interims.at(-1);
          return (
            <li key={child.id} data-testid="group-child">
              <h3>{child.name}</h3>
              <p>
                Came to {child.attended}, missed {child.missed} · {plural(child.minutes, 'minute')}{' '}
                received
              </p>
              <p>
                {child.scores?.entry
                  ? `Entry ${child.scores.entry.value} (${dayLabel(child.scores.entry.date)})`
                  : 'No entry score'}
                {latest
                  ? ` → ${PHASE_LABELS[latest.phase].toLowerCase()} ${latest.value} (${dayLabel(latest.date)})`
                  : ''}
              </p>
              <p class="score-change" data-testid="score-change">
                {changeText(child.scores, unit)}
              </p>
            </li>
          );
        })}
      </ul>

      <ScoresForm store={store} detail={detail} model={model} />

      <h2 class="section-heading">Sessions logged</h2>
      {detail.sessions.length === 0 ? (
        <p class="empty">No sessions logged yet.</p>
      ) : (
        <div class="session-grid">
          {detail.sessions.map((session) => (
            <SessionSummary
              key={session.id}
              session={session}
              correctHref={`/sessions/${session.id}/correct?back=${encodeURIComponent(back)}`}
            />
          ))}
        </div>
      )}
    </section>
  );
}

export function GroupView({
  store,
  groupId,
  canEdit = false,
}: {
  store: LocalStore;
  groupId: string;
  /** The SENCo (or an admin) keeps groups: offer the way to change this one. */
  canEdit?: boolean;
}) {
  const detail = useWatch(() => groupDetail(store, groupId), [store, groupId]);
  if (detail === undefined) return <Loading />;
  if (detail === null) {
    return (
      <NotFound title="Group not found">
        This group is not on this device. <a href="/">Go to my sessions</a>
      </NotFound>
    );
  }
  return <Detail store={store} detail={detail} canEdit={canEdit} />;
}
