/** The sign-in screen: email and password, with a plain message on failure. */
import { signIn } from '../app-model';
import { CredentialsForm } from './CredentialsForm';
import { InstallButton } from '../install/InstallButton';

export function SignInView() {
  return (
    <main class="sign-in" id="main">
      <h1>Target Tracker</h1>
      <p class="lede">Record progress on targets and interventions, even without Wi-Fi.</p>
      <CredentialsForm idPrefix="sign-in" submitLabel="Sign in" onSubmit={signIn} />
      <InstallButton class="quiet install-button" />
    </main>
  );
}
