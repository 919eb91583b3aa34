import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PIN_RULE } from '../../domain/pin';
import { PinFields } from './PinFields';

afterEach(cleanup);

const props = {
  idPrefix: 'lock-pin',
  pinLabel: 'PIN',
  pin: '',
  repeat: '',
  errorId: 'lock-error',
};

describe('the PIN fields', () => {
  it('gives the PIN its rule as a hint and hands on what is typed', () => {
    const onPin = vi.fn();
    const onRepeat = vi.fn();
    render(<PinFields {...props} error={undefined} onPin={onPin} onRepeat={onRepeat} />);
    const pin = screen.getByLabelText('PIN');
    expect(pin.getAttribute('aria-describedby')).toBe('lock-pin-hint');
    expect(document.getElementById('lock-pin-hint')?.textContent).toBe(PIN_RULE);
    fireEvent.input(pin, { target: { value: '4821' } });
    fireEvent.input(screen.getByLabelText('The same PIN again'), { target: { value: '4822' } });
    expect(onPin).toHaveBeenCalledWith('4821');
    expect(onRepeat).toHaveBeenCalledWith('4822');
  });

  it('ties the form’s error to the second PIN only while there is one', () => {
    const { rerender } = render(
      <PinFields {...props} error={undefined} onPin={() => undefined} onRepeat={() => undefined} />,
    );
    const repeat = screen.getByLabelText('The same PIN again');
    expect(repeat.hasAttribute('aria-invalid')).toBe(false);
    rerender(
      <PinFields
        {...props}
        error="The two PINs are different"
        onPin={() => undefined}
        onRepeat={() => undefined}
      />,
    );
    expect(repeat.getAttribute('aria-describedby')).toBe('lock-error');
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
  });
});
