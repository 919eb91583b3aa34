/**
 * A report's table: columns with a header and a cell for each row, one of
 * them optionally the row's header. On a phone (below about 600px, see
 * `.cards-narrow` in senco.css) each row shows as a card, every figure
 * beside its column's name. It stays a real <table> with a caption, and
 * keeps its table roles explicitly, because the card layout sets the cells
 * to blocks and some browsers then stop reading it as a table.
 */
import type { ComponentChildren } from 'preact';
import { TableWrap } from './TableWrap';

export type ReportColumn<Row> = {
  /** The column's header, and the label a figure has on a phone's card. */
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** The row's header (`<th scope="row">`): what the row is about. */
  isRowHeader?: boolean;
  /** A figure: right-aligned. */
  isNumeric?: boolean;
  /** Set when two columns have the same header. */
  key?: string;
};

export function ReportTable<Row>({
  caption,
  isCaptionShown = false,
  columns,
  rows,
  rowKey,
  testId,
  rowTestId,
  empty,
}: {
  /** Names the table for a screen reader, and its scroll box. */
  caption: string;
  /** Show the caption too (when no heading above says the same). */
  isCaptionShown?: boolean;
  columns: ReportColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  testId?: string;
  rowTestId?: string;
  /** Said instead of the table when there are no rows. */
  empty?: string;
}) {
  if (empty !== undefined && rows.length === 0) return <p class="empty">{empty}</p>;
  return (
    <TableWrap label={caption}>
      <table data-testid={testId} class="cards-narrow" role="table">
        <caption class={isCaptionShown ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th
                key={column.key ?? column.header}
                scope="col"
                role="columnheader"
                class={column.isNumeric ? 'num' : undefined}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId} role="row">
              {columns.map((column) =>
                column.isRowHeader ? (
                  <th key={column.key ?? column.header} scope="row" role="rowheader">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td
                    key={column.key ?? column.header}
                    role="cell"
                    class={column.isNumeric ? 'num' : undefined}
                    data-label={column.header}
                  >
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
