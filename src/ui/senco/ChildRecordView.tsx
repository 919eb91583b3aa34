/**
 * A child's record on one page: who they are, their SEN register history, passport, plans and targets
 * with their ticks, provision sessions, assessment scores and reviews.
 * Printable on A4 for a pupil progress meeting or an annual EHCP review,
 * and exportable as the portable JSON SEND record.
 */
import { useEffect, useMemo } from 'preact/hooks';
import {
  AREA_OF_NEED_LABELS,
  OUTCOME_LABELS,
  REVIEW_DECISION_LABELS,
  REVIEW_TARGET_OUTCOME_LABELS,
  SEN_STATUS_LABELS,
  TARGET_LEVEL_LABELS,
  rollUp,
  rollUpHeadline,
  standingRecords,
} from '../../domain';
import { childName, groupsOfChild, legalName } from '../../domain/reports';
import { exportChild } from '../../domain/reports/export';
import type { LocalStore } from '../../storage';
import type { ViewLog } from '../../sync';
import { formatDate } from '../format';
import { today, useSchoolRecords } from './model';
import { DownloadButton } from '../components/DownloadButton';
import { Loading } from '../components/Loading';
import { PreviousSchoolRecords } from '../child/PreviousSchoolRecord';
import { SenHistory } from './SenHistory';
import { isManagerRole } from '../../domain/people';
import type { Role } from '../../domain/records';

