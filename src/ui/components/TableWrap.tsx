/**
 * The scroll box around a wide table. When the table is wider than the
 * screen (a phone, or a laptop zoomed to 200%) the box scrolls sideways, and
 * then it becomes a named region a keyboard can reach and scroll with the
 * arrow keys. When the table fits it is no tab stop and no landmark.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const [isScrollable, setScrollable] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const check = () => setScrollable(element.scrollWidth > element.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    // Both the box (the window resized or zoomed) and the table (rows came in).
    const observer = new ResizeObserver(check);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      class="table-wrap"
      {...(isScrollable ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}
