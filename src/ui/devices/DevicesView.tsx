/**
 * The SENCo's devices and staff screen: each person, whether their account
 * is active, and every device they have signed in on with its last sync.
 * Revoke one device, either "signed out: hand back" (it sends what it
 * holds, then removes the children's records) or "lost or stolen" (it
 * removes them at its next contact without sending, and says how many
 * unsent changes it dropped), or deactivate a person (all their sessions
 * end), or give a person a new activation code (a lost slip, a forgotten
 * password: the earlier code stops working). Needs a connection: this is
 * the server's knowledge.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DeviceSummary, PrivacyApi, StaffSummary } from '../../sync';
import { formatWhen } from '../format';
import { StatusMessage } from '../components/StatusMessage';
import { TableWrap } from '../components/TableWrap';
import { Loading } from '../components/Loading';
import { FormError } from '../components/FormError';
import { ActivationSlips, type Slip } from '../staff/ActivationSlip';

const ROLE_NAMES: Record<StaffSummary['role'], string> = {
  senco: 'SENCo',
  teacher: 'Teacher',
  ta: 'Teaching assistant',
  admin: 'Admin',
  headteacher: 'Headteacher',
};

type Loaded = { devices: DeviceSummary[]; staff: StaffSummary[] };

/** What the SENCo's revocation did, in a sentence. */
const revocationText = (device: DeviceSummary): string | null => {
  const revocation = device.revocation;
  if (!revocation) return null;
  const how =
    revocation.mode === 'lost'
      ? `Marked lost or stolen ${formatWhen(revocation.at)}`
      : `Signed out to hand back ${formatWhen(revocation.at)}`;
  if (!revocation.wipedAt) return `${how}: waiting for it to connect.`;
  const dropped = revocation.droppedChanges ?? 0;
  return `${how}. Children's records removed ${formatWhen(revocation.wipedAt)}: ${dropped} unsent change${dropped === 1 ? '' : 's'} dropped.`;
};

const lastSync = (device: DeviceSummary): string | null =>
  [device.lastPushAt, device.lastPullAt]
    .filter((v): v is string => !!v)
    .sort()
    .at(-1) ?? null;

export function DevicesView({
  api,
  myStaffId,
  reloadKey = 0,
}: {
  api: PrivacyApi;
  myStaffId: string;
  /** Changes when someone was just added elsewhere on the page: load the list again. */
  reloadKey?: number;
}) {
  const [data, setData] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  /** The device whose "lost or stolen" waits for a second tap. */
  const [confirmingLost, setConfirmingLost] = useState<string | undefined>();
  const [slips, setSlips] = useState<Slip[]>([]);

  const newCode = async (person: StaffSummary) => {
    try {
      const made = await api.newActivationCode(person.id);
      // One slip per person: a newer code replaces the one on screen too.
      setSlips((earlier) => [
        {
          staffId: person.id,
          name: person.name,
          email: person.email,
          code: made.activationCode,
          expiresAt: made.activationExpiresAt,
        },
        ...earlier.filter((slip) => slip.staffId !== person.id),
      ]);
      setNotice(
        `New activation code for ${person.name}. Any earlier code of theirs no longer works.`,
      );
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };

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
  }, [api, reloadKey]);

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
        Sign out a device to be handed back: it sends what it holds, then removes the
        children&apos;s records. Mark a device lost or stolen: the next time it connects it removes
        every child&apos;s record without sending anything, and tells you how many unsent changes it
        held. Deactivate a person who has left: every device they use is signed out and they cannot
        sign in.
      </p>
      <StatusMessage message={notice} />
      <FormError message={error} />
      <ActivationSlips slips={slips} />
      {data === undefined ? (
        error ? null : (
          <Loading />
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
                {ROLE_NAMES[person.role]} · {person.email} ·{' '}
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
                            <td data-testid="device-state">
                              {device.liveSessions > 0 ? 'Yes' : 'No (signed out)'}
                              {revocationText(device) ? (
                                <>
                                  <br />
                                  {revocationText(device)}
                                </>
                              ) : null}
                            </td>
                            <td>
                              {confirmingLost === device.id ? (
                                <span class="actions">
                                  <span>
                                    Remove every child&apos;s record from it, unsent changes too?
                                  </span>
                                  <button
                                    type="button"
                                    class="danger"
                                    onClick={() => {
                                      setConfirmingLost(undefined);
                                      void act(
                                        () => api.revokeDevice(device.id, 'lost'),
                                        `${label} of ${person.name} is marked lost or stolen.`,
                                      );
                                    }}
                                  >
                                    Yes, it is lost
                                  </button>
                                  <button
                                    type="button"
                                    class="secondary"
                                    onClick={() => setConfirmingLost(undefined)}
                                  >
                                    Cancel
                                  </button>
                                </span>
                              ) : (
                                <span class="actions">
                                  {device.liveSessions > 0 ? (
                                    <button
                                      type="button"
                                      class="secondary"
                                      aria-label={`Signed out: hand back ${label} of ${person.name}`}
                                      onClick={() =>
                                        void act(
                                          () => api.revokeDevice(device.id, 'hand_back'),
                                          `${label} of ${person.name} is signed out: it sends what it holds, then removes the children's records.`,
                                        )
                                      }
                                    >
                                      Signed out: hand back
                                    </button>
                                  ) : null}
                                  {/* Why also after a hand back: the tablet may turn out stolen
                                      before it connects, and then it must send nothing. */}
                                  {device.liveSessions > 0 ||
                                  (device.revocation?.mode === 'hand_back' &&
                                    !device.revocation.wipedAt) ? (
                                    <button
                                      type="button"
                                      class="danger"
                                      aria-label={`Lost or stolen: ${label} of ${person.name}`}
                                      onClick={() => setConfirmingLost(device.id)}
                                    >
                                      Lost or stolen
                                    </button>
                                  ) : null}
                                </span>
                              )}
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
                  {person.isActive && (
                    <button type="button" class="secondary" onClick={() => void newCode(person)}>
                      New activation code for {person.name}
                    </button>
                  )}
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
