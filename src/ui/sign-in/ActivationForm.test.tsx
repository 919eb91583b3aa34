import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActivationForm } from './ActivationForm';

afterEach(cleanup);

const fill = (code: string, password: string, repeat: string) => {
  fireEvent.input(screen.getByLabelText('Activation code'), { target: { value: code } });
  fireEvent.input(screen.getByLabelText('Choose a password'), { target: { value: password } });
  fireEvent.input(screen.getByLabelText('Type it again'), { target: { value: repeat } });
  fireEvent.click(screen.getByRole('button', { name: 'Activate and sign in' }));
};

describe('activating an account with the code from the slip', () => {
  it('sends the code and the chosen password', async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<ActivationForm onSubmit={onSubmit} />);
    fill(' 7K2M-9QXR-4T8V-PD3W ', 'correct horse battery', 'correct horse battery');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith('7K2M-9QXR-4T8V-PD3W', 'correct horse battery');
  });

  it('says so when the two passwords differ or one is too short, and sends nothing', () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<ActivationForm onSubmit={onSubmit} />);
    fill('7K2M-9QXR-4T8V-PD3W', 'correct horse battery', 'correct horse batter');
    expect(screen.getByRole('alert').textContent).toBe('The two passwords are not the same.');
    fill('7K2M-9QXR-4T8V-PD3W', 'short', 'short');
    expect(screen.getByRole('alert').textContent).toMatch(/at least 10 characters/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the server's refusal as it says it", async () => {
    render(
      <ActivationForm
        onSubmit={async () => 'That activation code has expired (codes last 14 days).'}
      />,
    );
    fill('7K2M-9QXR-4T8V-PD3W', 'correct horse battery', 'correct horse battery');
    expect((await screen.findByRole('alert')).textContent).toMatch(/has expired/);
  });
});
