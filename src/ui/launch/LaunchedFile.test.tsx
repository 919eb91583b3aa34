import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider, useLocation } from 'preact-iso';
import { afterEach, describe, expect, it } from 'vitest';
import { LaunchedFile } from './LaunchedFile';
import { IMPORT_PATH, launchedFile } from './launch-queue';

const csv = () => new File(['UPN\n'], 'children.csv', { type: 'text/csv' });

function Where() {
  return <p data-testid="path">{useLocation().path}</p>;
}

const show = (role: 'senco' | 'teacher' | 'ta' | 'admin') =>
  render(
    <LocationProvider>
      <LaunchedFile role={role} />
      <Where />
    </LocationProvider>,
  );

afterEach(() => {
  cleanup();
  launchedFile.value = undefined;
  history.replaceState(null, '', '/');
});

describe('a CSV opened with the app, once someone is signed in', () => {
  it('takes the SENCo to the import screen and leaves the file for it', async () => {
    show('senco');
    expect(screen.getByTestId('path').textContent).toBe('/');
    const file = csv();
    launchedFile.value = file;
    await waitFor(() => expect(screen.getByTestId('path').textContent).toBe(IMPORT_PATH));
    expect(launchedFile.value).toBe(file);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells a teacher that only the SENCo imports, drops the file and stays put', async () => {
    launchedFile.value = csv();
    show('teacher');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('only the SENCo imports');
    expect(launchedFile.value).toBeUndefined();
    expect(screen.getByTestId('path').textContent).toBe('/');
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
