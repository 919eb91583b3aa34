/**
 * The plain screen of a device the school revoked: it says what happened
 * and offers a sign-in. It reads nothing from the device store (there is
 * nothing about children left to read, and a half-finished wipe must not
 * show what remains).
 */
import type { DarkMark } from '../../storage/device';

export function DarkScreen({ mark, onSignIn }: { mark: DarkMark; onSignIn: () => void }) {
  return (
    <main id="main" class="dark-screen" data-testid="dark-screen">
      <h1>This tablet was signed out by the school. Nothing about children is kept on it.</h1>
      <p>
        {mark.mode === 'lost'
          ? 'The school reported it lost or stolen. If you have found it, please hand it to the school office.'
          : 'It can be used again: sign in to start afresh.'}
      </p>
      <p>
        <button type="button" onClick={onSignIn}>
          Sign in
        </button>
      </p>
    </main>
  );
}
