import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChoiceOptions } from './ChoiceOptions';

afterEach(cleanup);

describe('the options of a fixed choice', () => {
  it('offers each value in order, with its label', () => {
    render(
      <select aria-label="Minutes">
        <ChoiceOptions values={[2, 5, 10]} label={(minutes) => `${minutes} minutes without use`} />
      </select>,
    );
    const options = screen.getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((option) => option.value)).toEqual(['2', '5', '10']);
    expect(options.map((option) => option.textContent)).toEqual([
      '2 minutes without use',
      '5 minutes without use',
      '10 minutes without use',
    ]);
  });
});
