/**
 * The server's tables as Kysely types: snake_case columns, one type per table.
 * Repositories map these rows to camelCase domain objects explicitly.
 *
 * Portability choices (one schema for SQLite and PostgreSQL):
 * - JSON is stored as TEXT on both engines, so both behave identically.
 * - Timestamps are ISO 8601 UTC strings with milliseconds, which sort
 *   correctly as text on both engines.
 * - Booleans are integers 0/1 (SQLite has no boolean type).
 * - bigint columns come back from `pg` as strings: mappers convert them.
 */
import type { ColumnType } from 'kysely';

/** A bigint counter: a number on SQLite, a string on PostgreSQL. */
export type BigIntColumn = ColumnType<number | string, number, number>;
export type Flag = 0 | 1;

export type SchoolsTable = {
  id: string;
  name: string;
  change_seq: ColumnType<number | string, number | undefined, number>;
  created_at: string;
  /** Months a left child's record is kept before it is erased; null: kept until erased by hand. */
  left_retention_months: ColumnType<number | null, number | null | undefined, number | null>;
  /**
   * Replaced by a new random token in the same transaction as any write
   * that can change a reader's scope: computed scopes are cached by it.
   */
  scope_version: ColumnType<string, string | undefined, string>;
};

export type StaffTable = {
  id: string;
  school_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  is_active: Flag;
};

export type AuthSessionsTable = {
  token_hash: string;
  staff_id: string;
  school_id: string;
  device_id: string | null;
  created_at: string;
  expires_at: string;
  last_used_at: string;
  revoked_at: string | null;
  /** `hand_back` | `lost` when the SENCo revoked the device; null for a sign-out or an expiry. */
  revoked_mode: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the device reported it removed the children's records; the token is then spent. */
  wiped_at: ColumnType<string | null, string | null | undefined, string | null>;
};

export type DevicesTable = {
  id: string;
  school_id: string;
  staff_id: string;
  first_seen_at: string;
  last_push_at: string | null;
  last_pull_at: string | null;
  /** The SENCo's last revocation of this device: `hand_back` | `lost`, and when. */
  revoked_mode: ColumnType<string | null, string | null | undefined, string | null>;
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the revoked device said it wiped, and how many unsent changes it dropped. */
  wiped_at: ColumnType<string | null, string | null | undefined, string | null>;
  dropped_changes: ColumnType<number | null, number | null | undefined, number | null>;
};

/** A stored change the server will not hand out: the protocol's schemas refuse it. */
export type HeldBackChangesTable = {
  school_id: string;
  change_seq: BigIntColumn;
  entity: string;
  reason: string;
  found_at: string;
};

export type AppliedMutationsTable = {
  mutation_id: string;
  school_id: string;
  device_id: string;
  seq: BigIntColumn;
  status: string;
  code: string | null;
  message: string | null;
  change_seq: BigIntColumn | null;
  received_at: string;
};

export type RecordsTable = {
  school_id: string;
  entity: string;
  entity_id: string;
  data: string;
  field_hlcs: string;
  is_deleted: Flag;
  created_seq: BigIntColumn;
  updated_seq: BigIntColumn;
};

export type ChangesTable = {
  school_id: string;
  seq: BigIntColumn;
  mutation_id: string;
  device_id: string;
  staff_id: string;
  kind: string;
  entity: string;
  entity_id: string;
  data: string | null;
  hlc: string;
  received_at: string;
};

export type RecordHistoryTable = {
  school_id: string;
  entity: string;
  entity_id: string;
  field: string;
  value: string;
  hlc: string;
  /** 'overwritten' (a newer write replaced it) or 'lost' (it arrived older than the stored value). */
  reason: string;
  /** The change that replaced the value; for a lost write, the change holding the winner. */
  replaced_by_seq: BigIntColumn | null;
  mutation_id: string;
  at: string;
};

export type DeviceScopesTable = {
  school_id: string;
  device_id: string;
  /** The session that last pulled on this device: a new sign-in starts afresh. */
  session_hash: string;
  scope: string;
  scope_hash: string;
  backfill_from: string | null;
  backfill_until: BigIntColumn;
  updated_at: string;
};

export type RevocationsTable = {
  school_id: string;
  /** A change number: devices remove the record when their pull passes it. */
  seq: BigIntColumn;
  entity: string;
  entity_id: string;
};

export type AuditEventsTable = {
  id: string;
  school_id: string;
  at: string;
  staff_id: string;
  /** Kept as it was then: the audit must still read right after a rename. */
  staff_name: string;
  device_id: string | null;
  /** created | changed | deleted | viewed | exported | erased | signed_in ... */
  action: string;
  entity: string | null;
  entity_id: string | null;
  child_id: string | null;
  detail: string | null;
};

/** A code that lets one member of staff set their first password (store/activation.ts). */
export type ActivationCodesTable = {
  /** SHA-256 of the canonical code; the code itself is never stored. */
  code_hash: string;
  school_id: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
  /** When it was used or replaced by a new code; null while it can still be used. */
  ended_at: string | null;
  ended_because: 'used' | 'replaced' | null;
};

export type DatabaseSchema = {
  schools: SchoolsTable;
  staff: StaffTable;
  auth_sessions: AuthSessionsTable;
  devices: DevicesTable;
  applied_mutations: AppliedMutationsTable;
  records: RecordsTable;
  changes: ChangesTable;
  record_history: RecordHistoryTable;
  device_scopes: DeviceScopesTable;
  revocations: RevocationsTable;
  audit_events: AuditEventsTable;
  activation_codes: ActivationCodesTable;
  held_back_changes: HeldBackChangesTable;
};

/** Converts a bigint column value (number on SQLite, string on PostgreSQL) to a number. */
export const toNumber = (value: number | string | bigint): number => Number(value);
