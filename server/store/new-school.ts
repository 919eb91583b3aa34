/**
 * A new school from nothing: its row, its calendar for this school year and
 * the next (the England pattern, for the SENCo to correct), and its first
 * SENCo, who gets an activation code rather than a password. What
 * `create-school` runs, in one transaction: a school is made whole or not
 * at all.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { englandCalendarFrom, localDate, schoolSchema, staffSchema } from '../../src/domain';
import type { Executor } from '../db/connection';
import { findStaffAccountsByEmail } from './staff';
import { issueActivationCode } from './activation';
import { setUpSchool } from './school-setup';

export type NewSchoolRequest = {
  name: string;
  sencoEmail: string;
  sencoName: string;
  /** The school's unique reference number (Get Information about Schools). */
  urn?: string | undefined;
};

export type CreatedSchool = {
  schoolId: string;
  sencoId: string;
  activationCode: string;
  activationExpiresAt: string;
};

/** A request that cannot make a school; the message says what to change. */
export class NewSchoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NewSchoolError';
  }
}

/** URNs are six digits (seven for a few newer establishments). */
const URN_PATTERN = /^\d{6,7}$/;

/** Checks a request against the same schemas a synced school and staff record must meet. */
export const checkNewSchool = (request: NewSchoolRequest): NewSchoolRequest => {
  const school = schoolSchema.shape.name.safeParse(request.name);
  if (!school.success) throw new NewSchoolError('The school needs a name (up to 200 characters).');
  const email = staffSchema.shape.email.safeParse(request.sencoEmail.trim().toLowerCase());
  if (!email.success) {
    throw new NewSchoolError(`"${request.sencoEmail}" is not an email address.`);
  }
  const sencoName = staffSchema.shape.name.safeParse(request.sencoName);
  if (!sencoName.success) {
    throw new NewSchoolError("The SENCo's name is needed (up to 200 characters).");
  }
  const urn = request.urn?.trim();
  if (urn !== undefined && urn !== '' && !URN_PATTERN.test(urn)) {
    throw new NewSchoolError(`The URN is six digits (found "${request.urn}").`);
  }
  return {
    name: school.data,
    sencoEmail: email.data,
    sencoName: sencoName.data,
    ...(urn ? { urn } : {}),
  };
};

export const createSchool = async (
  trx: Executor,
  request: NewSchoolRequest,
  nowMs: number,
): Promise<CreatedSchool> => {
  const checked = checkNewSchool(request);
  if ((await findStaffAccountsByEmail(trx, checked.sencoEmail)).length > 0) {
    throw new NewSchoolError(
      `${checked.sencoEmail} already has an account on this server. Use another address for this school's SENCo.`,
    );
  }
  const schoolId = randomUUID();
  const sencoId = randomUUID();
  const calendar = englandCalendarFrom(localDate(new Date(nowMs)));
  await setUpSchool(trx, {
    id: schoolId,
    name: checked.name,
    details: { ...(checked.urn ? { urn: checked.urn } : {}), ...calendar },
    staff: [
      {
        id: sencoId,
        name: checked.sencoName,
        email: checked.sencoEmail,
        role: 'senco',
        // Why a random password nobody is told: the account must not be
        // usable until its owner activates it, and sign-in must take the
        // same path and time for it as for any other account.
        password: randomBytes(24).toString('base64url'),
      },
    ],
    deviceId: randomUUID(),
    nowMs,
    newId: randomUUID,
  });
  const { code, expiresAt } = await issueActivationCode(trx, { schoolId, staffId: sencoId }, nowMs);
  return { schoolId, sencoId, activationCode: code, activationExpiresAt: expiresAt };
};
