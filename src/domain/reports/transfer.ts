/**
 * A child's portable SEND record (./export, docs/send-record-export.md)
 * brought in by the SENCo of the school the child moved to: reading the
 * file, finding the child it is about among this school's children, and
 * the one read-only "transferred record" it becomes (records.ts,
 * `transferredRecord`). Nothing here writes: the SENCo sees what was
 * found before anything is added.
 */
import { legalName } from '../people';
import {
  MAX_TRANSFER_BYTES,
  transferredDocumentSchema,
  transferredRecordSchema,
  type Child,
  type StoredRecord,
  type TransferredRecord,
} from '../records';
import { isSendRecordFormat } from './export';

type Data = Record<string, unknown>;

/** A SEND record file as read: the child it is about and where it came from. */
export type TransferFile = {
  child: Data & { firstName: string; lastName: string };
  fromSchool: { name: string; urn?: string };
  exportedAt: string;
  records: Data;
};

const isObject = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Read a chosen file: one child's SEND record from this app, or a sentence saying why not. */
export const readTransferFile = (text: string): TransferFile | { error: string } => {
  if (text.length > MAX_TRANSFER_BYTES * 4) {
    return { error: 'This file is too large to be one child’s SEND record.' };
  }
  let file: unknown;
  try {
    file = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { error: 'This file is not a SEND record: it is not JSON that can be read.' };
  }
  if (!isObject(file) || !isSendRecordFormat(file.format)) {
    return {
      error:
        'This file is not a SEND record exported from Waymark. Ask the previous school for the child’s “Export JSON” file.',
    };
  }
  if (file.version !== 1) {
    return { error: 'This SEND record was written by a newer version of Waymark: update first.' };
  }
  const scope = file.scope;
  const records = file.records;
  if (!isObject(scope) || scope.kind !== 'child' || !isObject(records)) {
    return {
      error:
        'This is a whole school’s export. Ask the previous school for the one child’s “Export JSON” file.',
    };
  }
  const children = Array.isArray(records.children) ? records.children : [];
  const child = children[0];
  if (
    children.length !== 1 ||
    !isObject(child) ||
    typeof child.firstName !== 'string' ||
    typeof child.lastName !== 'string'
  ) {
    return { error: 'This SEND record does not hold one child.' };
  }
  const school = isObject(file.school) ? file.school : {};
  const exportedAt = typeof file.exportedAt === 'string' ? file.exportedAt : '';
  return {
    child: child as TransferFile['child'],
    fromSchool: {
      name: typeof school.name === 'string' && school.name.trim() ? school.name : 'Another school',
      ...(typeof school.urn === 'string' && school.urn ? { urn: school.urn } : {}),
    },
    exportedAt,
    records,
  };
};

/** Letters only, lower case, accents off: "Zoë  O'Neill" and "zoe oneill" are one name. */
const nameKey = (value: unknown): string =>
  typeof value === 'string'
    ? value
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}]/gu, '')
    : '';
const upnKey = (value: unknown): string =>
  typeof value === 'string' ? value.trim().toUpperCase() : '';

export type TransferMatch = {
  child: StoredRecord<'child'>;
  by: 'UPN' | 'name and date of birth';
};

/**
 * The child of this school the record is about: by UPN, then by legal
 * name and date of birth. Why never by name alone: two children share a
 * name far more often than a name and a birthday, and a SEND record put
 * on the wrong child is a serious mistake.
 */
export const matchTransfer = (
  file: TransferFile,
  children: readonly StoredRecord<'child'>[],
): TransferMatch | undefined => {
  const upn = upnKey(file.child.upn);
  if (upn) {
    const byUpn = children.find((c) => upnKey(c.upn) === upn);
    if (byUpn) return { child: byUpn, by: 'UPN' };
  }
  const dob = typeof file.child.dateOfBirth === 'string' ? file.child.dateOfBirth : '';
  if (!dob) return undefined;
  const first = nameKey(file.child.firstName);
  const last = nameKey(file.child.lastName);
  const byName = children.filter(
    (c) => c.dateOfBirth === dob && nameKey(c.firstName) === first && nameKey(c.lastName) === last,
  );
  return byName.length === 1 ? { child: byName[0]!, by: 'name and date of birth' } : undefined;
};

/** What a transferred record holds, in counts, for the SENCo's preview. */
export const transferCounts = (document: TransferredRecord['document']) => ({
  plans: document.learningPlans.length,
  targets: document.targets.length,
  reviews: document.reviews.length,
  passports: document.passports.length,
  groups: document.interventions.length,
  scores: document.scores.length,
  ticks: document.ticks.length,
});

/**
 * The record to add for `childId`: the file's records as their schemas
 * read them, staff by name alone. A record the schemas refuse (a newer
 * app's field, text too long) refuses the whole file, with the reason:
 * half a child's history shown as if whole would mislead.
 */
export const buildTransferredRecord = (
  file: TransferFile,
  childId: string,
  recordedAt: string,
): { record: TransferredRecord } | { error: string } => {
  const staff = (Array.isArray(file.records.staff) ? file.records.staff : [])
    .filter(isObject)
    .map((s) => ({ id: s.id, name: s.name }));
  const document = transferredDocumentSchema.safeParse({ ...file.records, staff });
  if (!document.success) {
    const issue = document.error.issues[0];
    return {
      error: `This SEND record could not be read (${issue?.path.join('.') ?? 'records'}: ${issue?.message ?? 'not valid'}). Ask the previous school to export it again.`,
    };
  }
  const parsed = transferredRecordSchema.safeParse({
    childId,
    fromSchool: file.fromSchool,
    exportedAt: file.exportedAt,
    recordedAt,
    document: document.data,
  });
  if (!parsed.success) {
    return { error: parsed.error.issues[0]?.message ?? 'This SEND record could not be read.' };
  }
  return { record: parsed.data };
};

/** The legal name the file gives the child, for the preview. */
export const transferChildName = (file: TransferFile): string =>
  legalName(file.child as Pick<Child, 'firstName' | 'lastName'>);
