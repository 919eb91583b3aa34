/**
 * Out of the app: a CSV of every record type, and the whole school as the
 * documented JSON SEND record (docs/send-record-export.md). Built on this
 * device from what has synced, so it works offline.
 */
import type { SchoolRecords } from '../../domain/reports';
import { recordsCsv } from '../../domain/reports/csv';
import { exportSchool } from '../../domain/reports/export';
import type { LocalStore } from '../../storage';
import { csvName, csvWords, today, useSchoolRecords } from './model';
import { DownloadButton } from '../components/DownloadButton';
import { Loading } from '../components/Loading';

const RECORD_FILES: { key: keyof Omit<SchoolRecords, 'school'>; label: string; file: string }[] = [
  { key: 'children', label: 'Children', file: 'children' },
  { key: 'classes', label: 'Classes', file: 'classes' },
  { key: 'staff', label: 'Staff', file: 'staff' },
  { key: 'focusChildren', label: 'Focus children', file: 'focus-children' },
  { key: 'learningPlans', label: 'Learning plans', file: 'learning-plans' },
  { key: 'targets', label: 'Targets', file: 'targets' },
  { key: 'ticks', label: 'Ticks', file: 'ticks' },
  { key: 'passports', label: 'Pupil passports', file: 'passports' },
  { key: 'provisions', label: 'Provisions', file: 'provisions' },
  { key: 'interventions', label: 'Intervention groups', file: 'intervention-groups' },
  { key: 'sessions', label: 'Session logs', file: 'sessions' },
  { key: 'scores', label: 'Assessment scores', file: 'assessment-scores' },
  { key: 'reviews', label: 'Reviews', file: 'reviews' },
  { key: 'senRegister', label: 'SEN register history', file: 'sen-register-history' },
];

export function ExportView({ store }: { store: LocalStore }) {
  const records = useSchoolRecords(store);
  if (!records) return <Loading />;
  return (
    <section aria-labelledby="export-heading" class="report">
      <h1 id="export-heading">Export</h1>
      <h2>The whole school as a SEND record (JSON)</h2>
      <p class="summary">
        Every record on this device in one documented file, so nothing is lost if the school changes
        system. A single child’s record is exported from their page.
      </p>
      <DownloadButton
        label="Export the whole school (JSON)"
        class="primary"
        filename={() => `send-record-school-${today()}.json`}
        type="application/json"
        build={() => JSON.stringify(exportSchool(records, new Date().toISOString()), null, 2)}
      />
      <h2>Every record type as CSV</h2>
      <ul class="export-list">
        {RECORD_FILES.map(({ key, label, file }) => (
          <li key={key}>
            <DownloadButton
              label={`${label} CSV`}
              filename={() => csvName(file)}
              type="text/csv"
              build={() => recordsCsv(records[key] as never[], csvWords(records))}
            />{' '}
            <span class="note">{records[key].length.toLocaleString('en-GB')} records</span>
          </li>
        ))}
      </ul>
      <p class="note">
        Each report (This week, Provision map, Impact, Gaps) has its own CSV button.
      </p>
    </section>
  );
}
