/**
 * A child's SEN register history on the SENCo's child record: each status
 * with the day it started and ended, the census need types it had, where
 * the change came from, and the corrections made to it (who and when). The
 * SENCo changes the child's status from a given day here, and corrects a
 * line's date or status; the line as first written is kept and shown.
 */
import { useState } from 'preact/hooks';
import {
  SEN_CHANGE_SOURCE_LABELS,
  SEN_NEED_TYPE_LABELS,
  SEN_STATUSES,
  SEN_STATUS_LABELS,
  senRegisterHistory,
  type SenHistoryPeriod,
  type SenStatus,
  type StoredRecord,
} from '../../domain';
import { changeSenStatus, correctSenRegisterEntry, type LocalStore } from '../../storage';
import { ChoiceOptions } from '../components/ChoiceOptions';
import { DateField, Field } from '../components/Field';
import { FormError } from '../components/FormError';
import { formatDate } from '../format';
import { today } from './model';

const messageOf = (caught: unknown): string =>
  caught instanceof Error ? caught.message : 'The device could not save this. Try again.';

function StatusSelect({
  id,
  label,
  value,
  onValue,
}: {
  id: string;
  label: string;
  value: SenStatus;
  onValue: (value: SenStatus) => void;
}) {
  return (
    <Field id={id} label={label}>
      {(aria) => (
        <select
          {...aria}
          value={value}
          onChange={(e) => onValue(e.currentTarget.value as SenStatus)}
        >
          <ChoiceOptions values={SEN_STATUSES} label={(s) => SEN_STATUS_LABELS[s]} />
        </select>
      )}
    </Field>
  );
}

/** The SENCo's form to correct one line: its status and the day it started. */
function CorrectLine({
  store,
  period,
  onDone,
}: {
  store: LocalStore;
  period: SenHistoryPeriod;
  onDone: () => void;
}) {
  const [status, setStatus] = useState<SenStatus>(period.status);
  const [date, setDate] = useState(period.start);
  const [error, setError] = useState<string>();
  const save = (event: Event) => {
    event.preventDefault();
    correctSenRegisterEntry(store, period.entryId, { status, date }).then(onDone, (caught) =>
      setError(messageOf(caught)),
    );
  };
  return (
    <form class="sen-correct" onSubmit={save}>
      <StatusSelect
        id={`fix-status-${period.entryId}`}
        label="Status"
        value={status}
        onValue={setStatus}
      />
      <DateField id={`fix-date-${period.entryId}`} label="From" value={date} onValue={setDate} />
      <FormError message={error} />
      <div class="actions">
        <button type="submit">Save correction</button>
        <button type="button" class="quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function SenHistory({
  store,
  child,
  entries,
  staffNames,
  canChange,
  canCorrect,
}: {
  store: LocalStore;
  child: StoredRecord<'child'>;
  entries: readonly StoredRecord<'senRegisterEntry'>[];
  staffNames: ReadonlyMap<string, string>;
  /** A SENCo or admin changes the status; a headteacher only reads (the server refuses them). */
  canChange: boolean;
  /** Only a SENCo corrects a line (the server refuses anyone else's correction). */
  canCorrect: boolean;
}) {
  const history = senRegisterHistory(child.id, entries);
  const [correcting, setCorrecting] = useState<string>();
  const [status, setStatus] = useState<SenStatus>(child.senStatus);
  const [from, setFrom] = useState(today());
  const [error, setError] = useState<string>();
  const who = (id: string | undefined) => (id ? (staffNames.get(id) ?? 'A member of staff') : '');
  const change = (event: Event) => {
    event.preventDefault();
    changeSenStatus(store, child.id, status, from).then(
      () => setError(undefined),
      (caught) => setError(messageOf(caught)),
    );
  };
  return (
    <section aria-labelledby="sen-history-heading">
      <h2 id="sen-history-heading">SEN register history</h2>
      {history.length === 0 ? (
        <p class="empty">
          No change of SEN status recorded yet. Status now: {SEN_STATUS_LABELS[child.senStatus]}.
        </p>
      ) : (
        <ol class="plain-list sen-history">
          {history.map((period) => (
            <li key={period.entryId}>
              <strong>{SEN_STATUS_LABELS[period.status]}</strong> from {formatDate(period.start)}
              {period.end ? ` to ${formatDate(period.end)}` : ' (now)'}
              {period.needTypes.length > 0 &&
                `. Need: ${period.needTypes.map((n) => SEN_NEED_TYPE_LABELS[n]).join(', then ')}`}
              . {SEN_CHANGE_SOURCE_LABELS[period.source]}
              {period.recordedBy && `, by ${who(period.recordedBy)}`}.
              {period.corrections.length > 0 && (
                <span class="counts">
                  {' '}
                  Corrected by {who(period.recordedBy) || 'the SENCo'} on{' '}
                  {formatDate(period.recordedAt)}; before, it said{' '}
                  {period.corrections
                    .map((v) => `${SEN_STATUS_LABELS[v.status]} from ${formatDate(v.date)}`)
                    .join(', then ')}
                  .
                </span>
              )}{' '}
              {!canCorrect ? null : correcting === period.entryId ? (
                <CorrectLine
                  store={store}
                  period={period}
                  onDone={() => setCorrecting(undefined)}
                />
              ) : (
                <button
                  type="button"
                  class="quiet no-print"
                  aria-label={`Correct ${SEN_STATUS_LABELS[period.status]} from ${formatDate(period.start)}`}
                  onClick={() => setCorrecting(period.entryId)}
                >
                  Correct
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {canChange && (
        <form
          class="sen-change stack-form no-print"
          onSubmit={change}
          aria-label="Change SEN status"
        >
          <StatusSelect
            id="sen-change-status"
            label="Change SEN status to"
            value={status}
            onValue={setStatus}
          />
          <DateField id="sen-change-from" label="From" value={from} onValue={setFrom} />
          <FormError message={error} />
          <button type="submit">Change status</button>
        </form>
      )}
    </section>
  );
}
