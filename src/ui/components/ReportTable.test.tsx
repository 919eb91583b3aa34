import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportTable, type ReportColumn } from './ReportTable';

afterEach(cleanup);

type Line = { id: string; name: string; minutes: number };
const columns: ReportColumn<Line>[] = [
  { header: 'Group', cell: (line) => line.name, isRowHeader: true },
  { header: 'Minutes', cell: (line) => line.minutes, isNumeric: true },
];
const rows: Line[] = [
  { id: 'a', name: 'Precision Teaching', minutes: 60 },
  { id: 'b', name: 'Lego therapy', minutes: 45 },
];

describe('a report table', () => {
  it('is a table named by its caption, with column and row headers', () => {
    render(
      <ReportTable
        caption="Groups"
        columns={columns}
        rows={rows}
        rowKey={(l) => l.id}
        testId="groups-table"
        rowTestId="group-row"
      />,
    );
    const table = screen.getByRole('table', { name: 'Groups' });
    expect(table.getAttribute('data-testid')).toBe('groups-table');
    expect(table.classList.contains('cards-narrow')).toBe(true);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Group', 'Minutes']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Precision Teaching', 'Lego therapy']);
    expect(screen.getAllByTestId('group-row')).toHaveLength(2);
  });

  it('labels each figure with its column for the phone’s cards, and marks figures numeric', () => {
    render(<ReportTable caption="Groups" columns={columns} rows={rows} rowKey={(l) => l.id} />);
    const cell = screen.getAllByRole('cell')[0]!;
    expect(cell.textContent).toBe('60');
    expect(cell.getAttribute('data-label')).toBe('Minutes');
    expect(cell.classList.contains('num')).toBe(true);
  });

  it('hides the caption visually unless asked to show it', () => {
    const { unmount } = render(
      <ReportTable caption="Groups" columns={columns} rows={rows} rowKey={(l) => l.id} />,
    );
    expect(document.querySelector('caption')?.className).toBe('visually-hidden');
    unmount();
    render(
      <ReportTable
        caption="By class"
        isCaptionShown
        columns={columns}
        rows={rows}
        rowKey={(l) => l.id}
      />,
    );
    expect(document.querySelector('caption')?.className).toBe('');
  });

  it('says its empty message instead of a table with no rows, and not when there are rows', () => {
    const { unmount } = render(
      <ReportTable
        caption="Groups"
        columns={columns}
        rows={[]}
        rowKey={(l) => l.id}
        empty="No group this week."
      />,
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No group this week.').className).toBe('empty');
    unmount();
    render(
      <ReportTable
        caption="Groups"
        columns={columns}
        rows={rows}
        rowKey={(l) => l.id}
        empty="No group this week."
      />,
    );
    expect(screen.getByRole('table', { name: 'Groups' })).toBeTruthy();
    expect(screen.queryByText('No group this week.')).toBeNull();
  });
});
