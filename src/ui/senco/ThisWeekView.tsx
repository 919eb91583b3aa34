/**
 * This week (any week; the current one by default): did the provision
 * happen, who got nothing, ticks and their outcomes, reviews due, and who
 * has not synced. Computed on this device from what has synced.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  isReadOnlyRole,
  localMoment,
  OUTCOMES,
  OUTCOME_LABELS,
  SEN_STATUSES,
  SEN_STATUS_LABELS,
} from '../../domain';
import { senStepsToConfirm, thisWeekReport, type SenStepToConfirm } from '../../domain/reports';
import type { ChildWeek, GroupWeek } from '../../domain/reports/this-week';
import { thisWeekCsv } from '../../domain/reports/csv';
import { cachedDevices, settleSenStatusStep, type LocalStore } from '../../storage';
import { refreshDevices } from '../../sync';
import type { Signed } from '../app-state';
import { useWatch } from '../hooks/use-watch';
import { formatDate, formatDay, formatWhen } from '../format';
import { calendarFor, csvName, pct, today, useSchoolRecords } from './model';
import { ReportHeader } from '../components/ReportHeader';
import { ReportTable, type ReportColumn } from '../components/ReportTable';
import { Loading } from '../components/Loading';
import { FormError } from '../components/FormError';

const GROUP_COLUMNS: ReportColumn<GroupWeek>[] = [
  { header: 'Group', isRowHeader: true, cell: (g) => g.name },
  { header: 'Provision', cell: (g) => g.provisionName },
  { header: 'Planned', isNumeric: true, cell: (g) => g.plannedInWeek },
  // Why beside the plan: dosage counts only the sessions whose slot has come.
  { header: 'Due so far', isNumeric: true, cell: (g) => g.planned },
  {
    header: 'Delivered',
    isNumeric: true,
    cell: (g) => (
      <span>
        {g.delivered}
        {g.outsideTerm > 0 && <span class="note"> ({g.outsideTerm} outside term time)</span>}
      </span>
    ),
  },
  { header: 'Dosage', isNumeric: true, cell: (g) => pct(g.dosagePct) },
  { header: 'Attendance', isNumeric: true, cell: (g) => pct(g.attendancePct) },
  { header: 'Minutes', isNumeric: true, cell: (g) => g.minutesDelivered },
];

const MINUTES_COLUMNS: ReportColumn<ChildWeek>[] = [
  {
    header: 'Child',
    isRowHeader: true,
    cell: (c) => <a href={`/senco/child/${c.childId}`}>{c.name}</a>,
  },
  { header: 'Minutes', isNumeric: true, cell: (c) => c.minutes },
  { header: 'Sessions attended', isNumeric: true, cell: (c) => c.sessionsAttended },
  { header: 'Sessions missed', isNumeric: true, cell: (c) => c.sessionsMissed },
];

/**
 * Steps up or down that teachers recorded at reviews, for the SENCo to
 * confirm or keep: the register is hers, so nothing moves until she says.
 */
