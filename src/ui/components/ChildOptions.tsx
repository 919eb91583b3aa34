/**
 * The children of the school as `<option>`s, each named with their class so
 * that two children of the same name can be told apart. The first, empty
 * option ("All children", "Choose a child") stays with the screen.
 */
import type { ChildOption } from '../../storage';

export function ChildOptions({ options }: { options: readonly ChildOption[] | undefined }) {
  return (
    <>
      {(options ?? []).map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
          {c.className ? ` (${c.className})` : ''}
        </option>
      ))}
    </>
  );
}
