/**
 * The actions of a signed-in person that screens call: sign in again after
 * the session ended, count the changes waiting, sign out. SignedInApp
 * provides them, bound to whoever is signed in, from inside the signed-in
 * chunk.
 *
 * Why a context and not an import: the actions need the device store and
 * the sync engine (./signed-in-model); a screen that imported them through
 * ./app-model would close an import circle with the chunk that holds the
 * screen. A context also lets a test give a screen its own actions.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type SignedInActions = {
  /** Sign in again as the same person, keeping everything on the device; a refusal's sentence. */
  signInAgain: (email: string, password: string) => Promise<string | undefined>;
  /** How many changes on this device have not synced yet. */
  waitingCount: () => Promise<number>;
  /** Sign out and remove this school's records from the device. */
  signOut: () => Promise<void>;
};

export const SignedInActionsContext = createContext<SignedInActions | undefined>(undefined);

export const useSignedInActions = (): SignedInActions => {
  const actions = useContext(SignedInActionsContext);
  if (!actions) throw new Error('useSignedInActions needs a SignedInActionsContext provider');
  return actions;
};
