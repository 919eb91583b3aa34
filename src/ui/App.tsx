/** The app: sign-in when nobody is signed in, otherwise the routed screens. */
import { LocationProvider, Route, Router, lazy } from 'preact-iso';
import { signedIn } from './app-model';
import { AttentionView } from './attention/AttentionView';
import { FocusChildrenView } from './focus-children/FocusChildrenView';
import { LessonView } from './lesson/LessonView';
import { ChildView } from './child/ChildView';
import { ClassFocusView } from './focus-children/ClassFocusView';
import { ReviewView } from './review/ReviewView';
import { GroupView } from './groups/GroupView';
import { ProvisionsView } from './provisions/ProvisionsView';
import { MySessionsView } from './sessions/MySessionsView';
import { CorrectSessionView, LogSessionView } from './sessions/RegisterView';
import { SessionsLoggedView } from './sessions/SessionsLoggedView';
import { Shell } from './shell/Shell';
import { SignInView } from './sign-in/SignInView';
import { TicksView } from './ticks/TicksView';
import { AuditView } from './audit/AuditView';
import { ChildRecordsView } from './child-records/ChildRecordsView';
import { DevicesView } from './devices/DevicesView';
import { UpdatePrompt } from './update/UpdatePrompt';
import { WeekView } from './week/WeekView';
import { DeviceLockView } from './lock/DeviceLockView';

// Why lazy: the SENCo's reports (with papaparse and uPlot) are a chunk of their
// own, so a teacher's tablet never downloads them.
const SencoArea = lazy(() => import('./senco/SencoArea'));
const GroupsArea = lazy(() => import('./group-editor/GroupsArea'));

export function App() {
  const current = signedIn.value;
  return (
    <LocationProvider>
      <UpdatePrompt />
      {current === undefined ? (
        <main id="main" class="loading">
          <p>Opening…</p>
        </main>
      ) : current === null ? (
        <SignInView />
      ) : (
        <Shell current={current}>
          <Router>
            <Route
              path="/"
              component={() =>
                // A TA's day is their intervention sessions: that is their home.
                current.session.staff.role === 'ta' ? (
                  <MySessionsView store={current.store} staff={current.session.staff} />
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
            <Route
              path="/sessions"
              component={() => <SessionsLoggedView store={current.store} />}
            />
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
            <Route
              path="/devices"
              component={() => (
                <DevicesView api={current.privacy} myStaffId={current.session.staff.id} />
              )}
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
                <LessonView
                  store={current.store}
                  lessonId={id}
                  staffId={current.session.staff.id}
                />
              )}
            />
            <Route
              path="/child/:id"
              component={({ id }: { id: string }) => (
                <ChildView store={current.store} childId={id} views={current.views} />
              )}
            />
            <Route
              path="/review/:id"
              component={({ id }: { id: string }) => (
                <ReviewView store={current.store} planId={id} />
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
                <section>
                  <h1>Page not found</h1>
                  <p>
                    <a href="/">Go to your focus children</a>
                  </p>
                </section>
              )}
            />
          </Router>
        </Shell>
      )}
    </LocationProvider>
  );
}
