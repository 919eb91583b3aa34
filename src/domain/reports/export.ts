/**
 * The portable SEND record: a complete JSON export of the whole school or of
 * one child, so a school that changes system (or a child who moves school)
 * loses nothing. The format is documented in docs/send-record-export.md;
 * `format` and `version` let a future reader recognise it.
 */
import type { SchoolRecords } from './common';

export const EXPORT_FORMAT = 'waymark/send-record';
/**
 * The id the format had when the product was called Target Tracker. Files
 * exported then are still read: a child's record must reach the next school
 * whatever version of the app wrote it.
 */
export const LEGACY_EXPORT_FORMATS = ['target-tracker/send-record'] as const;
export const EXPORT_VERSION = 1;

/** Is `format` the id of this portable SEND record, under its current or an earlier name? */
export const isSendRecordFormat = (format: unknown): boolean =>
  format === EXPORT_FORMAT || (LEGACY_EXPORT_FORMATS as readonly unknown[]).includes(format);

export type SendRecordExport = {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  scope: { kind: 'school' } | { kind: 'child'; childId: string };
  school: { id: string; name: string; urn?: string } | null;
  records: Omit<SchoolRecords, 'school'>;
};

/** Drops device bookkeeping (`_sync`, `_rejected`...) from a stored row. */
const clean = <T extends object>(rows: T[]): T[] =>
  rows.map(
    (row) => Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('_'))) as T,
  );

const schoolHeader = (records: SchoolRecords): SendRecordExport['school'] =>
  records.school
    ? {
        id: records.school.id,
        name: records.school.name,
        ...(records.school.urn ? { urn: records.school.urn } : {}),
      }
    : null;

export const exportSchool = (records: SchoolRecords, exportedAt: string): SendRecordExport => {
  const { school: _school, ...rest } = records;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    scope: { kind: 'school' },
    school: schoolHeader(records),
    records: Object.fromEntries(
      Object.entries(rest).map(([key, rows]) => [key, clean(rows as object[])]),
    ) as SendRecordExport['records'],
  };
};

/**
 * Everything about one child: their record, focus entries, plans, targets,
 * ticks, passport, scores, reviews; the groups they were in with their
 * provisions; and each session they were on the register of, with the
 * register cut down to their own line (other children's attendance, and
 * the note of a session they shared, are not theirs to take away).
 */
export const exportChild = (
  records: SchoolRecords,
  childId: string,
  exportedAt: string,
): SendRecordExport => {
  const mine = <T extends { childId?: string }>(rows: T[]) =>
    clean(rows.filter((r) => r.childId === childId));
  const interventions = records.interventions.filter((i) => i.childIds.includes(childId));
  // The note is free text about the whole group: it goes only with a
  // session that was this child's alone (as the server's export does).
  const sessions = records.sessions
    .filter((s) => s.attendance.some((a) => a.childId === childId))
    .map(({ note, ...s }) => ({
      ...s,
      attendance: s.attendance.filter((a) => a.childId === childId),
      ...(note !== undefined && s.attendance.length === 1 ? { note } : {}),
    }));
  const provisionIds = new Set(interventions.map((i) => i.provisionId));
  const child = records.children.find((c) => c.id === childId);
  const classIds = new Set(child?.classId ? [child.classId] : []);
  const staffIds = new Set([
    ...interventions.flatMap((i) => i.staffIds),
    ...records.ticks.filter((t) => t.childId === childId).map((t) => t.recordedBy ?? ''),
  ]);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    scope: { kind: 'child', childId },
    school: schoolHeader(records),
    records: {
      staff: clean(records.staff.filter((s) => staffIds.has(s.id))),
      classes: clean(records.classes.filter((c) => classIds.has(c.id))),
      children: clean(records.children.filter((c) => c.id === childId)),
      focusChildren: mine(records.focusChildren),
      learningPlans: mine(records.learningPlans),
      targets: mine(records.targets),
      passports: mine(records.passports),
      provisions: clean(records.provisions.filter((p) => provisionIds.has(p.id))),
      interventions: clean(interventions.map((i) => ({ ...i, childIds: [childId] }))),
      ticks: mine(records.ticks),
      sessions: clean(sessions),
      scores: mine(records.scores),
      reviews: mine(records.reviews),
      senRegister: mine(records.senRegister),
    },
  };
};
