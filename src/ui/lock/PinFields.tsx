/**
 * The two PIN inputs of a tablet lock: the PIN, with the rule as its hint,
 * and the same PIN again, which carries the form's error. Used where a
 * person sets their own PIN and where the school's rule makes them set one.
 */
import type { Ref } from 'preact';
import { PIN_RULE } from '../../domain/pin';

export function PinFields({
  idPrefix,
  pinLabel,
  pin,
  repeat,
  onPin,
  onRepeat,
  errorId,
  error,
  pinRef,
}: {
  /** The inputs' ids: `<prefix>`, `<prefix>-hint`, `<prefix>-repeat`. */
  idPrefix: string;
  pinLabel: string;
  pin: string;
  repeat: string;
  onPin: (pin: string) => void;
  onRepeat: (pin: string) => void;
  /** The id of the form's error message, shown by the form. */
  errorId: string;
  error: string | undefined;
  pinRef?: Ref<HTMLInputElement>;
}) {
  return (
    <>
      <div class="field">
        <label for={idPrefix}>{pinLabel}</label>
        <input
          ref={pinRef}
          id={idPrefix}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={8}
          value={pin}
          aria-describedby={`${idPrefix}-hint`}
          onInput={(event) => onPin(event.currentTarget.value)}
        />
        <p id={`${idPrefix}-hint`} class="empty">
          {PIN_RULE}
        </p>
      </div>
      <div class="field">
        <label for={`${idPrefix}-repeat`}>The same PIN again</label>
        <input
          id={`${idPrefix}-repeat`}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={8}
          value={repeat}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
          onInput={(event) => onRepeat(event.currentTarget.value)}
        />
      </div>
    </>
  );
}
