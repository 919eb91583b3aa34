/**
 * The signed-in app: the frame and its routes. Part of the signed-in chunk
 * (see ./signed-in). The first screen of each role (focus children, a TA's
 * sessions) and the screens used mid-task away from Wi-Fi (the lesson, the
 * session register) are in that chunk; every other screen is its own chunk,
 * loaded when first opened.
 *
 * Why that is safe offline: the service worker precaches every built chunk,
 * so opening a lazy screen with no network is served from the cache.
 */
import { Route, Router, lazy } from 'preact-iso';
import { isManagerRole, isReadOnlyRole, localDate } from '../domain';
import { useMemo, useState } from 'preact/hooks';
import type { Signed } from './app-state';
import { FocusChildrenView } from './focus-children/FocusChildrenView';
import { LessonView } from './lesson/LessonView';
import { MySessionsView } from './sessions/MySessionsView';
import { CorrectSessionView, LogSessionView } from './sessions/RegisterView';
import { Shell } from './shell/Shell';
import { SignedInActionsContext, type SignedInActions } from './signed-in-actions';
import { signInAgain, signOut, waitingCount } from './signed-in-model';
import { NotFound } from './components/Loading';

const AttentionView = lazy(() =>
  import('./attention/AttentionView').then((module) => module.AttentionView),
);
const SchoolCalendarView = lazy(() =>
  import('./calendar/SchoolCalendarView').then((module) => module.SchoolCalendarView),
);
const AuditView = lazy(() => import('./audit/AuditView').then((module) => module.AuditView));
const ChildRecordsView = lazy(() =>
  import('./child-records/ChildRecordsView').then((module) => module.ChildRecordsView),
);
const ChildView = lazy(() => import('./child/ChildView').then((module) => module.ChildView));
const ParentCopy = lazy(() => import('./ehcp/ParentCopy').then((module) => module.ParentCopy));
const AnnualReviewPack = lazy(() =>
  import('./ehcp/AnnualReviewPack').then((module) => module.AnnualReviewPack),
);
const ClassFocusView = lazy(() =>
  import('./focus-children/ClassFocusView').then((module) => module.ClassFocusView),
);
const DevicesView = lazy(() =>
  import('./devices/DevicesView').then((module) => module.DevicesView),
);
const DeviceLockView = lazy(() =>
  import('./lock/DeviceLockView').then((module) => module.DeviceLockView),
);
const SchoolPinSetting = lazy(() =>
  import('./lock/SchoolPinSetting').then((module) => module.SchoolPinSetting),
);
const AddStaffForm = lazy(() =>
  import('./staff/AddStaffForm').then((module) => module.AddStaffForm),
);
const GroupView = lazy(() => import('./groups/GroupView').then((module) => module.GroupView));
const ProvisionsView = lazy(() =>
  import('./provisions/ProvisionsView').then((module) => module.ProvisionsView),
);
const ReviewView = lazy(() => import('./review/ReviewView').then((module) => module.ReviewView));
const SessionsLoggedView = lazy(() =>
  import('./sessions/SessionsLoggedView').then((module) => module.SessionsLoggedView),
);
const TicksView = lazy(() => import('./ticks/TicksView').then((module) => module.TicksView));
const WeekView = lazy(() => import('./week/WeekView').then((module) => module.WeekView));
// Why lazy: the SENCo's reports (with papaparse and uPlot) are a chunk of their
// own, so a teacher's tablet never downloads them.
const SencoArea = lazy(() => import('./senco/SencoArea'));
const GroupsArea = lazy(() => import('./group-editor/GroupsArea'));

/** Devices and staff: adding a person (managers), the list, and the tablet PIN setting. */
function DevicesAndStaff({ current }: { current: Signed }) {
  const [added, setAdded] = useState(0);
  const isManager = isManagerRole(current.session.staff.role);
  return (
    <>
      {isManager && <AddStaffForm current={current} onAdded={() => setAdded((n) => n + 1)} />}
      <DevicesView api={current.privacy} myStaffId={current.session.staff.id} reloadKey={added} />
      {isManager && <SchoolPinSetting store={current.store} />}
    </>
  );
}

