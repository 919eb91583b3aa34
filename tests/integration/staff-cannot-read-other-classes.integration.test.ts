/**
 * What a signed-in colleague can read of a group that mixes classes, on
 * every database engine: the staff who run the group and the SENCo see a
 * session's whole register; a class teacher sees only their own children's
 * lines, and the session's note only when every child on the register is
 * theirs. Checked through the raw pull, through a real device (Dexie over
 * an in-memory IndexedDB, the real sync engine) and its group screen, when
 * the teacher's class changes, when a session is corrected, and in the
 * SENCo's export of one child's record.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatHlc,
  PROTOCOL_VERSION,
  interventionSessionSchema,
  RECORD_TYPES,
} from '../../src/domain';
import type { Change, Mutation, PullResponse, PushResponse } from '../../src/domain';
import { createLocalStore, groupDetail, type LocalStore } from '../../src/storage';
import { createSyncEngine, requestSignIn } from '../../src/sync';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import { testEngines } from './support';

const PASSWORD = 'read-scope-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const NOTE = 'Ruby refused to come in and kicked the door; Jo was upset by it.';

describe.each(testEngines())('what a colleague can read on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    app = createApp({ db, now: () => NOW, logError: () => {} });
  });
  afterAll(async () => {
    await close?.();
  });

  const request = (path: string, token: string, body?: unknown) =>
    app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  type Device = { token: string; deviceId: string; seq: number };
  const signIn = async (email: string): Promise<Device> => {
    const deviceId = randomUUID();
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, deviceId }),
    });
    expect(res.status).toBe(200);
    return { token: ((await res.json()) as { token: string }).token, deviceId, seq: 0 };
  };
  const push = async (
    device: Device,
    mutations: Pick<Mutation, 'kind' | 'entity' | 'entityId' | 'data'>[],
  ) => {
    const full = mutations.map((mutation): Mutation => {
      device.seq += 1;
      return {
        id: randomUUID(),
        deviceId: device.deviceId,
        seq: device.seq,
        hlc: formatHlc({ wallMs: NOW + device.seq, counter: 0, deviceId: device.deviceId }),
        ...mutation,
      };
    });
    const res = await request('/api/v1/sync/push', device.token, {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: device.deviceId,
      mutations: full,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as PushResponse).results;
  };
  /** Every page from `after`, as one device would pull them. */
  const pullAll = async (device: Device, after = 0) => {
    const changes: Change[] = [];
    const revoked: string[] = [];
    let cursor = after;
    let restarted = false;
    for (;;) {
      const res = await request(`/api/v1/sync/pull?after=${cursor}&limit=200`, device.token);
      expect(res.status).toBe(200);
      const page = (await res.json()) as PullResponse;
      changes.push(...page.changes);
      revoked.push(...(page.revoked ?? []).map((r) => r.entityId));
      restarted ||= page.restart === true;
      const moved = page.cursor !== cursor;
      cursor = page.cursor;
      if (!page.hasMore || (!moved && !page.restart)) break;
    }
    return { changes, revoked, cursor, restarted };
  };
  const sessionsIn = (changes: Change[]) =>
    changes.filter((change) => change.entity === 'interventionSession');

  const JO_CHILD = demoId('child:y3:11');
  const JO_CHILD_2 = demoId('child:y3:12');
  const PRIYA_CHILD = demoId('child:y4:11');
  const ALEX = demoId('staff:ta@demo.school');

  /** The SENCo makes a group of `childIds` that Alex runs; Alex logs one session of it. */
  const groupWithSession = async (childIds: string[], note = NOTE) => {
    const senco = await signIn('senco@demo.school');
    const groupId = randomUUID();
    const made = await push(senco, [
      {
        kind: 'patch',
        entity: 'intervention',
        entityId: groupId,
        data: {
          provisionId: demoId('provision:precision-teaching'),
          name: `Mixed reading group ${groupId.slice(0, 4)}`,
          childIds,
          staffIds: [ALEX],
          schedule: [{ weekday: 'mon', time: '10:00' }],
          sessionMinutes: 20,
          startDate: '2026-11-02',
          endDate: '2027-07-21',
        },
      },
    ]);
    expect(made[0]?.status).toBe('applied');
    const alex = await signIn('ta@demo.school');
    const sessionId = randomUUID();
    const attendance = childIds.map((childId, i) =>
      i === 1
        ? { childId, isPresent: false, absenceReason: 'refused' }
        : { childId, isPresent: true, rating: 3 },
    );
    const logged = await push(alex, [
      {
        kind: 'event',
        entity: 'interventionSession',
        entityId: sessionId,
        data: {
          interventionId: groupId,
          date: '2026-11-23',
          minutes: 20,
          attendance,
          note,
          recordedAt: new Date(NOW).toISOString(),
        },
      },
    ]);
    expect(logged[0]?.status).toBe('applied');
    return { senco, alex, groupId, sessionId, attendance };
  };

  /** A real device: Dexie store, real sync engine, talking to the app. */
  const realDevice = async (email: string) => {
    const deviceId = randomUUID();
    const store: LocalStore = createLocalStore({ deviceId, dbName: `device-${deviceId}` });
    const doFetch: typeof fetch = async (input, init) => app.request(String(input), init);
    const signedIn = await requestSignIn(
      { email, password: PASSWORD, deviceId },
      'http://test',
      doFetch,
    );
    const sync = createSyncEngine({
      store,
      getToken: async () => signedIn.token,
      baseUrl: 'http://test',
      fetch: doFetch,
    });
    return { store, sync };
  };

  describe('a session of a group that mixes classes', () => {
    it("sends a class teacher only her own children's lines, without the note", async () => {
      const { sessionId, attendance } = await groupWithSession([JO_CHILD, PRIYA_CHILD, JO_CHILD_2]);
      const jo = sessionsIn((await pullAll(await signIn('teacher@demo.school'))).changes);
      const joSession = jo.find((change) => change.entityId === sessionId);
      expect(joSession?.data?.attendance).toEqual([attendance[0], attendance[2]]);
      expect(joSession?.data).not.toHaveProperty('note');
      // What is cut is still a session every device can parse.
      expect(interventionSessionSchema.safeParse(joSession?.data).success).toBe(true);
      expect(JSON.stringify(jo)).not.toContain('refused');

      const priya = sessionsIn((await pullAll(await signIn('priya.shah@demo.school'))).changes);
      const priyaSession = priya.find((change) => change.entityId === sessionId);
      expect(priyaSession?.data?.attendance).toEqual([attendance[1]]);
      expect(priyaSession?.data).not.toHaveProperty('note');
      expect(JSON.stringify(priya)).not.toContain(JO_CHILD);

      // A teacher with no child in the group is sent nothing of it.
      const tom = sessionsIn((await pullAll(await signIn('tom.reid@demo.school'))).changes);
      expect(tom.some((change) => change.entityId === sessionId)).toBe(false);
    });

    it('sends the TA who runs the group and the SENCo the whole register and the note', async () => {
      const { sessionId, attendance } = await groupWithSession([JO_CHILD, PRIYA_CHILD]);
      for (const email of ['ta@demo.school', 'senco@demo.school']) {
        const changes = sessionsIn((await pullAll(await signIn(email))).changes);
        const session = changes.find((change) => change.entityId === sessionId);
        expect(session?.data?.attendance, email).toEqual(attendance);
        expect(session?.data?.note, email).toBe(NOTE);
      }
    });

    it('keeps the note for a teacher whose children are the whole register', async () => {
      const { sessionId } = await groupWithSession([JO_CHILD, JO_CHILD_2]);
      const jo = sessionsIn((await pullAll(await signIn('teacher@demo.school'))).changes);
      const session = jo.find((change) => change.entityId === sessionId);
      expect(session?.data?.attendance).toHaveLength(2);
      expect(session?.data?.note).toBe(NOTE);
    });

    it("shows the teacher's device a working session screen from her lines alone", async () => {
      const { groupId } = await groupWithSession([JO_CHILD, PRIYA_CHILD, JO_CHILD_2]);
      const jo = await realDevice('teacher@demo.school');
      expect((await jo.sync.sync()).ok).toBe(true);
      const detail = await groupDetail(jo.store, groupId);
      expect(detail?.sessions).toHaveLength(1);
      // The group lists her children only, not others as "A child" who never came.
      expect(detail?.children.map((child) => child.id)).toEqual([JO_CHILD, JO_CHILD_2]);
      expect(detail?.children.map((child) => child.attended)).toEqual([1, 1]);
      const [session] = detail!.sessions;
      expect(session).toMatchObject({ present: 2, total: 2, absent: [] });
      expect(session?.note).toBeUndefined();
      expect(session?.ratings.map((r) => r.childId).sort()).toEqual([JO_CHILD, JO_CHILD_2].sort());
      // The device holds only what it was sent.
      const stored = (await jo.store.db.records('interventionSession').toArray()).filter(
        (session) => session.interventionId === groupId,
      );
      expect(JSON.stringify(stored)).not.toContain(PRIYA_CHILD);
      expect(JSON.stringify(stored)).not.toContain('kicked');
    });

    it("takes a corrected-away session off the teacher's device", async () => {
      const { alex, groupId, sessionId, attendance } = await groupWithSession([
        JO_CHILD,
        PRIYA_CHILD,
      ]);
      const jo = await realDevice('teacher@demo.school');
      expect((await jo.sync.sync()).ok).toBe(true);
      expect((await groupDetail(jo.store, groupId))?.sessions).toHaveLength(1);
      // Jo's child was put on the register by mistake: Alex corrects it away.
      const corrected = await push(alex, [
        {
          kind: 'event',
          entity: 'interventionSession',
          entityId: randomUUID(),
          data: {
            supersedesId: sessionId,
            interventionId: groupId,
            date: '2026-11-23',
            minutes: 20,
            attendance: [attendance[1]],
            recordedAt: new Date(NOW + 60_000).toISOString(),
          },
        },
      ]);
      expect(corrected[0]?.status).toBe('applied');
      expect((await jo.sync.sync()).ok).toBe(true);
      // Otherwise the first version would stand on her device, saying her child was there.
      expect((await groupDetail(jo.store, groupId))?.sessions).toEqual([]);
      expect(await jo.store.db.records('interventionSession').get(sessionId)).toBeUndefined();
    });
  });

  describe('when a child is erased', () => {
    it("takes the session off a teacher's device when her last child on it goes", async () => {
      const erased = demoId('child:y3:15');
      const stays = demoId('child:y3:17');
      const other = demoId('child:y4:15');
      const { senco, groupId, sessionId } = await groupWithSession([erased, other]);
      // Jo still sees the group afterwards, through a child who joined it later.
      const joined = await push(senco, [
        {
          kind: 'patch',
          entity: 'intervention',
          entityId: groupId,
          data: { childIds: [erased, other, stays] },
        },
      ]);
      expect(joined[0]?.status).toBe('applied');
      const jo = await realDevice('teacher@demo.school');
      expect((await jo.sync.sync()).ok).toBe(true);
      expect(await jo.store.db.records('interventionSession').get(sessionId)).toBeDefined();

      const res = await request(`/api/v1/children/${erased}/erase`, senco.token, { confirm: true });
      expect(res.status).toBe(200);
      expect((await jo.sync.sync()).ok).toBe(true);
      // The register rewritten without her child is about another class's child alone.
      expect(await jo.store.db.records('interventionSession').get(sessionId)).toBeUndefined();
      const stored = await jo.store.db.records('interventionSession').toArray();
      expect(JSON.stringify(stored)).not.toContain(other);
      expect((await groupDetail(jo.store, groupId))?.sessions).toEqual([]);
    });
  });

  describe("when the teacher's class changes", () => {
    it('sends the register again, cut to her children as they are now', async () => {
      const moving = demoId('child:y4:12');
      // Not one of Jo's focus children, who stay hers wherever they move.
      const leaving = demoId('child:y3:14');
      const { senco, sessionId, attendance } = await groupWithSession([JO_CHILD, moving, leaving]);
      const jo = await signIn('teacher@demo.school');
      const first = await pullAll(jo);
      const held = sessionsIn(first.changes).find((change) => change.entityId === sessionId);
      expect(held?.data?.attendance).toEqual([attendance[0], attendance[2]]);

      // A child of Priya's joins Jo's class: Jo now sees that line too.
      const joined = await push(senco, [
        {
          kind: 'patch',
          entity: 'child',
          entityId: moving,
          data: { classId: demoId('class:y3') },
        },
      ]);
      expect(joined[0]?.status).toBe('applied');
      const grown = await pullAll(jo, first.cursor);
      expect(grown.restarted).toBe(true);
      const resent = sessionsIn(grown.changes).filter((change) => change.entityId === sessionId);
      expect(resent.at(-1)?.data?.attendance).toEqual(attendance);
      // Now every child on the register is hers: the note comes too.
      expect(resent.at(-1)?.data?.note).toBe(NOTE);

      // And one leaves for Tom's class: the line goes, and with it the note.
      const left = await push(senco, [
        {
          kind: 'patch',
          entity: 'child',
          entityId: leaving,
          data: { classId: demoId('class:y5') },
        },
      ]);
      expect(left[0]?.status).toBe('applied');
      const shrunk = await pullAll(jo, grown.cursor);
      const cut = sessionsIn(shrunk.changes).filter((change) => change.entityId === sessionId);
      expect(cut.at(-1)?.data?.attendance).toEqual([attendance[0], attendance[1]]);
      expect(cut.at(-1)?.data).not.toHaveProperty('note');
    });

    it('sends the whole register once she runs the group, so a correction starts from it', async () => {
      const { senco, groupId, sessionId, attendance } = await groupWithSession([
        JO_CHILD,
        PRIYA_CHILD,
      ]);
      const jo = await signIn('teacher@demo.school');
      const first = await pullAll(jo);
      const held = sessionsIn(first.changes).find((change) => change.entityId === sessionId);
      expect(held?.data?.attendance).toEqual([attendance[0]]);
      const runs = await push(senco, [
        {
          kind: 'patch',
          entity: 'intervention',
          entityId: groupId,
          data: { staffIds: [ALEX, demoId('staff:teacher@demo.school')] },
        },
      ]);
      expect(runs[0]?.status).toBe('applied');
      const next = await pullAll(jo, first.cursor);
      const resent = sessionsIn(next.changes).filter((change) => change.entityId === sessionId);
      expect(resent.at(-1)?.data?.attendance).toEqual(attendance);
      expect(resent.at(-1)?.data?.note).toBe(NOTE);
    });
  });

  describe('writing a register she was sent cut', () => {
    it("refuses a class teacher's correction, so other children's lines stay on the server", async () => {
      const { groupId, sessionId, attendance } = await groupWithSession([JO_CHILD, PRIYA_CHILD]);
      const jo = await signIn('teacher@demo.school');
      const results = await push(jo, [
        {
          kind: 'event',
          entity: 'interventionSession',
          entityId: randomUUID(),
          data: {
            supersedesId: sessionId,
            interventionId: groupId,
            date: '2026-11-23',
            minutes: 20,
            attendance: [attendance[0]],
            recordedAt: new Date(NOW + 60_000).toISOString(),
          },
        },
      ]);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
      // Nor can a session be patched in place: it is an event.
      const patched = await push(jo, [
        {
          kind: 'patch',
          entity: 'interventionSession',
          entityId: sessionId,
          data: { attendance: [attendance[0]] },
        },
      ]);
      expect(patched[0]).toMatchObject({ status: 'rejected', code: 'wrong_kind' });
      const senco = sessionsIn((await pullAll(await signIn('senco@demo.school'))).changes);
      const chain = senco.filter(
        (change) => change.entityId === sessionId || change.data?.supersedesId === sessionId,
      );
      expect(chain.map((change) => change.data?.attendance)).toEqual([attendance]);
    });
  });

  describe("a child's record exported for the SENCo", () => {
    it("holds only that child's line of each register and of each group", async () => {
      const { senco, groupId, sessionId, attendance } = await groupWithSession([
        JO_CHILD,
        PRIYA_CHILD,
        JO_CHILD_2,
      ]);
      const res = await request(`/api/v1/children/${PRIYA_CHILD}/export`, senco.token);
      expect(res.status).toBe(200);
      const exported = (await res.json()) as {
        records: { entity: string; id: string; data: Record<string, unknown> }[];
      };
      const session = exported.records.find((record) => record.id === sessionId);
      expect(session?.data.attendance).toEqual([attendance[1]]);
      expect(session?.data).not.toHaveProperty('note');
      expect(RECORD_TYPES.interventionSession.schema.safeParse(session?.data).success).toBe(true);
      const group = exported.records.find((record) => record.id === groupId);
      expect(group?.data.childIds).toEqual([PRIYA_CHILD]);
      expect(JSON.stringify(exported)).not.toContain(JO_CHILD);
    });
  });
});
