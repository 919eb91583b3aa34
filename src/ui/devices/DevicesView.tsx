/**
 * The SENCo's devices and staff screen: each person, whether their account
 * is active, and every device they have signed in on with its last sync.
 * Revoke one device (a lost tablet) or deactivate a person (all their
 * sessions end). Needs a connection: this is the server's knowledge.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DeviceSummary, PrivacyApi, StaffSummary } from '../../sync';
import { formatWhen } from '../format';
import { StatusMessage } from '../components/StatusMessage';
import { TableWrap } from '../components/TableWrap';

type Loaded = { devices: DeviceSummary[]; staff: StaffSummary[] };

const lastSync = (device: DeviceSummary): string | null =>
  [device.lastPushAt, device.lastPullAt]
    .filter((v): v is string => !!v)
    .sort()
    .at(-1) ?? null;

export function DevicesView({ api, myStaffId }: { api: PrivacyApi; myStaffId: string }) {
  const [data, setData] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  const load = async () => {
    try {
      const [devices, staff] = await Promise.all([api.devices(), api.staff()]);
      setData({ devices, staff });
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, [api]);

  const act = async (action: () => Promise<void>, done: string) => {
    try {
      await action();
      setNotice(done);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="devices-heading">
      <h1 id="devices-heading">Devices and staff</h1>
      <p>
        Revoke a device that is lost: it is signed out the next time it connects. Deactivate a
        person who has left: every device they use is signed out and they cannot sign in.
      </p>
      <StatusMessage message={notice} />
      {error ? (
        <p role="alert" class="form-error">
          {error}
        </p>
      ) : null}
      {data === undefined ? (
        error ? null : (
          <p class="empty">Loading…</p>
        )
      ) : data.staff.length === 0 ? (
        <p class="empty">No staff yet. Import them from your MIS (Reports, Import).</p>
      ) : (
        data.staff.map((person) => {
          const devices = data.devices.filter((d) => d.staffId === person.id);
          return (
            <article key={person.id} class="card" data-testid="staff-card">
              <h2>{person.name}</h2>
              <p>
                {person.email} ·{' '}
                <span class={`status-text${person.isActive ? '' : ' is-off'}`}>
                  {person.isActive ? 'Active' : 'Deactivated'}
                </span>
              </p>
              {devices.length === 0 ? (
                <p class="empty">No devices have synced.</p>
              ) : (
                <TableWrap label={`Devices of ${person.name}`}>
                  <table>
                    <caption class="visually-hidden">Devices of {person.name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Device</th>
                        <th scope="col">First seen</th>
                        <th scope="col">Last sync</th>
                        <th scope="col">Signed in</th>
                        <th scope="col">
                          <span class="visually-hidden">Action</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {devices.map((device, i) => {
                        const label = `Device ${i + 1} (${device.id.slice(-6)})`;
                        const last = lastSync(device);
                        return (
                          <tr key={device.id} data-testid="device-row">
                            <td>{label}</td>
                            <td>{formatWhen(device.firstSeenAt)}</td>
                            <td>{last ? formatWhen(last) : 'Never'}</td>
                            <td>{device.liveSessions > 0 ? 'Yes' : 'No (signed out)'}</td>
                            <td>
                              {device.liveSessions > 0 ? (
                                <button
                                  type="button"
                                  class="danger"
                                  aria-label={`Revoke ${label} of ${person.name}`}
                                  onClick={() =>
                                    void act(
                                      () => api.revokeDevice(device.id),
                                      `${label} of ${person.name} is revoked.`,
                                    )
                                  }
                                >
                                  Revoke
                                </button>
                              ) : null}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableWrap>
              )}
              {person.id === myStaffId ? null : (
                <div class="actions">
                  <button
                    type="button"
                    class={person.isActive ? 'danger' : 'secondary'}
                    onClick={() =>
                      void act(
                        () => api.setStaffActive(person.id, !person.isActive),
                        person.isActive
                          ? `${person.name} is deactivated and signed out everywhere.`
                          : `${person.name} can sign in again.`,
                      )
                    }
                  >
                    {person.isActive ? `Deactivate ${person.name}` : `Reactivate ${person.name}`}
                  </button>
                </div>
              )}
            </article>
          );
        })
      )}
    </section>
  );
}
