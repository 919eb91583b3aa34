/**
 * The school requires a PIN on every tablet and this person has none: this
 * screen covers the app, as the lock screen does, until a PIN is set. Why
 * before anything shows: a tablet of a school that asks for a PIN must never
 * show a child's record unguarded, even once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { IDLE_MINUTE_CHOICES } from '../../domain/pin';
import type { Signed } from '../app-state';
import { SignOutButton } from '../sign-out/SignOutDialog';
import type { LockModel } from './lock-model';
import { PinFields } from './PinFields';
import { ChoiceOptions } from '../components/ChoiceOptions';

export function SetPinScreen({
  current,
  lock,
  message,
}: {
  current: Signed;
  lock: LockModel;
  message: string;
}) {
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [minutes, setMinutes] = useState<number>(5);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const refused = await lock.setPin(pin, repeat, minutes);
      setError(refused);
      if (refused) {
        setPin('');
        setRepeat('');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="lock-screen" role="dialog" aria-modal="true" aria-labelledby="set-pin-heading">
      <div class="lock-panel">
        <h1 id="set-pin-heading">Set a PIN for this tablet</h1>
        <p>{message}</p>
        <p>
          {current.session.staff.name} is signed in. Everything recorded is safe on this tablet and
          keeps syncing.
        </p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <PinFields
            idPrefix="school-pin"
            pinLabel="PIN"
            pin={pin}
            repeat={repeat}
            onPin={setPin}
            onRepeat={setRepeat}
            errorId="school-pin-error"
            error={error}
            pinRef={input}
          />
          <div class="field">
            <label for="school-pin-minutes">Lock after</label>
            <select
              id="school-pin-minutes"
              value={String(minutes)}
              onChange={(event) => setMinutes(Number(event.currentTarget.value))}
            >
              <ChoiceOptions
                values={IDLE_MINUTE_CHOICES}
                label={(choice) => `${choice} minutes without use`}
              />
            </select>
          </div>
          {error && (
            <p id="school-pin-error" class="form-error" role="alert">
              {error}
            </p>
          )}
          <div class="lock-actions">
            <button type="submit" class="primary" disabled={busy}>
              Set PIN
            </button>
            <SignOutButton current={current} />
          </div>
        </form>
      </div>
    </div>
  );
}
