/**
 * The SENCo's (and admin's) school-wide "Require a PIN lock on every tablet".
 * It is a field of the school record, so it reaches every device of the
 * school with its next sync, offline-first like any other change; the server
 * refuses it from anyone else (the school record's write rule).
 */
import { useEffect, useState } from 'preact/hooks';
import { patchEntity, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';

const schoolRow = async (store: LocalStore) => {
  const rows = await store.db.records('school').toArray();
  return rows.find((row) => !row._deleted) ?? null;
};

export function SchoolPinSetting({ store }: { store: LocalStore }) {
  const school = useWatch(() => schoolRow(store), [store]);
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<string>();
  // Why a value of its own while saving: the box shows what the device
  // holds, which changes only once the write has committed and been read
  // again; until then it must show the tap, not flick back.
  const [pending, setPending] = useState<boolean>();
  const stored = school?.requireTabletPin === true;
  useEffect(() => {
    if (pending !== undefined && pending === stored) setPending(undefined);
  }, [pending, stored]);
  if (!school) return null;
  const required = pending ?? stored;

  const change = async (next: boolean) => {
    setPending(next);
    try {
      await patchEntity(store, 'school', school.id, { requireTabletPin: next });
      setError(undefined);
      setSaved(
        next
          ? 'Every tablet will ask for a PIN once it syncs. Anyone without one is asked to choose one.'
          : 'Staff can now choose for themselves whether their tablet has a PIN.',
      );
    } catch {
      setPending(undefined);
      setError('That setting could not be saved on this device. Try again.');
    }
  };

  return (
    <article class="card" aria-labelledby="school-pin-title">
      <h2 id="school-pin-title">Tablet PIN</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={required}
          onChange={(event) => void change(event.currentTarget.checked)}
        />{' '}
        Require a PIN lock on every tablet
      </label>
      <p class="empty">
        Each person chooses their own PIN on their own tablet. While this is on, nobody can remove
        their PIN, and a tablet without one shows no child&apos;s record until one is set.
      </p>
      <p role="status" class="saved">
        {saved}
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