export function ChildRecordView({
  store,
  id,
  views,
  role,
}: {
  store: LocalStore;
  id: string;
  /** Who is looking: the register's buttons are offered only to those the server lets write it. */
  role?: Role;
  /** Where opening, printing or exporting the record is noted for the audit log. */
  views?: Pick<ViewLog, 'record'>;
}) {
  const records = useSchoolRecords(store);
  useEffect(() => {
    void views?.record(id, 'child_record');
  }, [views, id]);
  const view = useMemo(() => {
    if (!records) return undefined;
    const child = records.children.find((c) => c.id === id);
    if (!child) return null;
    const ticks = standingRecords(records.ticks.filter((t) => t.childId === id)).sort((a, b) =>
      b.recordedAt.localeCompare(a.recordedAt),
    );
    const interventions = new Map(records.interventions.map((i) => [i.id, i]));
    const sessions = standingRecords(records.sessions)
      .filter((s) => s.attendance.some((a) => a.childId === id))
      .sort((a, b) => b.date.localeCompare(a.date));
    return {
      child,
      className: records.classes.find((c) => c.id === child.classId)?.name,
      passport: records.passports.find((p) => p.childId === id),
      plans: records.learningPlans.filter((p) => p.childId === id && !p.isArchived),
      targets: records.targets.filter((t) => t.childId === id && !t.isArchived),
      allTargets: records.targets.filter((t) => t.childId === id),
      allTicks: records.ticks.filter((t) => t.childId === id),
      allReviews: records.reviews.filter((r) => r.childId === id),
      ticks,
      sessions: sessions.map((s) => ({
        ...s,
        groupName: interventions.get(s.interventionId)?.name ?? 'A group',
        me: s.attendance.find((a) => a.childId === id)!,
      })),
      scores: standingRecords(records.scores.filter((s) => s.childId === id)).sort((a, b) =>
        a.date.localeCompare(b.date),
      ),
      reviews: standingRecords(records.reviews.filter((r) => r.childId === id)).sort((a, b) =>
        b.date.localeCompare(a.date),
      ),
      interventions,
      focus: records.focusChildren.filter((f) => f.childId === id && !f.isArchived),
      senRegister: records.senRegister.filter((e) => e.childId === id),
      staffNames: new Map(records.staff.map((s) => [s.id, s.name])),
    };
  }, [records, id]);
  if (view === undefined) return <Loading />;
  if (view === null) return <p class="empty">This child is not on this device.</p>;
  const { child } = view;
  // The SENCo's record is the legal record: the legal name heads it, with the
  // name staff use beside it when the MIS holds a preferred one.
  const name = legalName(child);
  const knownAs = childName(child) === name ? undefined : childName(child);
  return (
    <article class="report child-record" aria-labelledby="child-heading">
      <div class="report-head">
        <h1 id="child-heading">{name}</h1>
        {knownAs && <p class="known-as">Known as {knownAs}</p>}
        <div class="report-tools no-print">
          <button
            type="button"
            class="quiet"
            onClick={() => {
              void views?.record(id, 'child_export');
              print();
            }}
          >
            Print
          </button>
          <DownloadButton
            label="Export JSON"
            filename={() =>
              `send-record-${child.lastName}-${child.firstName}-${today()}.json`.replace(
                /\s+/g,
                '-',
              )
            }
            type="application/json"
            build={() => {
              void views?.record(id, 'child_export');
              return JSON.stringify(exportChild(records!, id, new Date().toISOString()), null, 2);
            }}
          />
        </div>
      </div>
      <p class="summary">
        {view.className ?? 'No class'} · {SEN_STATUS_LABELS[child.senStatus]}
        {child.senStatus !== 'none' &&
          child.senStartDate &&
          ` since ${formatDate(child.senStartDate)}`}
        {child.dateOfBirth && ` · born ${formatDate(child.dateOfBirth)}`}
        {child.upn && ` · UPN ${child.upn}`}
        {child.areasOfNeed.length > 0 &&
          ` · ${child.areasOfNeed.map((a) => AREA_OF_NEED_LABELS[a]).join(', ')}`}
      </p>
      <p class="summary">
        Groups:{' '}
        {groupsOfChild(child)
          .map((g) => g.label)
          .join(', ')}
      </p>
      {view.focus.map((f) => (
        <p key={f.id} class="note">
          Focus child until {formatDate(f.until)}: {f.reason}
        </p>
      ))}

      <SenHistory
        store={store}
        child={child}
        entries={view.senRegister}
        staffNames={view.staffNames}
        canChange={role !== undefined && isManagerRole(role)}
        canCorrect={role === 'senco'}
      />

      <h2>Pupil passport</h2>
      {view.passport ? (
        <dl class="passport">
          <dt>Strengths</dt>
          <dd>{view.passport.strengths || '—'}</dd>
          <dt>Needs</dt>
          <dd>{view.passport.needs || '—'}</dd>
          <dt>What helps me</dt>
          <dd>{view.passport.whatHelpsMe || '—'}</dd>
          <dt>Pupil voice</dt>
          <dd>{view.passport.pupilVoice || '—'}</dd>
          <dt>Parent voice</dt>
          <dd>{view.passport.parentVoice || '—'}</dd>
        </dl>
      ) : (
        <p class="empty">No passport yet.</p>
      )}

      <h2>Plans and targets</h2>
      {view.plans.length === 0 && <p class="empty">No learning plan.</p>}
      {view.plans.map((p) => (
        <p key={p.id}>
          <strong>{p.title}</strong>: {formatDate(p.startDate)} to review on{' '}
          {formatDate(p.reviewDate)}
        </p>
      ))}
      {view.targets.length === 0 ? (
        <p class="empty">No active targets.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">
                Ticks (achieved / partly / not yet / absent; for an outcome, on its steps)
              </th>
            </tr>
          </thead>
          <tbody>
            {view.targets.map((t) => {
              // An EHCP outcome or annual target is never ticked itself: its
              // figures roll up from the termly steps beneath it (ehcp.ts).
              const isLongRange = (t.level ?? 'termly') !== 'termly' && !t.lessonId;
              const rolled = isLongRange
                ? rollUp(t, view.allTargets, view.allTicks, view.allReviews)
                : undefined;
              const mine = view.ticks.filter((tick) => tick.targetId === t.id);
              const count = (o: string) =>
                rolled
                  ? rolled.ticks.counts[o as keyof typeof rolled.ticks.counts]
                  : mine.filter((tick) => tick.outcome === o).length;
              return (
                <tr key={t.id}>
                  <td>
                    {isLongRange && <span class="level">{TARGET_LEVEL_LABELS[t.level]}: </span>}
                    {t.text}
                    {rolled && (
                      <div class="note" data-testid="record-rolled-up">
                        {rollUpHeadline(rolled)}
                        {rolled.judged &&
                          `; at review: ${REVIEW_TARGET_OUTCOME_LABELS[rolled.judged].toLowerCase()}`}
                      </div>
                    )}
                  </td>
                  <td>
                    {count('achieved')} / {count('partly')} / {count('not_yet')} / {count('absent')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>Recent ticks</h2>
      {view.ticks.length === 0 ? (
        <p class="empty">No ticks.</p>
      ) : (
        <ul class="plain-list">
          {view.ticks.slice(0, 30).map((t) => (
            <li key={t.id}>
              {formatDate(t.recordedAt)}: {OUTCOME_LABELS[t.outcome]}
              {t.support && ` (${t.support})`}
              {t.note && `: ${t.note}`}
            </li>
          ))}
        </ul>
      )}

      <h2>Provision sessions</h2>
      {view.sessions.length === 0 ? (
        <p class="empty">No sessions.</p>
      ) : (
        <ul class="plain-list">
          {view.sessions.map((s) => (
            <li key={s.id}>
              {formatDate(s.date)}: {s.groupName}, {s.minutes} min,{' '}
              {s.me.isPresent
                ? 'present'
                : `absent${s.me.absenceReason ? ` (${s.me.absenceReason.replace(/_/g, ' ')})` : ''}`}
            </li>
          ))}
        </ul>
      )}

      <h2>Assessment scores</h2>
      {view.scores.length === 0 ? (
        <p class="empty">No scores.</p>
      ) : (
        <ul class="plain-list">
          {view.scores.map((s) => (
            <li key={s.id}>
              {formatDate(s.date)}: {s.phase} {s.value}
              {s.interventionId &&
                ` (${view.interventions.get(s.interventionId)?.name ?? 'a group'})`}
            </li>
          ))}
        </ul>
      )}

      <h2>Reviews</h2>
      {view.reviews.length === 0 ? (
        <p class="empty">No reviews yet.</p>
      ) : (
        <ul class="plain-list">
          {view.reviews.map((r) => (
            <li key={r.id}>
              {formatDate(r.date)}: {r.decisions.map((d) => REVIEW_DECISION_LABELS[d]).join(', ')}
              {r.nextReviewDate && `; next review ${formatDate(r.nextReviewDate)}`}
              {r.notes && `. ${r.notes}`}
            </li>
          ))}
        </ul>
      )}
      <PreviousSchoolRecords store={store} childId={id} />
    </article>
  );
}
