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
