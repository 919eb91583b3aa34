/**
 * The groups a child belongs to for gap analysis and totals: SEN (support or
 * EHCP), the built-in vulnerable groups (FSM, Pupil Premium, child in care,
 * EAL), gender, year group, and the school's own flags. A child may be in
 * several groups at once and counts in each.
 */
import { VULNERABLE_GROUPS, VULNERABLE_GROUP_LABELS, type StoredRecord } from '../records';
import { isOnSenRegister } from './common';

export type GroupKind = 'sen' | 'vulnerable' | 'gender' | 'year' | 'custom';
export type ChildGroup = { key: string; label: string; kind: GroupKind };

const GENDER_LABELS: Record<string, string> = {
  female: 'Girls',
  male: 'Boys',
  other: 'Other gender',
};

export const yearLabel = (year: number): string =>
  year === -1 ? 'Nursery' : year === 0 ? 'Reception' : `Year ${year}`;

export const groupsOfChild = (
  child: Pick<StoredRecord<'child'>, 'senStatus' | 'groups' | 'gender' | 'yearGroup'>,
): ChildGroup[] => {
  const out: ChildGroup[] = [];
  if (isOnSenRegister(child)) out.push({ key: 'sen', label: 'SEN', kind: 'sen' });
  for (const code of VULNERABLE_GROUPS) {
    if (child.groups.includes(code))
      out.push({ key: code, label: VULNERABLE_GROUP_LABELS[code], kind: 'vulnerable' });
  }
  for (const code of child.groups) {
    if ((VULNERABLE_GROUPS as readonly string[]).includes(code)) continue;
    // A flag the school has since removed from its list still names a group.
    out.push({ key: `custom:${code}`, label: code, kind: 'custom' });
  }
  const gender = GENDER_LABELS[child.gender];
  if (gender) out.push({ key: `gender:${child.gender}`, label: gender, kind: 'gender' });
  out.push({ key: `year:${child.yearGroup}`, label: yearLabel(child.yearGroup), kind: 'year' });
  return out;
};
