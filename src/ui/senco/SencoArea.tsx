/**
 * The SENCo's screens, loaded as their own chunk (a lazy route in App.tsx)
 * so the teacher's and TA's tablets never download report code, papaparse
 * or uPlot. Every report is computed on this device from IndexedDB.
 * A headteacher sees the same reports and children's records, read-only:
 * no Import, and no button that changes a record.
 */
import { Route, Router, useLocation } from 'preact-iso';
import { isManagerRole, isWholeSchoolRole } from '../../domain';
import type { Signed } from '../app-state';
import { ChildRecordView } from './ChildRecordView';
import { ExportView } from './ExportView';
import { GapsView } from './GapsView';
import { ImpactView } from './ImpactView';
import { ImportView } from './ImportView';
import { ProvisionMapView } from './ProvisionMapView';
import { ThisWeekView } from './ThisWeekView';
import './senco.css';

const LINKS = [
  { href: '/senco/this-week', label: 'This week' },
  { href: '/senco/provision-map', label: 'Provision map' },
  { href: '/senco/impact', label: 'Impact' },
  { href: '/senco/gaps', label: 'Gaps' },
  { href: '/senco/import', label: 'Import', isForManagers: true },
  { href: '/senco/export', label: 'Export' },
];

export default function SencoArea({ current }: { current: Signed }) {
  const { path } = useLocation();
  const { store } = current;
  const { role } = current.session.staff;
  if (!isWholeSchoolRole(role)) {
    return <p>These reports are for the SENCo and the headteacher.</p>;
  }
  const isManager = isManagerRole(role);
  return (
    <div class="senco">
      <nav aria-label="Reports" class="sub-nav no-print">
        <ul>
          {LINKS.filter((link) => isManager || !link.isForManagers).map((link) => (
            <li key={link.href}>
              <a href={link.href} aria-current={path === link.href ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Router>
        <Route path="/this-week" component={() => <ThisWeekView current={current} />} />
        <Route path="/provision-map" component={() => <ProvisionMapView store={store} />} />
        <Route path="/impact" component={() => <ImpactView store={store} />} />
        <Route path="/gaps" component={() => <GapsView store={store} />} />
        <Route
          path="/import"
          component={() =>
            isManager ? (
              <ImportView current={current} />
            ) : (
              <p class="empty">The SENCo imports the school’s records from the MIS.</p>
            )
          }
        />
        <Route path="/export" component={() => <ExportView store={store} />} />
        <Route
          path="/child/:id"
          component={({ id }: { id: string }) => (
            <ChildRecordView store={store} id={id} views={current.views} role={role} />
          )}
        />
        <Route default component={() => <ThisWeekView current={current} />} />
      </Router>
    </div>
  );
}
