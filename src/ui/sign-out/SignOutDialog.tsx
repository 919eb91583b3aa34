/**
 * Signing out. With nothing waiting to sync it signs out at once; with
 * unsynced changes it says how many, and offers to sync first. Why a dialog
 * and not window.confirm: the choice needs three answers (sync first, sign
 * out anyway, stay), and a TA must see the count before losing anything.
 * A completed sign-out removes the school's data from the device
 * (signed-in-model signOut).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Signed } from '../app-state';
import { useSignedInActions } from '../signed-in-actions';
import { StatusMessage } from '../components/StatusMessage';

type Step =
  | { kind: 'closed' }
  | { kind: 'waiting'; count: number; message?: string }
  | { kind: 'syncing'; count: number }
  | { kind: 'signing-out' };

const changes = (n: number) => `${n} change${n === 1 ? '' : 's'}`;

export function SignOutButton({ current }: { current: Signed }) {
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const dialog = useRef<HTMLDialogElement>(null);
  const { signOut, waitingCount } = useSignedInActions();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (step.kind === 'closed' && element.open) element.close();
    if (step.kind !== 'closed' && !element.open) element.showModal();
  }, [step.kind]);

  const finish = async () => {
    setStep({ kind: 'signing-out' });
    await signOut();
  };

  const start = async () => {
    const count = await waitingCount();
    if (count === 0) await finish();
    else setStep({ kind: 'waiting', count });
  };

  const syncFirst = async () => {
    const before = step.kind === 'waiting' ? step.count : 0;
    setStep({ kind: 'syncing', count: before });
    const result = await current.engine.sync();
    const count = await waitingCount();
    if (count === 0) {
      await finish();
      return;
    }
    setStep({
      kind: 'waiting',
      count,
      message: result.ok
        ? `${changes(count)} still could not be sent.`
        : `Could not sync: ${result.message}`,
    });
  };

  const count = step.kind === 'waiting' || step.kind === 'syncing' ? step.count : 0;
  return (
    <>
      <button type="button" class="quiet" onClick={() => void start()}>
        Sign out
      </button>
      <dialog
        ref={dialog}
        class="dialog"
        aria-labelledby="sign-out-title"
        aria-describedby="sign-out-text"
        onCancel={(event) => {
          event.preventDefault();
          if (step.kind === 'waiting') setStep({ kind: 'closed' });
        }}
      >
        <h2 id="sign-out-title">Sign out with unsynced changes?</h2>
        <p id="sign-out-text">
          <strong>{changes(count)}</strong> on this device {count === 1 ? 'has' : 'have'} not synced
          yet. Signing out removes everything from this device, so {count === 1 ? 'it' : 'they'}{' '}
          would be lost.
        </p>
        {step.kind === 'waiting' && step.message ? (
          <p role="alert" class="dialog-error">
            {step.message}
          </p>
        ) : null}
        <StatusMessage message={step.kind === 'syncing' ? 'Syncing…' : undefined} />
        <div class="dialog-actions">
          <button
            type="button"
            class="primary"
            disabled={step.kind !== 'waiting'}
            onClick={() => void syncFirst()}
          >
            Sync first, then sign out
          </button>
          <button
            type="button"
            class="danger"
            disabled={step.kind !== 'waiting'}
            onClick={() => void finish()}
          >
            Sign out and lose {changes(count)}
          </button>
          <button
            type="button"
            disabled={step.kind !== 'waiting'}
            onClick={() => setStep({ kind: 'closed' })}
          >
            Stay signed in
          </button>
        </div>
      </dialog>
    </>
  );
}
