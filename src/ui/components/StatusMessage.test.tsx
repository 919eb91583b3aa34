import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusMessage } from './StatusMessage';

afterEach(cleanup);

describe('a status message', () => {
  it('is a live region in the page before it has anything to say', () => {
    render(<StatusMessage message={undefined} />);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('puts a message into the region after the region exists, so it is announced', async () => {
    const { rerender } = render(<StatusMessage message={undefined} isSuccess />);
    const region = screen.getByRole('status');
    rerender(<StatusMessage message="Session saved on this device." isSuccess />);
    await waitFor(() => expect(region.textContent).toBe('✓ Session saved on this device.'));
    // The same element throughout: a region replaced with its words is often not read out.
    expect(screen.getByRole('status')).toBe(region);
    expect(region.querySelector('[aria-hidden="true"]')?.textContent).toBe('✓ ');
  });

  it('shows a message it is first rendered with a moment later, and empties when it goes', async () => {
    const { rerender } = render(<StatusMessage message="Lesson ended" />);
    const region = screen.getByRole('status');
    expect(region.textContent).toBe('');
    await waitFor(() => expect(region.textContent).toBe('Lesson ended'));
    rerender(<StatusMessage message={undefined} />);
    await waitFor(() => expect(region.textContent).toBe(''));
  });
});
