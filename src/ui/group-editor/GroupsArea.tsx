/**
 * The SENCo's intervention groups, as a chunk of their own (a lazy route in
 * App.tsx): a TA's or teacher's tablet never downloads the group editor.
 * Only the SENCo (and admin) may write groups; the server refuses anyone
 * else, so the screens are not offered to them either.
 */
import type { Signed } from '../app-state';
import { GroupEditorView } from './GroupEditorView';
import { GroupsListView } from './GroupsListView';
import './group-editor.css';

export default function GroupsArea({
  current,
  groupId,
  isNew = false,
}: {
  current: Signed;
  groupId?: string;
  isNew?: boolean;
}) {
  const { role } = current.session.staff;
  if (role !== 'senco' && role !== 'admin') {
    return (
      <section>
        <h1>Groups</h1>
        <p>Intervention groups are set up by the SENCo.</p>
      </section>
    );
  }
  if (isNew || groupId) return <GroupEditorView store={current.store} groupId={groupId} />;
  return <GroupsListView store={current.store} />;
}
