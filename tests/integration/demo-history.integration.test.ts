/**
 * The demo school's half term of history (server/demo/history.ts), as the
 * server holds it and as staff pull it: every record is one the sync
 * protocol's own schemas accept (so no device refuses it), nothing is dated
 * today or later or on a day the school is shut, and the review that stepped
 * Rosie up left her on SEN support. On every engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TYPES, isEntityName, type PullResponse } from '../../src/domain';
import { createApp, type App } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { seedDemoSchool } from '../../server/demo/seed';
import { testEngines } from './support';

const PASSWORD = 'demo-history-password';
/** A Thursday in the autumn term. */
const NOW = Date.parse('2026-11-26T10:00:00.000Z');
const TODAY = '2026-11-26';

type Held = Map<string, { entity: string; data: Record<string, unknown> }>;

describe.each(testEngines())('demo history on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: App;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    expect(await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW, withHistory: true })).toBe(
      true,
    );
    app = createApp({ db, now: () => NOW, logError: () => {} });
  });
  afterAll(async () => {
    await close?.();
  });

  /** Signs in and pulls to the end, as a new device would. */
  const pullAll = async (email: string): Promise<Held> => {
    const signIn = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, deviceId: randomUUID() }),
    });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const held: Held = new Map();
    let cursor = 0;
    for (;;) {
      const res = await app.request(`/api/v1/sync/pull?after=${cursor}&limit=1000`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as PullResponse;
      for (const change of page.changes) {
        // A patch carries only the fields it changed: merged over what is held.
        const before = held.get(change.entityId)?.data ?? {};
        if (change.data === null || change.kind === 'delete') held.delete(change.entityId);
        else
          held.set(change.entityId, {
            entity: change.entity,
            data: change.kind === 'patch' ? { ...before, ...change.data } : change.data,
          });
      }
      cursor = page.cursor;
      if (!page.hasMore) return held;
    }
  };

  let school: Held;
  beforeAll(async () => {
    school = await pullAll('senco@demo.school');
  });

  const ofType = (entity: string) => [...school.values()].filter((r) => r.entity === entity);

  it('holds half a term of lessons, ticks, sessions, scores and reviews', () => {
    expect(ofType('lesson').length).toBeGreaterThan(20);
    expect(ofType('tick').length).toBeGreaterThan(100);
    expect(ofType('interventionSession').length).toBeGreaterThan(20);
    const phases = new Set(ofType('assessmentScore').map((s) => s.data.phase));
    expect([...phases].sort()).toEqual(['entry', 'exit', 'interim']);
    expect(ofType('review').length).toBeGreaterThanOrEqual(2);
  });

  it('is all records the protocol accepts, so no device refuses any of it', () => {
    for (const [id, record] of school) {
      expect(isEntityName(record.entity), record.entity).toBe(true);
      if (!isEntityName(record.entity)) continue;
      const parsed = RECORD_TYPES[record.entity].schema.safeParse(record.data);
      expect(parsed.success, `${record.entity} ${id}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('dates nothing today or later, and nothing on a weekend', () => {
    const days = [
      ...ofType('lesson').map((l) => String(l.data.startedAt).slice(0, 10)),
      ...ofType('interventionSession').map((s) => String(s.data.date)),
      ...ofType('assessmentScore').map((s) => String(s.data.date)),
      ...ofType('review').map((r) => String(r.data.date)),
    ];
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) {
      expect(day < TODAY, day).toBe(true);
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      expect([0, 6], day).not.toContain(weekday);
    }
  });

  it('stepped Rosie up to SEN support at her review, and moved her plan on', () => {
    const rosie = ofType('child').find(
      (c) => c.data.firstName === 'Rosie' && c.data.lastName === 'Cooper',
    );
    expect(rosie?.data.senStatus).toBe('sen_support');
    const rosieId = [...school].find(([, r]) => r === rosie)?.[0];
    const review = ofType('review').find((r) => r.data.childId === rosieId);
    expect(review?.data.decisions).toContain('step_up');
    const plan = ofType('learningPlan').find((p) => p.data.childId === rosieId);
    expect(plan?.data.reviewDate).toBe(review?.data.nextReviewDate);
  });

  it('reaches a teacher too: her pull holds her classes’ history', async () => {
    const teacher = await pullAll('teacher@demo.school');
    const ticks = [...teacher.values()].filter((r) => r.entity === 'tick');
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.length).toBeLessThanOrEqual(ofType('tick').length);
  });
});
