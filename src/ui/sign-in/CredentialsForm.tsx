/**
 * Email and password, checked and submitted with a plain message on failure.
 * Used to sign in and to sign in again after a session ended; `onSubmit`
 * returns a message when the attempt was refused.
 */
import { useState } from 'preact/hooks';

export function CredentialsForm({
  idPrefix,
  submitLabel,
  onSubmit,
}: {
  idPrefix: string;
  submitLabel: string;
  onSubmit: (email: string, password: string) => Promise<string | undefined>;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = `${idPrefix}-error`;

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (!email.trim() || !password) {
      setError('Enter your school email and password.');
      return;
    }
    setBusy(true);
    try {
      const refused = await onSubmit(email.trim(), password);
      if (refused) setError(refused);
      else setPassword('');
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not sign in. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const describedBy = error ? errorId : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <label for={`${idPrefix}-email`}>Email</label>
      <input
        id={`${idPrefix}-email`}
        type="email"
        autocomplete="username"
        value={email}
        onInput={(event) => setEmail(event.currentTarget.value)}
        aria-describedby={describedBy}
        required
      />
      <label for={`${idPrefix}-password`}>Password</label>
      <input
        id={`${idPrefix}-password`}
        type="password"
        autocomplete="current-password"
        value={password}
        onInput={(event) => setPassword(event.currentTarget.value)}
        aria-describedby={describedBy}
        required
      />
      {error && (
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Signing in…' : submitLabel}
      </button>
    </form>
  );
}
