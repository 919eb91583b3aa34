/**
 * The sync protocol, v2, as zod schemas shared by the device and the server
 * (docs/architecture.md, "The sync protocol"). The wire shapes here are a contract
 * other tools rely on: change them only with a new protocol version.
 */
import { z } from './zod';
import { idSchema } from './id-schema';
import { isHlc } from './hlc';

/**
 * 2: the headteacher role, and staff sign-ins made with activation codes
 * instead of temporary passwords. Push and pull work as in 1.
 */
export const PROTOCOL_VERSION = 2;
/** Most mutations one push may carry. */
export const MAX_PUSH_MUTATIONS = 500;
/** Largest push body in bytes. */
export const MAX_PUSH_BYTES = 1024 * 1024;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;

export const MUTATION_KINDS = ['event', 'patch', 'delete'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export const hlcSchema = z
  .string()
  .check(z.refine(isHlc, 'Expected an HLC: <ISO time>-<counter>-<deviceId>'));

/**
 * One change a device made. The envelope is checked strictly (a mutation
 * without an id cannot be answered); what `data` holds is checked per record
 * type, and a bad `data` rejects only that mutation.
 */
export const mutationSchema = z.object({
  id: idSchema,
  deviceId: idSchema,
  seq: z.int().check(z.positive(), z.maximum(Number.MAX_SAFE_INTEGER)),
  hlc: hlcSchema,
  kind: z.enum(MUTATION_KINDS),
  entity: z.string().check(z.minLength(1), z.maxLength(40)),
  entityId: idSchema,
  data: z.optional(z.record(z.string(), z.unknown())),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  protocolVersion: z.int(),
  deviceId: idSchema,
  mutations: z.array(mutationSchema).check(z.maxLength(MAX_PUSH_MUTATIONS)),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const MUTATION_STATUSES = ['applied', 'duplicate', 'rejected'] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

/**
 * One field of an applied patch whose value lost last-writer-wins to a newer
 * change already on the server: who made the winning change and when (its
 * HLC time), so the device can tell the person their change was overwritten.
 * `by` and `at` are absent when the server cannot say who wrote the winning
 * value or when.
 */
export const lostFieldSchema = z.object({
  field: z.string(),
  by: z.optional(z.object({ staffId: z.uuid(), name: z.string() })),
  at: z.optional(z.string()),
});
export type LostField = z.infer<typeof lostFieldSchema>;

export const mutationResultSchema = z.object({
  id: idSchema,
  status: z.enum(MUTATION_STATUSES),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  /**
   * For an applied patch: the fields that lost to a newer value (the rest
   * of the patch, if any, won). Optional, so older clients still parse.
   */
  lost: z.optional(z.array(lostFieldSchema)),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(mutationResultSchema),
  /** The server's change cursor once this batch committed. */
  cursor: z.int().check(z.minimum(0)),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  after: z._default(
    z.coerce.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
    0,
  ),
  limit: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_PULL_LIMIT)),
    DEFAULT_PULL_LIMIT,
  ),
});

/**
 * One change as the server hands it out. For a patch, `data` holds only the
 * fields that won last-writer-wins on the server when it was applied, so a
 * device that applies changes in order ends with exactly the server's state.
 */
export const changeSchema = z.object({
  seq: z.int().check(z.positive()),
  kind: z.enum(MUTATION_KINDS),
  entity: z.string(),
  entityId: idSchema,
  data: z.nullable(z.record(z.string(), z.unknown())),
  hlc: hlcSchema,
});
export type Change = z.infer<typeof changeSchema>;

/** A record the device must remove: it left the reader's scope or was erased. */
export const revokedRecordSchema = z.object({
  entity: z.string(),
  entityId: idSchema,
});
export type RevokedRecord = z.infer<typeof revokedRecordSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.int().check(z.minimum(0)),
  hasMore: z.boolean(),
  /**
   * Records to delete from the device before applying `changes`, in the same
   * transaction: they left the reader's scope (a child moved class, a TA
   * left a group) or were erased on request. Optional, so older servers
   * still parse.
   */
  revoked: z.optional(z.array(revokedRecordSchema)),
  /**
   * The reader's scope grew: `changes` start again from the beginning of the
   * log (holding only what is newly visible) and `cursor` may be LOWER than
   * the one asked for. The device saves it as it is.
   */
  restart: z.optional(z.boolean()),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * A pull page as a device first reads it: the envelope strictly, each change
 * on its own afterwards. Why: one change the device cannot read must not
 * stop it reading the rest, or its sync would stop for good on that change.
 */
export const pullPageSchema = z.extend(pullResponseSchema, { changes: z.array(z.unknown()) });

export const signInRequestSchema = z.object({
  email: z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email()),
  password: z.string().check(z.minLength(1), z.maxLength(1_000)),
  deviceId: z.optional(idSchema),
});

export const signedInStaffSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.enum(['senco', 'teacher', 'ta', 'admin', 'headteacher']),
  schoolId: idSchema,
});
export type SignedInStaff = z.infer<typeof signedInStaffSchema>;

export const signInResponseSchema = z.object({
  token: z.string().check(z.minLength(16)),
  staff: signedInStaffSchema,
  /**
   * The device id this session speaks for: the one the device proposed, or
   * a fresh one if another person already owns that id (see the server's
   * `bindDevice`). The device adopts it. Optional, so a device still parses
   * an older server's answer (and then keeps its own id).
   */
  deviceId: z.optional(idSchema),
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

/** Stable error codes. Every error the API returns is `{error: {code, message}}`. */
export const ERROR_CODES = {
  badRequest: 'bad_request',
  unsupportedProtocolVersion: 'unsupported_protocol_version',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  payloadTooLarge: 'payload_too_large',
  rateLimited: 'rate_limited',
  /**
   * A push or a device question that names a device other than the one the
   * session was given at sign-in. Nothing of the request was recorded.
   */
  wrongDevice: 'wrong_device',
  /** An activation code that is unknown, used, replaced or expired (see activation.ts). */
  activationInvalid: 'activation_invalid',
  /**
   * The SENCo signed this device out to be handed back: it may push what it
   * holds (device-revocation.ts), then removes the children's records.
   */
  deviceSignedOut: 'device_signed_out',
  /** The SENCo marked this device lost or stolen: it removes every child's record unsent. */
  deviceLost: 'device_lost',
  internal: 'internal_error',
} as const;

/** Why one mutation was rejected (in a push result's `code`). */
export const REJECT_CODES = {
  unknownEntity: 'unknown_entity',
  invalidData: 'invalid_data',
  wrongKind: 'wrong_kind',
  recordDeleted: 'record_deleted',
  incomplete: 'incomplete_record',
  forbidden: 'forbidden',
  wrongDevice: 'wrong_device',
  /** The change names a record that is not on the server, or one that does not go with it. */
  badReference: 'bad_reference',
  /** A number or a time outside what the server can accept (a scale, its clock). */
  outOfRange: 'out_of_range',
} as const;

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
