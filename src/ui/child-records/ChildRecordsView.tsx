/**
 * A child's record on request (UK GDPR), for the SENCo: the full record as
 * the server holds it, to print or download as JSON; erasure of the child
 * (from the server now, from every device on its next sync); and how long
 * the record of a child who left is kept. Every export and erasure is in the
 * audit log. Which child is chosen stays in the page, never in the URL.
 */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { childOptions, recordNames, type LocalStore } from '../../storage';
import type { ChildExport, PrivacyApi } from '../../sync';
import { useWatch } from '../hooks/use-watch';
import { readableHistory, readableRecord, type RecordWords } from '../../domain/reports';
import { formatDate, formatWhen } from '../format';
import { StatusMessage } from '../components/StatusMessage';
import { DownloadButton } from '../components/DownloadButton';
import { FormError } from '../components/FormError';
import { ChildOptions } from '../components/ChildOptions';

export function ChildRecordsView({ store, api }: { store: LocalStore; api: PrivacyApi }) {
  const children = useWatch(() => childOptions(store), [store]);
  const names = useWatch(() => recordNames(store), [store]);
  const [childId, setChildId] = useState('');
  const [record, setRecord] = useState<ChildExport | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [months, setMonths] = useState('');
  const [isConfirming, setIsConfirming] = useState(false);
  const confirm = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    void api
      .retention()
      .then((value) => setMonths(value === null ? '' : String(value)))
      .catch(() => undefined);
  }, [api]);
  useEffect(() => {
    const element = confirm.current;
    if (!element) return;
    if (isConfirming && !element.open) element.showModal();
    if (!isConfirming && element.open) element.close();
  }, [isConfirming]);

  const chosen = children?.find((c) => c.id === childId);
  /** `busy` says what is under way while the server works (a full record can take a while). */
  const run = async (action: () => Promise<void>, busy?: string) => {
    try {
      setError(undefined);
      if (busy) setNotice(busy);
      await action();
      if (busy) setNotice((shown) => (shown === busy ? undefined : shown));
    } catch (e) {
      if (busy) setNotice(undefined);
      setError((e as Error).message);
    }
  };

  // The printed copy is for a parent: names and words, not ids and codes.
  const words: RecordWords = {
    nameOf: (entity, id) => names?.get(`${entity}:${id}`),
    date: formatDate,
    when: formatWhen,
  };
  const sections = record ? readableRecord(record.records, words) : [];
  const earlier = record ? readableHistory(record.records, words) : undefined;

  return (
    <section aria-labelledby="records-heading">
      <h1 id="records-heading">Child records</h1>
      <p class="no-print">
        When a parent asks for their child&apos;s data, show the full record and print or download
        it. When they ask for it to be erased, erase it: it is removed from the server now and from
        every device when it next syncs.
      </p>
      {children?.length === 0 && (
        <p class="empty">
          No children on this device yet. If you have just signed in, they appear once it has
          synced.
        </p>
      )}
      <div class="filters no-print">
        <div class="field">
          <label for="record-child">Child</label>
          <select
            id="record-child"
            value={childId}
            onChange={(event) => {
              setChildId(event.currentTarget.value);
              setRecord(undefined);
              setNotice(undefined);
            }}
          >
            <option value="">Choose a child</option>
            <ChildOptions options={children} />
          </select>
        </div>
        <button
          type="button"
          class="primary"
          disabled={!childId}
          onClick={() =>
            void run(
              async () => setRecord(await api.exportChild(childId)),
              'Fetching the full record from the server…',
            )
          }
        >
          Show full record
        </button>
        <button
          type="button"
          class="danger"
          disabled={!childId}
          onClick={() => setIsConfirming(true)}
        >
          Erase this child…
        </button>
      </div>
      <StatusMessage message={notice} />
      <FormError message={error} />

      {record && chosen ? (
        <article class="card print-record" aria-labelledby="record-title">
          <h2 id="record-title">Full record: {chosen.name}</h2>
          <p>Exported {formatWhen(record.exportedAt)}.</p>
          <div class="actions no-print">
            <button type="button" class="secondary" onClick={() => window.print()}>
              Print
            </button>
            <DownloadButton
              label="Download JSON"
              class="secondary"
              filename={() => 'child-record.json'}
              type="application/json"
              build={() => JSON.stringify(record, null, 2)}
            />
          </div>
          {sections.map((section) => (
            <section key={section.entity}>
              <h3>
                {section.title} ({section.items.length})
              </h3>
              {section.items.map((item) => (
                <dl key={item.id}>
                  {item.lines.map((line, i) => (
                    <Fragment key={i}>
                      <dt>{line.label}</dt>
                      <dd>{line.value}</dd>
                    </Fragment>
                  ))}
                </dl>
              ))}
            </section>
          ))}
          <h3>Earlier values ({record.history.length})</h3>
          {record.history.length === 0 ? <p>None.</p> : null}
          <ul>
            {record.history.map((entry, i) => (
              <li key={i}>{earlier?.(entry)}</li>
            ))}
          </ul>
        </article>
      ) : null}

      <article class="card no-print" aria-labelledby="retention-title">
        <h2 id="retention-title">Children who have left</h2>
        <p>
          Keep the record of a child who left the school for this many months after their leaving
          date, then erase it. Leave empty to keep records until you erase them.
        </p>
        <form
          class="filters"
          onSubmit={(event) => {
            event.preventDefault();
            const value = months.trim() === '' ? null : Number(months);
            if (value !== null && !(Number.isInteger(value) && value >= 1 && value <= 600)) {
              setError('Enter a whole number of months from 1 to 600, or leave it empty.');
              return;
            }
            void run(async () => {
              await api.setRetention(value);
              setNotice('Retention period saved.');
            });
          }}
        >
          <div class="field">
            <label for="retention-months">Months to keep</label>
            <input
              id="retention-months"
              inputMode="numeric"
              value={months}
              onInput={(event) => setMonths(event.currentTarget.value)}
            />
          </div>
          <button type="submit" class="secondary">
            Save
          </button>
          <button
            type="button"
            class="danger"
            onClick={() =>
              void run(async () => {
                const erased = await api.eraseLeavers();
                setNotice(
                  `${erased} child${erased === 1 ? '' : 'ren'} past the retention period erased.`,
                );
              })
            }
          >
            Erase leavers past the period now
          </button>
        </form>
      </article>

      <dialog ref={confirm} class="dialog" aria-labelledby="erase-title">
        <h2 id="erase-title">Erase {chosen?.name ?? 'this child'}?</h2>
        <p>
          Every record about this child (targets, ticks, plans, reviews, session attendance) is
          removed from the server now and from every device when it next syncs. This cannot be
          undone. The audit log keeps only that an erasure happened.
        </p>
        <div class="dialog-actions">
          <button
            type="button"
            class="danger"
            onClick={() =>
              void run(async () => {
                const name = chosen?.name ?? 'The child';
                await api.eraseChild(childId);
                setIsConfirming(false);
                setRecord(undefined);
                setChildId('');
                setNotice(`${name} has been erased.`);
              }).finally(() => setIsConfirming(false))
            }
          >
            Erase for good
          </button>
          <button type="button" onClick={() => setIsConfirming(false)}>
            Keep the record
          </button>
        </div>
      </dialog>
    </section>
  );
}
