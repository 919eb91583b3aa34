import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DateField, Field, TextField } from './Field';

afterEach(cleanup);

describe('a form field', () => {
  it('labels its control and ties the hint and the error to it', () => {
    render(
      <TextField
        id="plan-start"
        label="Start date"
        type="date"
        hint="23/11/2026"
        error="Choose a date in this school year"
        value="2026-11-23"
        onValue={() => undefined}
      />,
    );
    const input = screen.getByLabelText('Start date') as HTMLInputElement;
    expect(input.type).toBe('date');
    expect(input.value).toBe('2026-11-23');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('plan-start-hint plan-start-error');
    expect(document.getElementById('plan-start-hint')?.textContent).toBe('23/11/2026');
    expect(document.getElementById('plan-start-error')?.textContent).toBe(
      'Choose a date in this school year',
    );
  });

  it('is not invalid and describes nothing without a hint or an error', () => {
    render(<TextField id="title" label="Title" value="" onValue={() => undefined} />);
    const input = screen.getByLabelText('Title');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });

  it('hands each typed value on; with rows it is a textarea', () => {
    const onValue = vi.fn();
    render(<TextField id="why" label="Why" rows={2} value="" onValue={onValue} />);
    const box = screen.getByLabelText('Why');
    expect(box.tagName).toBe('TEXTAREA');
    fireEvent.input(box, { target: { value: 'Reading age' } });
    expect(onValue).toHaveBeenCalledWith('Reading age');
  });

  it('gives any control its id and aria attributes', () => {
    render(
      <Field id="area" label="Area of need" error="Choose one">
        {(aria) => (
          <select {...aria}>
            <option value="">Not set</option>
          </select>
        )}
      </Field>,
    );
    const select = screen.getByRole('combobox', { name: 'Area of need' });
    expect(select.getAttribute('aria-describedby')).toBe('area-error');
    expect(select.getAttribute('aria-invalid')).toBe('true');
  });

  it('writes a chosen date the UK way as the hint of a date field, and nothing for a part date', () => {
    const { rerender } = render(
      <DateField id="start" label="Start date" value="2026-11-23" onValue={() => undefined} />,
    );
    const input = screen.getByLabelText('Start date') as HTMLInputElement;
    expect(input.type).toBe('date');
    expect(input.getAttribute('aria-describedby')).toBe('start-hint');
    expect(document.getElementById('start-hint')?.textContent).toBe('23/11/2026');
    rerender(<DateField id="start" label="Start date" value="" onValue={() => undefined} />);
    expect(document.getElementById('start-hint')).toBeNull();
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });
});
