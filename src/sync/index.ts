export { api, ApiCallError, CLIENT_ERROR_CODES, type ApiOptions } from './api';
export { requestActivation, requestHasSchool, requestSignIn, requestSignOut } from './auth';
export {
  createSyncEngine,
  backoffDelay,
  SYNC_LOCK_NAME,
  type SyncEngine,
  type SyncResult,
} from './engine';
export { startSyncTriggers, BACKGROUND_SYNC_TAG } from './triggers';
export {
  createPrivacyApi,
  type PrivacyApi,
  type AuditEntry,
  type AuditQuery,
  type ChildExport,
  type DeviceSummary,
  type StaffSummary,
} from './privacy-api';
export { refreshDevices, listStaffAccounts, createStaffAccounts } from './senco-api';
export { createViewLog, VIEW_LOG_LOCK_NAME, type ViewLog } from './view-log';
