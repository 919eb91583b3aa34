/**
 * The form fields: a label, the control, a hint and an error message right
 * beside it, both tied to the control by `aria-describedby` so a screen
 * reader reads them with it, and `aria-invalid` while the error shows.
 * `Field` takes any control (a select, a checkbox list); `TextField` is the
 * common case of a text, number or date input, or a textarea; `DateField` a
 * date input whose hint is the chosen date written the UK way.
 */
import type { ComponentChildren } from 'preact';
import { formatDate } from '../format';

export type FieldAria = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

type FieldProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (aria: FieldAria) => ComponentChildren;
};

/** A label, the control (given its id and aria attributes), and its messages. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="counts">
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described.length ? described.join(' ') : undefined,
      })}
      {error && (
        <p id={`${id}-error`} class="error field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A text input (or `type` date, number…), or a textarea when `rows` is given. */
export function TextField({
  value,
  onValue,
  type,
  rows,
  inputMode,
  ...field
}: Omit<FieldProps, 'children'> & {
  value: string;
  onValue: (value: string) => void;
  type?: string;
  rows?: number;
  inputMode?: 'numeric' | 'decimal' | 'text';
}) {
  return (
    <Field {...field}>
      {(aria) =>
        rows ? (
          <textarea
            {...aria}
            rows={rows}
            value={value}
            onInput={(e) => onValue(e.currentTarget.value)}
          />
        ) : (
          <input
            {...aria}
            type={type}
            inputMode={inputMode}
            value={value}
            onInput={(e) => onValue(e.currentTarget.value)}
          />
        )
      }
    </Field>
  );
}

/** "23/11/2026" for a complete date typed or picked, else nothing. */
export const ukDateHint = (date: string): string | undefined =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDate(`${date}T12:00:00`) : undefined;

/** A date input; its hint, unless given, is the date written the UK way. */
export function DateField(
  props: Omit<Parameters<typeof TextField>[0], 'type' | 'rows' | 'inputMode'>,
) {
  return <TextField hint={ukDateHint(props.value)} {...props} type="date" />;
}
