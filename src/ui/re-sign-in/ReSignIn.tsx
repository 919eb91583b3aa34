/**
 * Shown when the server no longer accepts this device's sign-in (it
 * expired or was revoked): sign in again to carry on syncing. Nothing on
 * the device is touched, so changes made meanwhile are all still there.
 */
import { useSignedInActions } from '../signed-in-actions';
import { CredentialsForm } from '../sign-in/CredentialsForm';

export function ReSignIn({ waiting }: { waiting: number }) {
  const { signInAgain } = useSignedInActions();
  return (
    <section class="banner banner-warn re-sign-in" aria-labelledby="re-sign-in-heading">
      <h2 id="re-sign-in-heading">Sign in again to sync</h2>
      <p>
        Your sign-in has ended, so sync is paused.{' '}
        {waiting > 0
          ? `Your ${waiting} change${waiting === 1 ? '' : 's'} waiting to sync ${waiting === 1 ? 'is' : 'are'} safe on this device and will sync once you sign in.`
          : 'Everything you record stays safe on this device.'}
      </p>
      <CredentialsForm
        idPrefix="re-sign-in"
        submitLabel="Sign in and sync"
        onSubmit={(email, password) => signInAgain(email, password)}
      />
    </section>
  );
}
