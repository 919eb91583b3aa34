/**
 * On a record's page: the person's changes to it that lost to a newer
 * change, each in plain words with a button to dismiss it. Shows nothing
 * when there are none. Why on the record: that is where the person looks
 * for what they set, and where they can set it again if they still mean it.
 */
import { dismissLostEdit, lostEditsFor, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { lostEditSentence } from './lost-edit-model';

export function LostEditNotices({
  store,
  entity,
  entityId,
}: {
  store: LocalStore;
  entity: string;
  entityId: string;
}) {
  const notices = useWatch(() => lostEditsFor(store, entity, entityId), [store, entity, entityId]);
  if (!notices || notices.length === 0) return null;
  const now = new Date(store.now());
  return (
    <ul class="lost-edits" aria-label="Changes of yours that were overwritten">
      {notices.map((notice) => {
        const messageId = `lost-${notice.id.replace(/[^a-zA-Z0-9-]/g, '-')}`;
        return (
          <li key={notice.id} class="lost-edit" data-testid="lost-edit">
            <span id={messageId}>{lostEditSentence(notice, now)}</span>{' '}
            <button
              type="button"
              class="quiet small"
              aria-describedby={messageId}
              onClick={() => void dismissLostEdit(store, notice.id)}
            >
              Dismiss
            </button>
          </li>
        );
      })}
    </ul>
  );
}
