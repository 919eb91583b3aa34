/**
 * The sign-in screen: email and password, or, for someone new, the
 * activation code from their slip. On a server that holds no school yet it
 * says how to create one, since nobody could sign in.
 */
import { useEffect, useState } from 'preact/hooks';
import { FirstRunNotice } from './FirstRunNotice';
import { activate, loadSignedIn, signIn } from '../app-model';
import type { ActivationForm as ActivationFormType } from './ActivationForm';
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

/**
 * The activation form, fetched the first time someone asks for it. Why not
 * in the first script: most people open this screen to type a password, and
 * every byte before it paints is waited for on a school's slow Wi-Fi; the
 * service worker precaches the form, so it still opens offline.
 */
const useActivationForm = (isWanted: boolean) => {
  const [form, setForm] = useState<{ Form?: typeof ActivationFormType; failed?: boolean }>({});
  useEffect(() => {
    if (!isWanted || form.Form) return;
    let isCurrent = true;
    setForm((shown) => (shown.failed ? {} : shown));
    import('./ActivationForm')
      .then(({ ActivationForm }) => isCurrent && setForm({ Form: ActivationForm }))
      .catch(() => isCurrent && setForm({ failed: true }));
    return () => {
      isCurrent = false;
    };
  }, [isWanted, form.Form]);
  return form;
};

export function SignInView() {
  const [isActivating, setActivating] = useState(false);
  const hasSchool = useHasSchool();
  const activation = useActivationForm(isActivating);
  return (
    // Why load the signed-in chunk on first focus: signing in needs it, and
    // fetching it while the person types keeps it off the first screen's load
    // without making them wait for it after pressing "Sign in".
    <main class="sign-in" id="main" onFocusIn={() => void loadSignedIn().catch(() => undefined)}>
      <h1>Waymark</h1>
      <p class="lede">Record progress on targets and interventions, even without Wi-Fi.</p>
      {hasSchool === false && <FirstRunNotice />}
      {isActivating ? (
        activation.Form ? (
          <activation.Form onSubmit={activate} />
        ) : activation.failed ? (
          <p role="alert" class="error">
            The activation form could not be loaded. Check the connection, then choose “I already
            have a password” and “I have an activation code” again.
          </p>
        ) : (
          <p role="status">Loading…</p>
        )
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
