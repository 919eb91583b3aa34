/**
 * "Needs attention": changes the server refused, each with its reason and
 * what a person can do (copy the details for the school office, or
 * discard). The list never blocks sync: everything else goes on syncing.
 */
import { useState } from 'preact/hooks';
import { attentionItems, discardAttention, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatWhen } from '../format';

const copyText = async (text: string): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};

export function AttentionView({ store }: { store: LocalStore }) {
  const items = useWatch(() => attentionItems(store), [store]);
  const [notice, setNotice] = useState<string>();

  const onDiscard = async (id: string, title: string) => {
    const go = confirm(`Discard "${title}"? It will not be sent again. This cannot be undone.`);
    if (!go) return;
    await discardAttention(store, id);
    setNotice(`Discarded: ${title}.`);
  };

  const onCopy = async (details: string, title: string) => {
    setNotice(
      (await copyText(details))
        ? `Details of "${title}" copied. Paste them into an email to your school office.`
        : 'This browser would not copy. Select the details below and copy them by hand.',
    );
  };

  return (
    <section class="attention">
      <h1>Needs attention</h1>
      <p class="lede">
        The server could not accept these changes. Everything else has synced as normal. Copy the
        details to send to your school office, then discard the change, or record it again.
      </p>
      <p role="status" aria-live="polite" class="attention-notice">
        {notice}
      </p>
      {items === undefined ? null : items.length === 0 ? (
        <p class="empty">Nothing needs attention. All your changes were accepted.</p>
      ) : (
        <ul class="attention-list">
          {items.map((item) => (
            <li key={item.id} class="attention-item" data-testid="attention-item">
              <h2>{item.title}</h2>
              <p>
                <strong>Why it was not kept:</strong> {item.reason}
              </p>
              <p class="attention-meta">
                You {item.action} this; the server refused it {formatWhen(item.at)}.
              </p>
              <div class="attention-actions">
                <button
                  type="button"
                  class="quiet"
                  onClick={() => void onCopy(item.details, item.title)}
                >
                  Copy details
                </button>
                <button
                  type="button"
                  class="quiet danger"
                  onClick={() => void onDiscard(item.id, item.title)}
                >
                  Discard
                </button>
              </div>
              <details>
                <summary>Show details</summary>
                <pre>{item.details}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
