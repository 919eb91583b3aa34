export {
  applyPulledPage,
  getCursor,
  noteUnreadableChanges,
  rewindForNewlyKnownEntities,
} from './apply';
export {
  deleteEntity,
  patchEntities,
  patchEntity,
  recordEvent,
  recordEvents,
  tickTarget,
  type TickInput,
} from './commands';
export * from './reports-queries';
export { META_KEYS, DB_NAME, type AttentionEntry } from './db';
export {
  adoptDeviceId,
  clearDarkMark,
  clearSession,
  getDarkMark,
  getDeviceId,
  getSession,
  saveDarkMark,
  saveSession,
  type DarkMark,
  type DeviceSession,
} from './device';
export { createLocalStore, type LocalStore } from './local-store';
export { claimDevice, countUnsent, darkenDevice, wipeDevice, type ClaimResult } from './owner';
export { countWaiting, settlePushResults, takeOutboxBatch } from './outbox';
export * from './queries';
export { isCountable, isCurrent, isLive, schoolCalendar } from './rows';
export { setSyncStatus } from './status';
export { ValidationError } from './validation';
export {
  childOptions,
  recordNames,
  staffOptions,
  type ChildOption,
  type StaffOption,
} from './privacy-queries';
export {
  dismissEvictionNotice,
  noteServerDeviceSeq,
  oldestWaitingAt,
  storageErrorMessage,
  storageHealth,
  type StorageHealth,
  type EvictionNotice,
} from './health';
export { discardAttention, attentionItems, type AttentionItem } from './attention';
export { dismissLostEdit, lostEditsFor, type LostEdit } from './lost-edits';
export * from './teaching-commands';
export * from './teaching-queries';
export * from './session-commands';
export * from './session-queries';
export * from './provision-commands';
export {
  addPendingView,
  pendingViews,
  removePendingViews,
  type PendingView,
  type ViewWhat,
} from './view-queue';
export {
  clearLockSettings,
  getLockSettings,
  saveLockSettings,
  schoolRequiresTabletPin,
  type LockSettings,
} from './device-lock';
export * from './group-commands';
export * from './group-queries';
export { saveSchoolCalendar, schoolCalendarView, type SchoolCalendarView } from './school-calendar';
export { addTransferredRecord, transferredRecordsOf } from './transfer-queries';
