/**
 * The top of a report: its title, any choices of its own (dates, a
 * measure), a CSV download and Print. The tools are left out of a printout.
 */
import type { ComponentChildren } from 'preact';
import { DownloadButton } from './DownloadButton';

export function ReportHeader({
  id,
  title,
  csv,
  children,
}: {
  /** The heading's id, for the report's `aria-labelledby`. */
  id: string;
  title: ComponentChildren;
  /** The report as a CSV file: its name (made when downloaded) and its text. */
  csv?: { filename: () => string; build: () => string | Promise<string> };
  /** The report's own choices, shown before the download. */
  children?: ComponentChildren;
}) {
  return (
    <div class="report-head">
      <h1 id={id}>{title}</h1>
      <div class="report-tools no-print">
        {children}
        {csv && (
          <DownloadButton
            label="Download CSV"
            filename={csv.filename}
            type="text/csv"
            build={csv.build}
          />
        )}
        <button type="button" class="quiet" onClick={() => print()}>
          Print
        </button>
      </div>
    </div>
  );
}
