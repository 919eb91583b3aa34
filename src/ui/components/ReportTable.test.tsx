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

type TableProps = Parameters<typeof ReportTable<Line>>[0];
/** The groups table, with these props over the usual ones. */
const renderGroups = (props: Partial<TableProps> = {}) =>
  render(
    <ReportTable caption="Groups" columns={columns} rows={rows} rowKey={(l) => l.id} {...props} />,
  );

describe('a report table', () => {
  it('is a table named by its caption, with column and row headers', () => {
    renderGroups({ testId: 'groups-table', rowTestId: 'group-row' });
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
    renderGroups();
    const cell = screen.getAllByRole('cell')[0]!;
    expect(cell.textContent).toBe('60');
    expect(cell.getAttribute('data-label')).toBe('Minutes');
    expect(cell.classList.contains('num')).toBe(true);
  });

  it('hides the caption visually unless asked to show it', () => {
    const { unmount } = renderGroups();
    expect(document.querySelector('caption')?.className).toBe('visually-hidden');
    unmount();
    renderGroups({ caption: 'By class', isCaptionShown: true });
    expect(document.querySelector('caption')?.className).toBe('');
  });

  it.each([
    ['no rows: the message, not a table', [], true],
    ['rows: the table, not the message', rows, false],
  ])('with an empty message and %s', (_case, shown: Line[], isEmpty) => {
    renderGroups({ rows: shown, empty: 'None.' });
    expect(screen.queryByRole('table', { name: 'Groups' }) === null).toBe(isEmpty);
    expect(screen.queryByText('None.')?.className).toBe(isEmpty ? 'empty' : undefined);
  });
});
