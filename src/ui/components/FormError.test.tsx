import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FormError } from './FormError';

afterEach(cleanup);

describe('the form error', () => {
  it('reads out what went wrong as an alert', () => {
    render(<FormError message="The server could not be reached." />);
    expect(screen.getByRole('alert').textContent).toBe('The server could not be reached.');
  });

  it('shows nothing when there is no error', () => {
    const { container } = render(<FormError message={undefined} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(container.innerHTML).toBe('');
  });
});
