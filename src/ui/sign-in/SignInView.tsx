/**
 * The sign-in screen: email and password, or, for someone new, the
 * activation code from their slip. On a server that holds no school yet it
 * says how to create one, since nobody could sign in.
 */
import { useEffect, useState } from 'preact/hooks';
import { activate, loadSignedIn, signIn } from '../app-model';
import { ActivationForm } from './ActivationForm';
import { CredentialsForm } from './CredentialsForm';
import { InstallButton } from '../install/InstallButton';

/**
 * Whether the server holds any school; undefined while unknown or offline.
 * Why ask: a new server has nobody who can sign in, and the screen must
 * say what to do instead of refusing every password.
 */
const useHasSchool = (): boolean | undefined => {
  const [hasSchool, setHasSchool] = useState<boolean>();
  useEffect(() => {
    let isCurrent = true;
    // Why a dynamic import: the API client brings the contract's schemas,
    // which the first screen's own script is kept free of; the question
    // can wait for them.
    import('../../sync/auth')
      .then(({ requestHasSchool }) => requestHasSchool())
      .then((answer) => {
        if (isCurrent && answer !== undefined) setHasSchool(answer);
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, []);
  return hasSchool;
};

const CREATE_SCHOOL_COMMAND =
  'node dist/server/main.js create-school --name "Your School" --senco-email senco@your.school --senco-name "Your Name"';

export function SignInView() {
  const [isActivating, setActivating] = useState(false);
  const hasSchool = useHasSchool();
  return (
    // Why load the signed-in chunk on first focus: signing in needs it, and
    // fetching it while the person types keeps it off the first screen's load
    // without making them wait for it after pressing "Sign in".
    <main class="sign-in" id="main" onFocusIn={() => void loadSignedIn().catch(() => undefined)}>
      <h1>Waymark</h1>
      <p class="lede">Record progress on targets and interventions, even without Wi-Fi.</p>
      {hasSchool === false && (
        <section class="banner first-run" aria-labelledby="first-run-heading">
          <h2 id="first-run-heading">This server has no school yet</h2>
          <p>
            Whoever looks after the server creates the school and its SENCo, on the server, with:
          </p>
          <pre>
            <code>{CREATE_SCHOOL_COMMAND}</code>
          </pre>
          <p>
            It prints an activation code for the SENCo, who then chooses “I have an activation code”
            below. The README’s “Running for real” goes through every step.
          </p>
        </section>
      )}
      {isActivating ? (
        <ActivationForm onSubmit={activate} />
      ) : (
        <CredentialsForm idPrefix="sign-in" submitLabel="Sign in" onSubmit={signIn} />
      )}
      <button type="button" class="quiet switch-form" onClick={() => setActivating(!isActivating)}>
        {isActivating ? 'I already have a password' : 'I have an activation code'}
      </button>
      <InstallButton class="quiet install-button" />
    </main>
  );
}
