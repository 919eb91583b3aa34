/**
 * A "saved" confirmation (or any short news) for everyone, screen readers
 * included: a polite live region that is always in the page, so what is
 * put into it is announced. A region that appears together with its words
 * is often not read out, so the words arrive a moment after the region.
 */
import { useEffect, useState } from 'preact/hooks';

/** Long enough for assistive technology to have seen the empty region. */
const ANNOUNCE_DELAY_MS = 50;

export function StatusMessage({
  message,
  class: className = '',
  isSuccess = false,
  inline = false,
}: {
  message: string | undefined;
  class?: string;
  /** Prefix a tick (✓) that screen readers skip. */
  isSuccess?: boolean;
  /** A span beside a button rather than a paragraph of its own. */
  inline?: boolean;
}) {
  const [shown, setShown] = useState<string>();
  useEffect(() => {
    if (!message) {
      setShown(undefined);
      return;
    }
    const timer = setTimeout(() => setShown(message), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [message]);
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag role="status" class={`status-message ${className}`.trim()}>
      {shown && (
        <>
          {isSuccess && <span aria-hidden="true">✓ </span>}
          {shown}
        </>
      )}
    </Tag>
  );
}
