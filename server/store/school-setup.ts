/**
 * Setting up a school: its row, its staff accounts, and its school and staff
 * records written through the same mutation path as a push (as a server
 * "device"), so they reach every device by pull like anything else.
 * (Not "provisioning": in this domain a provision is SEN support.)
 */
import { formatHlc } from '../../src/domain';
import type { EntityName, Mutation, MutationKind, Role } from '../../src/domain';
import { hashPassword } from '../auth/passwords';
import type { Executor } from '../db/connection';
import { insertSchool } from './schools';
import { insertStaffAccount } from './staff';
import { touchDevice } from './devices';
import { applyMutations } from './apply-mutations';

/** Writes records as the server. Collects mutations, then applies them in one go. */
export const createServerWriter = (ctx: {
  schoolId: string;
  staffId: string;
  deviceId: string;
  nowMs: number;
  /** Makes mutation ids; deterministic in the demo seed. */
  newId: () => string;
}) => {
  const pending: Mutation[] = [];
  let seq = 0;
  const add = (
    kind: MutationKind,
    entity: EntityName,
    entityId: string,
    data?: Record<string, unknown>,
  ) => {
    seq += 1;
    pending.push({
      id: ctx.newId(),
      deviceId: ctx.deviceId,
      seq,
      // One wall time, counting up: the seed's writes are ordered and all
      // older than anything a person does afterwards.
      hlc: formatHlc({ wallMs: ctx.nowMs, counter: seq % 0x10000, deviceId: ctx.deviceId }),
      kind,
      entity,
      entityId,
      ...(data ? { data } : {}),
    });
  };
  return {
    patch: (entity: EntityName, entityId: string, data: Record<string, unknown>) =>
      add('patch', entity, entityId, data),
    event: (entity: EntityName, entityId: string, data: Record<string, unknown>) =>
      add('event', entity, entityId, data),
    /** Applies everything collected; throws if the server refused any of it. */
    async flush(trx: Executor): Promise<void> {
      const batch = pending.splice(0);
      const results = await applyMutations(trx, ctx, batch);
      const refused = results.filter((result) => result.status === 'rejected');
      if (refused.length > 0) {
        const first = batch.find((m) => m.id === refused[0]!.id);
        throw new Error(
          `Setting up the school failed: ${first?.entity} ${first?.entityId}: ${refused[0]!.message}`,
        );
      }
    },
  };
};

export type NewStaff = {
  id: string;
  name: string;
  email: string;
  role: Role;
  password: string;
};

export type NewSchool = {
  id: string;
  name: string;
  /** Extra fields of the school record (terms, closures...). */
  details?: Record<string, unknown>;
  staff: NewStaff[];
  /** The server device that writes the records. */
  deviceId: string;
  nowMs: number;
  newId: () => string;
};

/**
 * Creates a school with its staff. The first staff member is recorded as the
 * author of the set-up changes. Run inside the caller's transaction.
 */
export const setUpSchool = async (trx: Executor, school: NewSchool) => {
  const author = school.staff[0];
  if (!author) throw new Error('A school needs at least one member of staff.');
  const at = new Date(school.nowMs).toISOString();
  await insertSchool(trx, { id: school.id, name: school.name, createdAt: at });
  for (const member of school.staff) {
    await insertStaffAccount(trx, {
      id: member.id,
      schoolId: school.id,
      email: member.email,
      name: member.name,
      role: member.role,
      passwordHash: await hashPassword(member.password),
      isActive: true,
    });
  }
  await touchDevice(
    trx,
    { id: school.deviceId, schoolId: school.id, staffId: author.id },
    'push',
    at,
  );
  const writer = createServerWriter({
    schoolId: school.id,
    staffId: author.id,
    deviceId: school.deviceId,
    nowMs: school.nowMs,
    newId: school.newId,
  });
  writer.patch('school', school.id, { name: school.name, ...school.details });
  for (const member of school.staff) {
    writer.patch('staff', member.id, {
      name: member.name,
      email: member.email.toLowerCase(),
      role: member.role,
      isActive: true,
    });
  }
  await writer.flush(trx);
  return writer;
};
