/**
 * The SENCo's privacy calls to the server (devices, staff, audit log, a
 * child's export and erasure) and the view report any device sends when a
 * child's record is opened. Every failure becomes a sentence to show.
 */
import { apiErrorSchema, type DeviceRevocation, type RevocationMode } from '../domain';

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export type DeviceSummary = {
  id: string;
  staffId: string;
  staffName: string;
  firstSeenAt: string;
  lastPushAt: string | null;
  lastPullAt: string | null;
  liveSessions: number;
  /** How the SENCo revoked it, and what the device said after (absent from an older server). */
  revocation?: DeviceRevocation | null;
};
export type StaffSummary = {
  id: string;
  name: string;
  email: string;
  role: string;
  isActive: boolean;
};
export type AuditEntry = {
  id: string;
  at: string;
  staffId: string;
  staffName: string;
  deviceId: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  childId: string | null;
  detail: string | null;
};
export type AuditQuery = { childId?: string; staffId?: string; from?: string; to?: string };
export type ChildExport = {
  childId: string;
  exportedAt: string;
  records: { entity: string; id: string; isDeleted: boolean; data: Record<string, unknown> }[];
  history: {
    entity: string;
    id: string;
    field: string;
    value: unknown;
    at: string;
    reason: string;
  }[];
};

export const createPrivacyApi = (deps: {
  getToken: () => Promise<string | undefined>;
  baseUrl?: string;
  fetch?: typeof fetch;
}) => {
  const doFetch =
    deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const token = await deps.getToken();
    if (!token) throw new ApiCallError('Please sign in again.', 401);
    let response: Response;
    try {
      response = await doFetch(`${deps.baseUrl ?? ''}/api/v1${path}`, {
        ...init,
        headers: {
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          authorization: `Bearer ${token}`,
        },
        cache: 'no-store',
      });
    } catch {
      throw new ApiCallError('You need a connection for this. Check the Wi-Fi and try again.', 0);
    }
    if (!response.ok) {
      const body = apiErrorSchema.safeParse(await response.json().catch(() => null));
      throw new ApiCallError(
        body.success ? body.data.error.message : 'The server could not do that just now.',
        response.status,
      );
    }
    return response;
  };
  const query = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `?${text}` : '';
  };
  return {
    devices: async () =>
      ((await (await call('/devices')).json()) as { devices: DeviceSummary[] }).devices,
    revokeDevice: async (id: string, mode: RevocationMode) => {
      await call(`/devices/${encodeURIComponent(id)}/revoke`, {
        method: 'POST',
        body: JSON.stringify({ mode }),
      });
    },
    staff: async () => ((await (await call('/staff')).json()) as { staff: StaffSummary[] }).staff,
    setStaffActive: async (id: string, isActive: boolean) => {
      await call(`/staff/${encodeURIComponent(id)}/${isActive ? 'reactivate' : 'deactivate'}`, {
        method: 'POST',
      });
    },
    audit: async (filter: AuditQuery) =>
      ((await (await call(`/audit${query(filter)}`)).json()) as { events: AuditEntry[] }).events,
    auditCsv: async (filter: AuditQuery) => (await call(`/audit/export${query(filter)}`)).text(),
    exportChild: async (childId: string) =>
      (await (await call(`/children/${encodeURIComponent(childId)}/export`)).json()) as ChildExport,
    eraseChild: async (childId: string) => {
      await call(`/children/${encodeURIComponent(childId)}/erase`, {
        method: 'POST',
        body: JSON.stringify({ confirm: true }),
      });
    },
    retention: async () =>
      ((await (await call('/children/retention')).json()) as { months: number | null }).months,
    setRetention: async (months: number | null) => {
      await call('/children/retention', { method: 'PUT', body: JSON.stringify({ months }) });
    },
    eraseLeavers: async () =>
      (
        (await (
          await call('/children/erase-leavers', {
            method: 'POST',
            body: JSON.stringify({ confirm: true }),
          })
        ).json()) as { erased: number }
      ).erased,
    /**
     * Tells the audit log that this person opened (or exported) a child's
     * record, and when. Throws like every call: the view log (view-log.ts)
     * keeps the view and sends it again when that is worth doing.
     */
    reportView: async (view: { childId: string; what: string; viewedAt: string }) => {
      await call('/audit/views', { method: 'POST', body: JSON.stringify(view) });
    },
  };
};

export type PrivacyApi = ReturnType<typeof createPrivacyApi>;
