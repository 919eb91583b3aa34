/**
 * Children and staff as every screen and report names and counts them: a
 * child's name, whether a child is still on roll, whether they are on the
 * SEN register, whether a member of staff still works at the school, and
 * what each role may do.
 */
import type { IsoDate } from './calendar';
import type { Child, Role, Staff } from './records';

type Named = Pick<Child, 'firstName' | 'lastName'> &
  Partial<Pick<Child, 'preferredFirstName' | 'preferredLastName'>>;

/**
 * A child's name as staff use it: the preferred ("known as") names where the
 * MIS holds them, else the legal ones. Every list, lesson and report shows
 * this, so a teacher sees "Millie Hughes", the name the child answers to.
 */
export const childName = (child: Named): string =>
  `${childFirstName(child)} ${child.preferredLastName || child.lastName}`;

/** The first name staff call the child by. */
export const childFirstName = (child: Named): string => child.preferredFirstName || child.firstName;

/** A child's legal names, as the MIS holds them: the child page and the SENCo's records. */
export const legalName = (child: Pick<Child, 'firstName' | 'lastName'>): string =>
  `${child.firstName} ${child.lastName}`;

/** The legal name when it differs from the one staff use, for a "legal name" line. */
export const legalNameIfDifferent = (child: Named): string | undefined =>
  legalName(child) === childName(child) ? undefined : legalName(child);

/**
 * Still on the school's roll on `on`: no leaving date, or one after it. Why
 * a date and not just "has a leaving date": an import may carry a leaving
 * date that is still to come, and until then the child is taught and ticked.
 */
export const isOnRoll = (child: Pick<Child, 'leftOn'>, on: IsoDate): boolean =>
  !child.leftOn || child.leftOn > on;

export const isOnSenRegister = (child: Pick<Child, 'senStatus'>): boolean =>
  child.senStatus === 'sen_support' || child.senStatus === 'ehcp';

/** A member of staff whose account is active (older records lack the flag: active). */
export const isActiveStaff = (member: Partial<Pick<Staff, 'isActive'>>): boolean =>
  member.isActive !== false;

/** Roles that see every child of the school (the SENCo's reports need them all). */
export const isWholeSchoolRole = (role: Role): boolean =>
  role === 'senco' || role === 'admin' || role === 'headteacher';

/**
 * Roles that manage the school: staff, devices, groups, the calendar,
 * imports. A headteacher sees the whole school but manages none of it.
 */
export const isManagerRole = (role: Role): boolean => role === 'senco' || role === 'admin';

/** Roles that record nothing: the server refuses their pushes and the screens offer no writes. */
export const isReadOnlyRole = (role: Role): boolean => role === 'headteacher';
