/**
 * The locked tablet: nothing of the app shows until the PIN (or, after too
 * many wrong PINs, the password of the person signed in) is given.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Signed } from '../app-state';
import { useSignedInActions } from '../signed-in-actions';
import { CredentialsForm } from '../sign-in/CredentialsForm';
import type { LockModel } from './lock-model';

export function LockScreen({ current, lock }: { current: Signed; lock: LockModel }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [usePassword, setUsePassword] = useState(lock.needsPassword());
  const input = useRef<HTMLInputElement>(null);
  const { signInAgain } = useSignedInActions();
  useEffect(() => input.current?.focus(), [usePassword]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const refused = await lock.unlock(pin);
      setPin('');
      setError(refused);
      if (refused && lock.needsPassword()) setUsePassword(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-heading">
      <div class="lock-panel">
        <h1 id="lock-heading">This tablet is locked</h1>
        <p>
          {current.session.staff.name} is signed in. Everything recorded is safe on this tablet and
          keeps syncing.
        </p>
        {usePassword ? (
          <>
            <p>Sign in with your password to unlock.</p>
            <CredentialsForm
              idPrefix="unlock"
              submitLabel="Unlock"
              onSubmit={async (email, password) => {
                const refused = await signInAgain(email, password);
                if (!refused) await lock.unlockedByPassword();
                return refused;
              }}
            />
          </>
        ) : (
          <form onSubmit={(event) => void submit(event)} noValidate>
            <label for="unlock-pin">PIN</label>
            <input
              ref={input}
              id="unlock-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              value={pin}
              aria-describedby={error ? 'unlock-error' : undefined}
              aria-invalid={error ? true : undefined}
              onInput={(event) => setPin(event.currentTarget.value)}
            />
            {error && (
              <p id="unlock-error" class="form-error" role="alert">
                {error}
              </p>
            )}
            <div class="lock-actions">
              <button type="submit" class="primary" disabled={busy}>
                Unlock
              </button>
              <button type="button" class="quiet" onClick={() => setUsePassword(true)}>
                Use my password instead
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
