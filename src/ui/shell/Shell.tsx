/** The frame around every signed-in screen: header, navigation, sync status. */
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import type { Signed } from '../app-state';
import { SignOutButton } from '../sign-out/SignOutDialog';
import { SyncStatus } from '../sync-status/SyncStatus';
import { APP_VERSION } from '../version';
import { useRef } from 'preact/hooks';
import { syncOverview } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { ReSignIn } from '../re-sign-in/ReSignIn';
import { StorageHealth } from '../storage-health/StorageHealth';
import { LaunchedFile } from '../launch/LaunchedFile';
import { LockScreen } from '../lock/LockScreen';
import { SetPinScreen } from '../lock/SetPinScreen';
import '../lock/lock.css';
import { InstallButton } from '../install/InstallButton';

const ROLE_LABELS = {
  senco: 'SENCo',
  teacher: 'Teacher',
  ta: 'Teaching assistant',
  admin: 'Admin',
  headteacher: 'Headteacher',
};

export function Shell({ current, children }: { current: Signed; children: ComponentChildren }) {
  const { path } = useLocation();
  const { staff } = current.session;
  const overview = useWatch(() => syncOverview(current.store), [current.store]);
  // Why sticky: a sync attempt passes through "syncing" before the server
  // says 401 again; the sign-in form must not vanish (and lose what the
  // person typed) every time the timer tries.
  const askedToSignIn = useRef(false);
  if (overview && overview.state !== 'syncing') {
    askedToSignIn.current = overview.state === 'needs_sign_in';
  }
  const links =
    staff.role === 'ta'
      ? [
          { href: '/', label: 'My sessions' },
          { href: '/week', label: 'My week' },
          { href: '/focus-children', label: 'Focus children' },
        ]
      : staff.role === 'headteacher'
        ? // Read-only, whole school: the SENCo's reports and each child's record.
          [{ href: '/', label: 'Reports' }]
        : [{ href: '/', label: 'Focus children' }];
  if (staff.role === 'senco' || staff.role === 'admin') {
    links.push({ href: '/ticks', label: 'Ticks recorded' });
    links.push({ href: '/senco/this-week', label: 'Reports' });
    links.push({ href: '/sessions', label: 'Sessions logged' });
    links.push({ href: '/provisions', label: 'Provision library' });
    links.push({ href: '/groups', label: 'Groups' });
    links.push({ href: '/devices', label: 'Devices and staff' });
    links.push({ href: '/audit', label: 'Audit log' });
    links.push({ href: '/child-records', label: 'Child records' });
    links.push({ href: '/calendar', label: 'School calendar' });
  }

  // Why inert and not unmounted: a half-written note or register must still
  // be there after unlocking; inert hides it from keyboard and screen readers.
  // Why a missing PIN hides the app like a lock: the school asked for every
  // tablet to be locked, so no child's record shows until a PIN is set.
  const policy = current.lock.policy.value;
  const mustSetPin = policy.kind === 'must-set-pin';
  const isLocked = current.lock.isLocked.value || mustSetPin;
  return (
    <>
      {current.lock.isLocked.value && <LockScreen current={current} lock={current.lock} />}
      {mustSetPin && !current.lock.isLocked.value && (
        <SetPinScreen current={current} lock={current.lock} message={policy.message} />
      )}
      <div class="app-frame" inert={isLocked} aria-hidden={isLocked ? true : undefined}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="app-header">
          <div class="brand">Waymark</div>
          <nav aria-label="Main">
            <ul>
              {links.map((link) => (
                <li key={link.href}>
                  <a
                    href={link.href}
                    aria-current={
                      path === link.href ||
                      (link.href.startsWith('/senco') && path.startsWith('/senco')) ||
                      (link.href === '/groups' && path.startsWith('/groups/'))
                        ? 'page'
                        : undefined
                    }
                  >
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="who">
            <span>
              {staff.name} · {ROLE_LABELS[staff.role]}
            </span>
            <InstallButton />
            {current.lock.settings.value && (
              <button type="button" class="quiet" onClick={() => current.lock.lockNow()}>
                Lock
              </button>
            )}
            <a href="/device" aria-current={path === '/device' ? 'page' : undefined}>
              This tablet
            </a>
            <SignOutButton current={current} />
          </div>
        </header>
        <SyncStatus store={current.store} onSyncNow={() => void current.engine.sync()} />
        {overview && askedToSignIn.current && <ReSignIn waiting={overview.waiting} />}
        <StorageHealth store={current.store} />
        <LaunchedFile role={staff.role} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="app-footer">
          <p data-testid="app-version">Waymark {APP_VERSION}</p>
        </footer>
      </div>
    </>
  );
}
