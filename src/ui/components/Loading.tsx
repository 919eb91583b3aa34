/**
 * The two states a screen shows before or instead of its content: still
 * reading from the device, and the thing asked for is not there (a stale
 * link, or a record removed on another device).
 */
import type { ComponentChildren } from 'preact';

export function Loading({ message = 'Loading…' }: { message?: string }) {
  return <p class="empty">{message}</p>;
}

/** `children`: a sentence on why, and where to go instead. */
export function NotFound({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section>
      <h1>{title}</h1>
      <p>{children}</p>
    </section>
  );
}

/**
 * A teacher's record that is not on this device, most likely because it has
 * not synced here yet: the way back is to their focus children.
 */
export function NotOnThisDevice({ title, who = 'It' }: { title: string; who?: 'It' | 'They' }) {
  return (
    <NotFound title={title}>
      {`${who} may not have reached this device yet. `}
      <a href="/">Go to your focus children</a>
    </NotFound>
  );
}
