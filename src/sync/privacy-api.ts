/**
 * The SENCo's privacy calls to the server (devices, staff and their
 * sign-ins with activation codes, audit log, a child's export and erasure) and the view report any device sends when a
 * child's record is opened, through the one API client (api.ts). Every
 * failure is an ApiCallError with a sentence to show.
 */
import type { RevocationMode } from '../domain';
import {
  routes,
  type AuditQuery,
  type RouteDef,
  type RouteInput,
  type ViewReport,
} from '../domain/api';
import { api, ApiCallError } from './api';

export type {
  AuditEntry,
  AuditQuery,
  ChildExport,
  DeviceSummary,
  StaffSummary,
} from '../domain/api';

export const createPrivacyApi = (deps: {
  getToken: () => Promise<string | undefined>;
  baseUrl?: string;
  fetch?: typeof fetch;
}) => {
  const call = async <R extends RouteDef>(route: R, input: RouteInput<R>) => {
    const token = await deps.getToken();
    if (!token) {
      throw new ApiCallError({
        status: 401,
        code: 'unauthorized',
        message: 'Please sign in again.',
      });
    }
    return api(route, input, {
      token,
      ...(deps.baseUrl === undefined ? {} : { baseUrl: deps.baseUrl }),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  };
  return {
    devices: async () => (await call(routes.devices, {})).devices,
    revokeDevice: async (id: string, mode: RevocationMode) => {
      await call(routes.revokeDevice, { params: { id }, body: { mode } });
    },
    staff: async () => (await call(routes.staff, {})).staff,
    setStaffActive: async (id: string, isActive: boolean) => {
      await call(isActive ? routes.reactivateStaff : routes.deactivateStaff, { params: { id } });
    },
    /** Sign-ins for staff records already synced, each with an activation code shown once. */
    createAccounts: async (staffIds: string[]) =>
      (await call(routes.createStaffAccounts, { body: { staffIds } })).results,
    /** A fresh activation code for a person; their earlier unused code stops working. */
    newActivationCode: (staffId: string) =>
      call(routes.newActivationCode, { params: { id: staffId } }),
    audit: async (filter: AuditQuery) => (await call(routes.audit, { query: filter })).events,
    auditCsv: (filter: AuditQuery) => call(routes.auditExport, { query: filter }),
    exportChild: (childId: string) => call(routes.exportChild, { params: { id: childId } }),
    eraseChild: async (childId: string) => {
      await call(routes.eraseChild, { params: { id: childId }, body: { confirm: true } });
    },
    retention: async () => (await call(routes.retention, {})).months,
    setRetention: async (months: number | null) => {
      await call(routes.setRetention, { body: { months } });
    },
    eraseLeavers: async () => (await call(routes.eraseLeavers, { body: { confirm: true } })).erased,
    /**
     * Tells the audit log that this person opened (or exported) a child's
     * record, and when. Throws like every call: the view log (view-log.ts)
     * keeps the view and sends it again when that is worth doing.
     */
    reportView: async (view: ViewReport) => {
      await call(routes.reportView, { body: view });
    },
  };
};

export type PrivacyApi = ReturnType<typeof createPrivacyApi>;
