/** The sign-in screen: email and password, with a plain message on failure. */
import { loadSignedIn, signIn } from '../app-model';
import { CredentialsForm } from './CredentialsForm';
import { InstallButton } from '../install/InstallButton';

export function SignInView() {
  return (
    // Why load the signed-in chunk on first focus: signing in needs it, and
    // fetching it while the person types keeps it off the first screen's load
    // without making them wait for it after pressing "Sign in".
    <main class="sign-in" id="main" onFocusIn={() => void loadSignedIn().catch(() => undefined)}>
      <h1>Waymark</h1>
      <p class="lede">Record progress on targets and interventions, even without Wi-Fi.</p>
      <CredentialsForm idPrefix="sign-in" submitLabel="Sign in" onSubmit={signIn} />
      <InstallButton class="quiet install-button" />
    </main>
  );
}
