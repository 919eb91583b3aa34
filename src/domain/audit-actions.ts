/**
 * What the audit log records, and the words each action is shown in: one
 * list for the server that writes the log and its CSV, and for the SENCo's
 * screen that lists it, so the two never name an action differently.
 */
export const AUDIT_ACTIONS = [
  'created',
  'changed',
  'deleted',
  'viewed',
  'exported',
  'erased',
  'device_revoked',
  'device_wiped',
  'staff_deactivated',
  'staff_reactivated',
  'retention_set',
  // A stored change no device could read, held back from pulls (server/store/outgoing.ts).
  'change_held_back',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  created: 'Created',
  changed: 'Changed',
  deleted: 'Deleted',
  viewed: 'Viewed',
  exported: 'Exported',
  erased: 'Erased',
  device_revoked: 'Revoked a device',
  device_wiped: "A revoked device removed its children's records",
  staff_deactivated: 'Deactivated a person',
  staff_reactivated: 'Reactivated a person',
  retention_set: 'Set the retention period',
  change_held_back: 'Made a change devices could not read (held back from sync)',
};
