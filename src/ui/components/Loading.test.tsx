import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Loading, NotFound, NotOnThisDevice } from './Loading';

afterEach(cleanup);

describe('the loading and not-found states', () => {
  it('says it is loading, in the words given or the usual ones', () => {
    const { unmount } = render(<Loading />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    unmount();
    render(<Loading message="Opening the register…" />);
    expect(screen.getByText('Opening the register…')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('names what is missing as the page heading, with the way back', () => {
    render(
      <NotFound title="Lesson not found">
        It may not have reached this device yet. <a href="/">Go to your focus children</a>
      </NotFound>,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Lesson not found' })).toBeTruthy();
    expect(screen.getByText(/It may not have reached this device yet/)).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Go to your focus children' });
    expect(link.getAttribute('href')).toBe('/');
  });

  it('says a record may not have synced yet, with the way to the focus children', () => {
    render(<NotOnThisDevice title="Child not found" who="They" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Child not found' })).toBeTruthy();
    expect(screen.getByText(/^They may not have reached this device yet\./)).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Go to your focus children' });
    expect(link.getAttribute('href')).toBe('/');
  });
});
