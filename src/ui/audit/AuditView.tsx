/**
 * The SENCo's audit log: who created, changed, deleted, viewed, exported or
 * erased a child's record, when and from which device. Filter by child,
 * member of staff and dates; export what is shown as CSV. Child names come
 * from this device; the server is asked by id only.
 */
import { useEffect, useState } from 'preact/hooks';
import { childOptions, staffOptions, type LocalStore } from '../../storage';
import type { AuditEntry, AuditQuery, PrivacyApi } from '../../sync';
import { AUDIT_ACTION_LABELS, type AuditAction } from '../../domain/audit-actions';
import { useWatch } from '../hooks/use-watch';
import { formatWhen } from '../format';
import { TableWrap } from '../components/TableWrap';
import { DownloadButton } from '../components/DownloadButton';
import { Loading } from '../components/Loading';
import { FormError } from '../components/FormError';
import { ChildOptions } from '../components/ChildOptions';

const ENTITY_LABELS: Record<string, string> = {
  child: 'child record',
  focusChild: 'focus child',
  learningPlan: 'learning plan',
  target: 'target',
  tick: 'tick',
  passport: 'pupil passport',
  review: 'review',
  senRegisterEntry: 'SEN register history entry',
  assessmentScore: 'assessment score',
  interventionSession: 'session log',
  intervention: 'intervention',
  lesson: 'lesson',
  staff: 'staff record',
  class: 'class',
  school: 'school',
  provision: 'provision',
};

export function AuditView({ store, api }: { store: LocalStore; api: PrivacyApi }) {
  const children = useWatch(() => childOptions(store), [store]);
  const staff = useWatch(() => staffOptions(store), [store]);
  const [filter, setFilter] = useState<AuditQuery>({});
  const [events, setEvents] = useState<AuditEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = async (next: AuditQuery) => {
    try {
      setEvents(await api.audit(next));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load(filter);
  }, [api, filter]);

  const childName = new Map((children ?? []).map((c) => [c.id, c.name]));
  const set = (key: keyof AuditQuery) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
    setFilter({ ...filter, [key]: value || undefined });
  };

  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit log</h1>
      <form class="filters no-print" onSubmit={(event) => event.preventDefault()}>
        <div>
          <label for="audit-child">Child</label>
          <select id="audit-child" onChange={set('childId')} value={filter.childId ?? ''}>
            <option value="">All children</option>
            <ChildOptions options={children} />
          </select>
        </div>
        <div>
          <label for="audit-staff">Member of staff</label>
          <select id="audit-staff" onChange={set('staffId')} value={filter.staffId ?? ''}>
            <option value="">All staff</option>
            {(staff ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="audit-from">From</label>
          <input id="audit-from" type="date" value={filter.from ?? ''} onChange={set('from')} />
        </div>
        <div>
          <label for="audit-to">To</label>
          <input id="audit-to" type="date" value={filter.to ?? ''} onChange={set('to')} />
        </div>
        <DownloadButton
          label="Export as CSV"
          class="secondary"
          filename={() => 'audit-log.csv'}
          type="text/csv"
          build={() => api.auditCsv(filter)}
        />
      </form>
      <FormError message={error} />
      {events === undefined ? (
        error ? null : (
          <Loading />
        )
      ) : events.length === 0 ? (
        <p class="empty">Nothing matches these filters.</p>
      ) : (
        <TableWrap label="Audit entries">
          <table>
            <caption class="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Child</th>
                <th scope="col">Device</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-testid="audit-row">
                  <td>{formatWhen(event.at)}</td>
                  <td>{event.staffName}</td>
                  <td>
                    {AUDIT_ACTION_LABELS[event.action as AuditAction] ?? event.action}
                    {event.entity ? ` ${ENTITY_LABELS[event.entity] ?? event.entity}` : ''}
                    {event.detail ? ` (${event.detail})` : ''}
                  </td>
                  <td>
                    {event.childId
                      ? (childName.get(event.childId) ?? 'Not on this device (or erased)')
                      : ''}
                  </td>
                  <td>{event.deviceId ? `…${event.deviceId.slice(-6)}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
