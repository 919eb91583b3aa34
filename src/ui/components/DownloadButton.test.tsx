import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DownloadButton } from './DownloadButton';

/** The names of the files the browser was asked to download. */
const saved: string[] = [];
beforeEach(() => {
  saved.length = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:file');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push(this.download);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('a download button', () => {
  it('says it is preparing the file, then downloads it and says its name and size', async () => {
    let finish: (text: string) => void = () => undefined;
    render(
      <DownloadButton
        label="Export as CSV"
        filename={() => 'audit-log.csv'}
        type="text/csv"
        build={() => new Promise<string>((resolve) => (finish = resolve))}
      />,
    );
    const status = screen.getByRole('status');
    fireEvent.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(status.textContent).toBe('Preparing audit-log.csv…'));
    expect(screen.getByRole('button').getAttribute('aria-disabled')).toBe('true');
    finish('x'.repeat(3 * 1024));
    await waitFor(() => expect(status.textContent).toBe('Downloaded audit-log.csv (3 KB).'));
    expect(saved).toEqual(['audit-log.csv']);
    expect(screen.getByRole('button').hasAttribute('aria-disabled')).toBe(false);
  });

  it('says so when the file cannot be made, and downloads nothing', async () => {
    render(
      <DownloadButton
        label="Download CSV"
        filename={() => 'impact.csv'}
        type="text/csv"
        build={() => {
          throw new Error('the server is not reachable');
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'impact.csv could not be made: the server is not reachable',
      ),
    );
    expect(saved).toEqual([]);
  });
});
