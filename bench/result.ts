/** One benchmark's outcome, as written into the report. */
export type BenchResult = {
  id: string;
  title: string;
  /** What was measured, in words, with the figures. */
  measured: string;
  /** The baseline run side by side, with its figures. */
  baseline: string;
  /** The headline ratio or figure compared with the budget. */
  figure: string;
  budget: string;
  met: boolean | null;
  /** Correctness check that the fast answer was also right. */
  check: string;
  notes?: string;
  data?: Record<string, unknown>;
};

export const notRun = (id: string, title: string, budget: string, why: string): BenchResult => ({
  id,
  title,
  measured: 'not run',
  baseline: '-',
  figure: '-',
  budget,
  met: null,
  check: '-',
  notes: why,
});
