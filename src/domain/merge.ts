/**
 * Field-level last-writer-wins, the one conflict rule for entities, shared by
 * the server (which decides) and tests (which check it).
 *
 * Why per field and not per record: a teacher fixing a target's wording and
 * the SENCo changing its area of need at the same time must both keep their
 * change. Why keep the losers: a lost race must be visible in the record's
 * history, never silently gone.
 */
import type { Hlc } from './hlc';

export type FieldHlcs = Record<string, Hlc>;

export type EntityState = {
  data: Record<string, unknown>;
  fieldHlcs: FieldHlcs;
  isDeleted: boolean;
};

export type Overwritten = { field: string; value: unknown; hlc: Hlc };

export type PatchOutcome = {
  state: EntityState;
  /** Fields of the patch that won, with their values: what others must apply. */
  effective: Record<string, unknown>;
  /** Values this patch replaced (kept for history). */
  overwritten: Overwritten[];
  /** Fields of the patch that lost to a newer value. */
  lost: string[];
};

export const emptyEntityState = (): EntityState => ({ data: {}, fieldHlcs: {}, isDeleted: false });

export const applyPatch = (
  current: EntityState | undefined,
  patch: Record<string, unknown>,
  hlc: Hlc,
): PatchOutcome => {
  const base = current ?? emptyEntityState();
  const data = { ...base.data };
  const fieldHlcs = { ...base.fieldHlcs };
  const effective: Record<string, unknown> = {};
  const overwritten: Overwritten[] = [];
  const lost: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    const existing = fieldHlcs[field];
    // Equal HLCs can only be the same write seen twice: keep the first.
    if (existing !== undefined && existing >= hlc) {
      lost.push(field);
      continue;
    }
    if (existing !== undefined) overwritten.push({ field, value: data[field], hlc: existing });
    data[field] = value;
    fieldHlcs[field] = hlc;
    effective[field] = value;
  }
  return { state: { data, fieldHlcs, isDeleted: base.isDeleted }, effective, overwritten, lost };
};
