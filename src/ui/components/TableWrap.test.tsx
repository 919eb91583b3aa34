import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TableWrap } from './TableWrap';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const table = (
  <table>
    <tbody>
      <tr>
        <td>Precision Teaching</td>
      </tr>
    </tbody>
  </table>
);

/** happy-dom does no layout: say how wide the box and its table are. */
const layout = (scrollWidth: number, clientWidth: number) => {
  vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(scrollWidth);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(clientWidth);
};

describe('a wide table’s scroll box', () => {
  it('is a named region the keyboard can reach when the table is wider than the screen', () => {
    layout(900, 390);
    render(<TableWrap label="Groups: delivered against planned">{table}</TableWrap>);
    const region = screen.getByRole('region', { name: 'Groups: delivered against planned' });
    expect(region.getAttribute('tabindex')).toBe('0');
  });

  it('is no tab stop and no landmark when the table fits', () => {
    layout(700, 1000);
    const { container } = render(<TableWrap label="Minutes per child">{table}</TableWrap>);
    expect(screen.queryByRole('region')).toBeNull();
    const box = container.querySelector('.table-wrap')!;
    expect(box.hasAttribute('tabindex')).toBe(false);
    expect(box.hasAttribute('aria-label')).toBe(false);
  });
});
