/**
 * "This tablet": an optional PIN lock for a tablet shared in a classroom,
 * with how long it may sit idle before it locks.
 */
import { useState } from 'preact/hooks';
import { IDLE_MINUTE_CHOICES } from '../../domain/pin';
import type { LockModel } from './lock-model';
import { PinFields } from './PinFields';
import { ChoiceOptions } from '../components/ChoiceOptions';

export function DeviceLockView({ lock }: { lock: LockModel }) {
  const settings = lock.settings.value;
  const policy = lock.policy.value;
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [minutes, setMinutes] = useState<number>(settings?.idleMinutes ?? 5);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(undefined);
    const refused = await lock.setPin(pin, repeat, minutes);
    setError(refused);
    if (!refused) {
      setPin('');
      setRepeat('');
      setSaved(`PIN set. This tablet locks after ${minutes} minutes without use.`);
    }
  };

  return (
    <section aria-labelledby="device-lock-heading" class="device-lock">
      <h1 id="device-lock-heading">Lock this tablet</h1>
      <p>
        On a tablet shared in a classroom, a PIN stops anyone else seeing children&apos;s records
        when it is left on a desk. The PIN stays on this tablet and is removed when you sign out.
      </p>
      {/* Why said here: a person who cannot find "Remove PIN" is told who decided. */}
      {policy.kind === 'pin-kept' && <p class="school-pin">{policy.message}</p>}
      <p role="status" class="saved">
        {saved ?? (settings ? `Locks after ${settings.idleMinutes} minutes without use.` : '')}
      </p>
      <form onSubmit={(event) => void save(event)} noValidate>
        <div class="field">
          <label for="lock-minutes">Lock after</label>
          <select
            id="lock-minutes"
            value={String(minutes)}
            onChange={(event) => {
              const value = Number(event.currentTarget.value);
              setMinutes(value);
              if (settings) {
                void lock
                  .setIdleMinutes(value)
                  .then(() =>
                    setSaved(`This tablet now locks after ${value} minutes without use.`),
                  );
              }
            }}
          >
            <ChoiceOptions
              values={IDLE_MINUTE_CHOICES}
              label={(choice) => `${choice} minutes without use`}
            />
          </select>
        </div>
        <PinFields
          idPrefix="lock-pin"
          pinLabel={settings ? 'New PIN' : 'PIN'}
          pin={pin}
          repeat={repeat}
          onPin={setPin}
          onRepeat={setRepeat}
          errorId="lock-error"
          error={error}
        />
        {error && (
          <p id="lock-error" class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="lock-actions">
          <button type="submit" class="primary">
            {settings ? 'Change PIN' : 'Set PIN'}
          </button>
          {settings && (
            <>
              <button type="button" onClick={() => lock.lockNow()}>
                Lock now
              </button>
              {policy.kind === 'own-choice' && (
                <button
                  type="button"
                  class="quiet"
                  onClick={() =>
                    void lock.removePin().then((refused) => {
                      setError(refused);
                      if (!refused) setSaved('PIN removed. This tablet no longer locks.');
                    })
                  }
                >
                  Remove PIN
                </button>
              )}
            </>
          )}
        </div>
      </form>
    </section>
  );
}