export function SignedInApp({ current }: { current: Signed }) {
  // Bound to whoever is signed in now: signing in again replaces `current`.
  const actions = useMemo<SignedInActions>(
    () => ({
      signInAgain: (email, password) => signInAgain(current, email, password),
      waitingCount: () => waitingCount(current),
      signOut: () => signOut(current),
    }),
    [current],
  );
  return (
    <SignedInActionsContext.Provider value={actions}>
      <Shell current={current}>
        <Router>
          <Route
            path="/"
            component={() =>
              // A TA's day is their intervention sessions: that is their home.
              current.session.staff.role === 'ta' ? (
                <MySessionsView store={current.store} staff={current.session.staff} />
              ) : isReadOnlyRole(current.session.staff.role) ? (
                // A headteacher's home is the SENCo's reports, read-only.
                <SencoArea current={current} />
              ) : (
                <FocusChildrenView store={current.store} staff={current.session.staff} />
              )
            }
          />
          <Route
            path="/focus-children"
            component={() => (
              <FocusChildrenView store={current.store} staff={current.session.staff} />
            )}
          />
          <Route
            path="/week"
            component={() => <WeekView store={current.store} staff={current.session.staff} />}
          />
          <Route path="/sessions" component={() => <SessionsLoggedView store={current.store} />} />
          <Route path="/provisions" component={() => <ProvisionsView store={current.store} />} />
          <Route
            path="/sessions/log/:groupId"
            component={({ groupId }: { groupId: string }) => (
              <LogSessionView store={current.store} groupId={groupId} />
            )}
          />
          <Route
            path="/sessions/:sessionId/correct"
            component={({ sessionId }: { sessionId: string }) => (
              <CorrectSessionView store={current.store} sessionId={sessionId} />
            )}
          />
          {/* The SENCo's group editor; before /groups/:groupId, as the first match wins. */}
          <Route path="/groups" component={() => <GroupsArea current={current} />} />
          <Route path="/groups/new" component={() => <GroupsArea current={current} isNew />} />
          <Route
            path="/groups/:groupId/edit"
            component={({ groupId }: { groupId: string }) => (
              <GroupsArea current={current} groupId={groupId} />
            )}
          />
          <Route
            path="/groups/:groupId"
            component={({ groupId }: { groupId: string }) => (
              <GroupView
                store={current.store}
                groupId={groupId}
                canEdit={['senco', 'admin'].includes(current.session.staff.role)}
              />
            )}
          />
          <Route path="/device" component={() => <DeviceLockView lock={current.lock} />} />
          <Route path="/ticks" component={() => <TicksView store={current.store} />} />
          <Route path="/attention" component={() => <AttentionView store={current.store} />} />
          <Route path="/devices" component={() => <DevicesAndStaff current={current} />} />
          <Route
            path="/calendar"
            component={() =>
              ['senco', 'admin'].includes(current.session.staff.role) ? (
                <SchoolCalendarView store={current.store} today={localDate()} />
              ) : (
                <section>
                  <h1>School calendar</h1>
                  <p class="empty">The SENCo keeps the school calendar.</p>
                </section>
              )
            }
          />
          <Route
            path="/audit"
            component={() => <AuditView store={current.store} api={current.privacy} />}
          />
          <Route
            path="/child-records"
            component={() => <ChildRecordsView store={current.store} api={current.privacy} />}
          />
          <Route
            path="/lesson/:id"
            component={({ id }: { id: string }) => (
              <LessonView store={current.store} lessonId={id} staffId={current.session.staff.id} />
            )}
          />
          <Route
            path="/child/:id"
            component={({ id }: { id: string }) => (
              <ChildView store={current.store} childId={id} views={current.views} />
            )}
          />
          <Route
            path="/child/:id/parent-copy"
            component={({ id }: { id: string }) => (
              <ParentCopy store={current.store} childId={id} />
            )}
          />
          <Route
            path="/child/:id/annual-review"
            component={({ id }: { id: string }) => (
              <AnnualReviewPack store={current.store} childId={id} />
            )}
          />
          <Route
            path="/review/:id"
            component={({ id }: { id: string }) => (
              <ReviewView
                store={current.store}
                planId={id}
                setsSenStatus={['senco', 'admin'].includes(current.session.staff.role)}
                reviewerId={current.session.staff.id}
              />
            )}
          />
          <Route
            path="/class/:id"
            component={({ id }: { id: string }) => (
              <ClassFocusView store={current.store} staff={current.session.staff} classId={id} />
            )}
          />
          <Route path="/senco/*" component={() => <SencoArea current={current} />} />
          <Route
            default
            component={() => (
              <NotFound title="Page not found">
                <a href="/">Go to your focus children</a>
              </NotFound>
            )}
          />
        </Router>
      </Shell>
    </SignedInActionsContext.Provider>
  );
}
