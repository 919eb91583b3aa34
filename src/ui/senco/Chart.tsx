/**
 * A small line chart through uPlot. uPlot and its stylesheet are imported
 * only when a chart is first drawn, so they ride in the SENCo's chunk and
 * never in the teacher's bundle. The chart is decoration: the same figures
 * are always in a table beside it.
 */
import { useEffect, useRef } from 'preact/hooks';

export type Series = { label: string; values: (number | null)[]; colour: string; dash?: number[] };

export function LineChart({
  labels,
  series,
  title,
  yLabel,
}: {
  labels: string[];
  series: Series[];
  title: string;
  yLabel: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let plot:
      { destroy(): void; setSize(size: { width: number; height: number }): void } | undefined;
    let observer: ResizeObserver | undefined;
    void (async () => {
      const [{ default: UPlot }] = await Promise.all([
        import('uplot'),
        import('uplot/dist/uPlot.min.css'),
      ]);
      if (disposed || !host.current) return;
      const widthOf = (element: HTMLElement) => Math.min(640, element.clientWidth || 640);
      const element = host.current;
      plot = new UPlot(
        {
          width: widthOf(element),
          height: 220,
          scales: { x: { time: false }, y: { range: [0, 100] } },
          axes: [
            { values: (_u: unknown, ticks: number[]) => ticks.map((t) => labels[t] ?? '') },
            { label: yLabel },
          ],
          series: [
            {},
            ...series.map((s) => ({
              label: s.label,
              stroke: s.colour,
              width: 2,
              dash: s.dash,
              points: { size: 7 },
            })),
          ],
        },
        [labels.map((_, i) => i), ...series.map((s) => s.values)] as never,
        element,
      );
      // A tablet turned on its side, or a window made narrower: the chart
      // follows its box instead of scrolling sideways out of it.
      if (typeof ResizeObserver === 'undefined') return;
      let drawnWidth = widthOf(element);
      observer = new ResizeObserver(() => {
        const width = widthOf(element);
        if (width === drawnWidth) return;
        drawnWidth = width;
        plot?.setSize({ width, height: 220 });
      });
      observer.observe(element);
    })();
    return () => {
      disposed = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [labels.join('|'), JSON.stringify(series)]);
  return <figure class="chart" aria-label={title} ref={host} />;
}
