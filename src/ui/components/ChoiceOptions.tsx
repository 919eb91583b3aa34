/**
 * The `<option>`s of a select over a fixed list of choices (weekdays, areas
 * of need, minutes before a lock), each with its label. The select itself,
 * and any "Not set" or "Choose…" option first, stay with the screen.
 */
export function ChoiceOptions<T extends string | number>({
  values,
  label,
}: {
  values: readonly T[];
  label: (value: T) => string;
}) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={String(value)}>
          {label(value)}
        </option>
      ))}
    </>
  );
}
