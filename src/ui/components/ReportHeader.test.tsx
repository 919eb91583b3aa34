import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportHeader } from './ReportHeader';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a report’s header', () => {
  it('shows the title as the heading, its own choices, a CSV download and Print', () => {
    const printed = vi.fn();
    vi.stubGlobal('print', printed);
    render(
      <ReportHeader
        id="map-heading"
        title="Provision map"
        csv={{ filename: () => 'provision-map.csv', build: () => 'a,b' }}
      >
        <label>
          From <input type="date" />
        </label>
      </ReportHeader>,
    );
    const heading = screen.getByRole('heading', { level: 1, name: 'Provision map' });
    expect(heading.id).toBe('map-heading');
    expect(screen.getByLabelText('From')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
    screen.getByRole('button', { name: 'Print' }).click();
    expect(printed).toHaveBeenCalledTimes(1);
  });

  it('offers no download when the report has no CSV', () => {
    render(<ReportHeader id="h" title="Impact of provision" />);
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });
});
