/**
 * The sync protocol v1 (docs/architecture.md): push a batch of mutations, pull
 * the school's changes after a cursor. The school and author always come
 * from the token, never from the body.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  ERROR_CODES,
  isReadOnlyRole,
  MAX_PUSH_BYTES,
  parseHlc,
  PROTOCOL_VERSION,
} from '../../src/domain';
import { routes } from '../../src/domain/api';
import type { PullResponse, PushRequest, PushResponse } from '../../src/domain/api';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { requireAuth } from '../auth/middleware';
import { getChangeSeq } from '../store/change-counter';
import { touchDevice } from '../store/devices';
import { applyMutations } from '../store/apply-mutations';
import { canWrite, childIdOf } from '../auth/permissions';
import type { NewAuditEvent } from '../store/audit';
import { insertAuditEvents } from '../store/audit';
import { currentScope } from '../store/scope-cache';
import { pullScoped } from '../store/scoped-pull';
import { readableChanges } from '../store/outgoing';
import { latestDeviceSeq } from '../store/sync-store';
import { answer, validate } from './validation';

/**
 * True if every device a push names (its envelope, each mutation, each
 * mutation's HLC) is the session's own. Ids are already lower-cased by the
 * schema; the HLC's device part must match exactly, since HLCs compare as
 * strings.
 */
const speaksOnlyFor = (sessionDeviceId: string | null, push: PushRequest): boolean =>
  sessionDeviceId !== null &&
  push.deviceId === sessionDeviceId &&
  push.mutations.every(
    (m) => m.deviceId === sessionDeviceId && parseHlc(m.hlc)?.deviceId === sessionDeviceId,
  );

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

