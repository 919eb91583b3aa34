import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SignInView } from './SignInView';

afterEach(cleanup);

describe('the sign-in screen', () => {
  it('opens the activation form, fetched on first asking, and goes back to the password', async () => {
    render(<SignInView />);
    expect(screen.queryByLabelText('Activation code')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'I have an activation code' }));
    expect(await screen.findByLabelText('Activation code')).toBeTruthy();
    expect(screen.getByLabelText('Choose a password')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I already have a password' }));
    expect(screen.queryByLabelText('Activation code')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'I have an activation code' }));
    // Fetched once: the second time it is there at once.
    expect(screen.getByLabelText('Activation code')).toBeTruthy();
  });
});