function SenStepsToConfirm({
  store,
  steps,
  isReadOnly,
}: {
  store: LocalStore;
  steps: SenStepToConfirm[];
  /** A headteacher sees the steps waiting for the SENCo, without the buttons that settle them. */
  isReadOnly: boolean;
}) {
  const [error, setError] = useState<string>();
  const settle = (step: SenStepToConfirm, to: SenStepToConfirm['to']) =>
    settleSenStatusStep(store, step.childId, to, today(), step.reviewId).then(
      () => setError(undefined),
      (caught: Error) => setError(`${step.name}: ${caught.message}`),
    );
  return (
    <>
      <h2>SEN register: steps to confirm</h2>
      <FormError message={error} />
      {steps.length === 0 ? (
        <p class="empty">
          No step up or down from a review is waiting{isReadOnly ? ' for the SENCo' : ' for you'}.
        </p>
      ) : (
        <ul class="plain-list" data-testid="sen-steps">
          {steps.map((step) => (
            <li key={step.reviewId} data-testid="sen-step">
              <a href={`/senco/child/${step.childId}`}>{step.name}</a>
              {step.className && ` · ${step.className}`}: step{' '}
              {SEN_STATUSES.indexOf(step.to) > SEN_STATUSES.indexOf(step.from) ? 'up' : 'down'} from{' '}
              {SEN_STATUS_LABELS[step.from]} to {SEN_STATUS_LABELS[step.to]} at the review on{' '}
              {formatDate(step.reviewDate)}
              {step.recordedBy && ` (${step.recordedBy})`}.{' '}
              {isReadOnly ? (
                <span class="note">Waiting for the SENCo to confirm.</span>
              ) : (
                <span class="actions-inline no-print">
                  <button type="button" class="primary" onClick={() => void settle(step, step.to)}>
                    Move to {SEN_STATUS_LABELS[step.to]}
                  </button>{' '}
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => void settle(step, step.from)}
                  >
                    Keep at {SEN_STATUS_LABELS[step.from]}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ThisWeekView({ current }: { current: Signed }) {
  const store: LocalStore = current.store;
  const records = useSchoolRecords(store);
  const devices = useWatch(() => cachedDevices(store), [store]);
  const [weekOf, setWeekOf] = useState(today());
  const [devicesError, setDevicesError] = useState<string>();
  const isReadOnly = isReadOnlyRole(current.session.staff.role);
  useEffect(() => {
    // The devices list is the SENCo's (a headteacher's device is refused it).
    if (isReadOnly) return;
    refreshDevices(store, current.session.token).catch((error: Error) =>
      setDevicesError(`${error.message} Showing the devices list from the last time online.`),
    );
  }, [store, isReadOnly]);
  const report = useMemo(
    () =>
      records &&
      thisWeekReport({
        records,
        calendar: calendarFor(records),
        weekOf: weekOf || today(),
        today: today(),
        timeNow: localMoment().time,
        devices: devices?.devices ?? [],
      }),
    [records, weekOf, devices],
  );
  const steps = useMemo(() => records && senStepsToConfirm(records), [records]);
  if (!report) return <Loading />;
  const { week, totals } = report;
  return (
    <section aria-labelledby="week-heading" class="report">
      <ReportHeader
        id="week-heading"
        title={`This week: ${formatDay(week.start)} to ${formatDay(week.end)}`}
        csv={{
          filename: () => csvName(`this-week-${week.start}`),
          build: () => thisWeekCsv(report),
        }}
      >
        <label>
          Week of{' '}
          <input type="date" value={weekOf} onInput={(e) => setWeekOf(e.currentTarget.value)} />
        </label>
      </ReportHeader>
      <p class="summary">
        {report.schoolDays} school day{report.schoolDays === 1 ? '' : 's'} this week.
      </p>

      <div class="stat-grid">
        <div class="stat" data-testid="stat-dosage">
          <span class="stat-label">Sessions delivered</span>
          {/* Why "due so far": a session later this week is not yet missed. */}
          <span class="stat-value">
            {totals.delivered} of {totals.planned}{' '}
            {totals.planned === totals.plannedInWeek ? 'planned' : 'due so far'}
          </span>
          <span class="stat-note">
            Dosage {pct(totals.dosagePct)}
            {totals.planned !== totals.plannedInWeek &&
              ` · ${totals.plannedInWeek} planned this week`}
          </span>
        </div>
        <div class="stat" data-testid="stat-attendance">
          <span class="stat-label">Attendance at sessions</span>
          <span class="stat-value">{pct(totals.attendancePct)}</span>
        </div>
        <div class="stat" data-testid="stat-ticks">
          <span class="stat-label">Ticks recorded</span>
          <span class="stat-value">{report.ticks.total}</span>
          <span class="stat-note">
            {OUTCOMES.map((o) => `${OUTCOME_LABELS[o]} ${report.ticks.byOutcome[o]}`).join(' · ')}
          </span>
        </div>
        <div class="stat" data-testid="stat-unsupported">
          <span class="stat-label">Children with nothing recorded</span>
          <span class="stat-value">{report.unsupported.length}</span>
        </div>
      </div>

      {/* A decision waiting for the SENCo comes before the figures. */}
      <SenStepsToConfirm store={store} steps={steps ?? []} isReadOnly={isReadOnly} />

      <h2>Groups: delivered against planned</h2>
      <ReportTable
        caption="Groups: delivered against planned"
        columns={GROUP_COLUMNS}
        rows={report.groups}
        rowKey={(g) => g.interventionId}
        testId="groups-table"
        rowTestId="group-row"
        empty="No intervention sessions were planned or logged this week."
      />

      <h2>Children on the register or a focus list with no provision and no ticks</h2>
      {report.unsupported.length === 0 ? (
        <p class="empty">Every child on the register or a focus list had provision or a tick.</p>
      ) : (
        <ul class="plain-list" data-testid="unsupported">
          {report.unsupported.map((c) => (
            <li key={c.childId}>
              <a href={`/senco/child/${c.childId}`}>{c.name}</a>
              {c.className && ` · ${c.className}`} ·{' '}
              {c.why.map((w) => (w === 'focus' ? 'focus child' : 'SEN register')).join(' and ')}
            </li>
          ))}
        </ul>
      )}

      <h2>Minutes of provision per child</h2>
      <ReportTable
        caption="Minutes of provision per child"
        columns={MINUTES_COLUMNS}
        rows={report.children}
        rowKey={(c) => c.childId}
        testId="minutes-table"
        rowTestId="minutes-row"
        empty="No child is in an intervention group this week."
      />

      <h2>Reviews due or overdue</h2>
      {report.reviews.length === 0 ? (
        <p class="empty">No learning plan review is due this week.</p>
      ) : (
        <ul class="plain-list" data-testid="reviews">
          {report.reviews.map((r) => (
            <li key={r.planId}>
              <strong>{r.state === 'overdue' ? 'Overdue' : 'Due'}</strong> {formatDate(r.dueDate)}:{' '}
              <a href={`/senco/child/${r.childId}`}>{r.name}</a>, {r.planTitle}
            </li>
          ))}
        </ul>
      )}

      <h2>Not synced for more than two school days</h2>
      {devicesError && <p class="note">{devicesError}</p>}
      {report.notSynced.staff.length === 0 && report.notSynced.devices.length === 0 ? (
        <p class="empty">Every member of staff and every device has synced recently.</p>
      ) : (
        <ul class="plain-list" data-testid="not-synced">
          {report.notSynced.staff.map((s) => (
            <li key={s.staffId}>
              {s.staffName}:{' '}
              {s.lastSyncAt
                ? `last synced ${formatWhen(s.lastSyncAt)} (${s.schoolDaysSince} school days)`
                : 'has never synced'}
            </li>
          ))}
          {report.notSynced.devices.map((d) => (
            <li key={d.deviceId}>
              A device of {d.staffName}: last synced {formatWhen(d.lastSyncAt!)} (
              {d.schoolDaysSince} school days)
            </li>
          ))}
        </ul>
      )}
      {devices && (
        <p class="note">Devices list from the server at {formatWhen(devices.fetchedAt)}.</p>
      )}
    </section>
  );
}