export const syncRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>()
    .use(requireAuth(deps))
    .post(
      '/push',
      bodyLimit({
        maxSize: MAX_PUSH_BYTES,
        onError: (c) => jsonError(c, 413, ERROR_CODES.payloadTooLarge, MESSAGES.tooLarge),
      }),
      async (c) => {
        const json = parseJson(await c.req.text());
        if (!json.ok) return jsonError(c, 400, ERROR_CODES.badRequest, MESSAGES.badRequest);
        // Why check the version before the shape: a newer or older app may
        // send a different shape, and it must be told to update, not that
        // its request is "malformed".
        const version =
          typeof json.value === 'object' && json.value !== null
            ? (json.value as { protocolVersion?: unknown }).protocolVersion
            : undefined;
        if (version !== undefined && version !== PROTOCOL_VERSION) {
          // Why two messages: an old app must reload, but a newer app than
          // this server cannot be fixed on the tablet; someone must update
          // the server. Either way the outbox waits, untouched.
          const tooNew = typeof version === 'number' && version > PROTOCOL_VERSION;
          return jsonError(
            c,
            400,
            ERROR_CODES.unsupportedProtocolVersion,
            tooNew ? MESSAGES.serverTooOld : MESSAGES.reload,
          );
        }
        // Why all-or-nothing on the envelope: a mutation without an id
        // cannot be answered, so nothing in a malformed batch is written.
        const parsed = routes.push.body.safeParse(json.value);
        if (!parsed.success) return jsonError(c, 400, ERROR_CODES.badRequest, MESSAGES.badRequest);

        const { staff, session } = c.get('signedIn');
        // Why refuse the whole push, before anything is written: a device's
        // identity belongs to its session (given at sign-in, see
        // `bindDevice`). A push that names another device, in its envelope,
        // a mutation or a mutation's HLC, is forged or confused; recording
        // any of it (even a rejection) would move that device's counters on
        // the server, and the real device's next push would be refused.
        if (!speaksOnlyFor(session.deviceId, parsed.data)) {
          return jsonError(c, 403, ERROR_CODES.wrongDevice, MESSAGES.wrongDevice);
        }
        const deviceId = parsed.data.deviceId;
        const nowMs = deps.now();
        const at = new Date(nowMs).toISOString();
        // One transaction for the batch: a database failure rolls back
        // everything and answers 500, so the device retries and nothing is
        // half-written. The retry is harmless thanks to mutation ids.
        const body = await deps.db.transaction().execute(async (trx): Promise<PushResponse> => {
          await touchDevice(
            trx,
            { id: deviceId, schoolId: staff.schoolId, staffId: staff.id },
            'push',
            at,
          );
          // What each authorised mutation would do, for the audit log once applied.
          const intents = new Map<string, NewAuditEvent>();
          const results = await applyMutations(
            trx,
            {
              schoolId: staff.schoolId,
              staffId: staff.id,
              deviceId,
              nowMs,
              // Called under the school's write lock (see WriteContext).
              authorise: async (locked) => {
                const { scope } = await currentScope(locked, deps.scopes, {
                  schoolId: staff.schoolId,
                  staffId: staff.id,
                  role: staff.role,
                });
                return (mutation, stored) => {
                  if (isReadOnlyRole(staff.role)) return 'read_only';
                  const data = mutation.data ?? {};
                  const storedData = stored?.data;
                  const after =
                    mutation.kind === 'delete'
                      ? (storedData ?? {})
                      : mutation.kind === 'event'
                        ? data
                        : { ...storedData, ...data };
                  const isAllowed = canWrite(
                    scope,
                    mutation.entity,
                    mutation.entityId,
                    mutation.kind === 'event' ? undefined : storedData,
                    after,
                  );
                  if (isAllowed) {
                    intents.set(mutation.id, {
                      schoolId: staff.schoolId,
                      at,
                      staffId: staff.id,
                      staffName: staff.name,
                      deviceId,
                      action:
                        mutation.kind === 'delete' ? 'deleted' : stored ? 'changed' : 'created',
                      entity: mutation.entity,
                      entityId: mutation.entityId,
                      childId: childIdOf(mutation.entity, after, mutation.entityId) ?? null,
                      detail:
                        mutation.kind === 'patch' ? Object.keys(data).sort().join(', ') : null,
                    });
                  }
                  return isAllowed;
                };
              },
            },
            parsed.data.mutations,
          );
          await insertAuditEvents(
            trx,
            results.flatMap((result) => {
              const intent = result.status === 'applied' ? intents.get(result.id) : undefined;
              return intent ? [intent] : [];
            }),
          );
          // Fault-injection point for the crash tests (never set in production).
          await deps.faults?.beforePushCommit?.();
          return { results, cursor: await getChangeSeq(trx, staff.schoolId) };
        });
        return answer(c, routes.push, body);
      },
    )
    /**
     * How far this device's pushes got: the highest `seq` the server holds
     * from it. A device whose own counter is behind has lost its local data
     * (the browser evicted it) and tells the person so.
     */
    .get('/device', validate('query', routes.syncDevice.query, MESSAGES.badRequest), async (c) => {
      const asked = c.req.valid('query').deviceId;
      const { staff, session } = c.get('signedIn');
      // Why only the session's own device: how far another device's pushes
      // got is nobody else's business, and the answer is what a device uses
      // to decide that it lost its data.
      const deviceId = session.deviceId;
      if (!deviceId || (asked !== undefined && asked !== deviceId)) {
        return jsonError(c, 403, ERROR_CODES.wrongDevice, MESSAGES.wrongDevice);
      }
      const lastSeq = await latestDeviceSeq(deps.db, staff.schoolId, deviceId);
      return answer(c, routes.syncDevice, { deviceId, lastSeq });
    })
    .get('/pull', validate('query', routes.pull.query, MESSAGES.badRequest), async (c) => {
      const { after, limit } = c.req.valid('query');
      const { staff, session } = c.get('signedIn');
      const nowIso = new Date(deps.now()).toISOString();
      // One transaction: the scope the device is told about and the page it
      // gets must agree, and the device's stored scope moves with them.
      const page = await deps.db.transaction().execute(async (trx) => {
        const result = await pullScoped(
          trx,
          deps.scopes,
          {
            schoolId: staff.schoolId,
            staffId: staff.id,
            role: staff.role,
            deviceId: session.deviceId,
            sessionHash: session.tokenHash,
          },
          after,
          limit,
          nowIso,
        );
        if (session.deviceId) {
          await touchDevice(
            trx,
            { id: session.deviceId, schoolId: staff.schoolId, staffId: staff.id },
            'pull',
            nowIso,
          );
        }
        return {
          ...result,
          changes: await readableChanges(trx, staff.schoolId, result.changes, nowIso),
        };
      });
      const body: PullResponse = {
        changes: page.changes,
        cursor: page.cursor,
        hasMore: page.hasMore,
        ...(page.revoked.length > 0 ? { revoked: page.revoked } : {}),
        ...(page.restart ? { restart: true } : {}),
      };
      return answer(c, routes.pull, body);
    });
