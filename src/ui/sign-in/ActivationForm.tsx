/**
 * "I have an activation code": the code from the slip the SENCo handed over,
 * and a password of the person's own choosing, typed twice. `onSubmit`
 * returns a message when the server refused (a used, expired or mistyped
 * code), shown as it is.
 */
import { useState } from 'preact/hooks';
// The module, not '../../domain': the sign-in screen must not carry the schemas.
import { MIN_PASSWORD_LENGTH } from '../../domain/password-rules';

export function ActivationForm({
  onSubmit,
}: {
  onSubmit: (code: string, password: string) => Promise<string | undefined>;
}) {
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (!code.trim()) return setError('Enter the activation code from your slip.');
    if (password.length < MIN_PASSWORD_LENGTH) {
      return setError(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    if (password !== repeat) return setError('The two passwords are not the same.');
    setBusy(true);
    try {
      const refused = await onSubmit(code.trim(), password);
      if (refused) setError(refused);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not activate. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const describedBy = error ? 'activate-error' : undefined;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="activate-heading">
      <h2 id="activate-heading">Activate your account</h2>
      <label for="activate-code">Activation code</label>
      <input
        id="activate-code"
        autocomplete="one-time-code"
        autocapitalize="characters"
        spellcheck={false}
        placeholder="XXXX-XXXX-XXXX-XXXX"
        value={code}
        onInput={(event) => setCode(event.currentTarget.value)}
        aria-describedby={describedBy}
        required
      />
      <label for="activate-password">Choose a password</label>
      <input
        id="activate-password"
        type="password"
        autocomplete="new-password"
        value={password}
        onInput={(event) => setPassword(event.currentTarget.value)}
        aria-describedby={describedBy ?? 'activate-hint'}
        required
      />
      <p id="activate-hint" class="hint">
        At least {MIN_PASSWORD_LENGTH} characters. Three random words make a good one.
      </p>
      <label for="activate-repeat">Type it again</label>
      <input
        id="activate-repeat"
        type="password"
        autocomplete="new-password"
        value={repeat}
        onInput={(event) => setRepeat(event.currentTarget.value)}
        aria-describedby={describedBy}
        required
      />
      {error && (
        <p id="activate-error" class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Activating…' : 'Activate and sign in'}
      </button>
    </form>
  );
}
