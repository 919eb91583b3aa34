import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildOptions } from './ChildOptions';

afterEach(cleanup);

describe('the children as options', () => {
  it('names each child with their class, where they have one', () => {
    render(
      <select aria-label="Child">
        <ChildOptions
          options={[
            { id: 'a', name: 'Ava Khan', className: 'Year 3 Hazel' },
            { id: 'b', name: 'Ben Ward' },
          ]}
        />
      </select>,
    );
    const options = screen.getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((option) => option.value)).toEqual(['a', 'b']);
    expect(options.map((option) => option.textContent)).toEqual([
      'Ava Khan (Year 3 Hazel)',
      'Ben Ward',
    ]);
  });

  it('offers none while the children are still loading', () => {
    render(
      <select aria-label="Child">
        <ChildOptions options={undefined} />
      </select>,
    );
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });
});
