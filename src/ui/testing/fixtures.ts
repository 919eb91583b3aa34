/**
 * A small school on a fresh device database for component tests, delivered
 * the way real data arrives: as pulled changes from the server.
 */
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import { newId, type Change, type EntityName } from '../../domain';
import { applyPulledPage, createLocalStore, type LocalStore } from '../../storage';

const hlcAt = (seq: number) =>
  `2026-09-01T08:00:00.${String(seq).padStart(3, '0')}Z-0000-0192f0c4-8a1e-7c3b-9d2f-5b6a7c8d9e0f`;

export type Fixture = {
  store: LocalStore;
  teacherId: string;
  taId: string;
  classId: string;
  childId: string;
  otherChildId: string;
  planId: string;
  ehcpOutcomeId: string;
  annualId: string;
  termlyIds: string[];
  lessonId: string;
  /** Deliver more records as if pulled from the server. */
  pull(
    entity: EntityName,
    entityId: string,
    data: Record<string, unknown>,
    kind?: 'patch' | 'event',
  ): Promise<void>;
  /**
   * Deliver a tick on the fixture child, as if pulled: by default on the first
   * termly target and by the teacher. Resolves to the tick's id.
   */
  pullTick(tick: PulledTick, id?: string): Promise<string>;
};

export type PulledTick = {
  outcome: string;
  recordedAt: string;
  targetId?: string;
  recordedBy?: string;
  [field: string]: unknown;
};

export const createFixture = async (
  now = () => Date.parse('2026-11-23T09:15:00.000Z'),
): Promise<Fixture> => {
  const store = createLocalStore({ deviceId: newId(), dbName: `ui-${newId()}`, now });
  let seq = 0;
  const pull: Fixture['pull'] = async (entity, entityId, data, kind = 'patch') => {
    seq += 1;
    const change: Change = { seq, kind, entity, entityId, data, hlc: hlcAt(seq) };
    await applyPulledPage(store, [change], seq);
  };
  const teacherId = newId();
  const taId = newId();
  const classId = newId();
  const childId = newId();
  const otherChildId = newId();
  const planId = newId();
  const ehcpOutcomeId = newId();
  const annualId = newId();
  const termlyIds = [newId(), newId(), newId()];
  const lessonId = newId();

  await pull('school', newId(), { name: 'Test School', terms: [], closures: [], customGroups: [] });
  await pull('staff', teacherId, {
    name: 'Jo Hughes',
    email: 'jo@x.school',
    role: 'teacher',
    isActive: true,
  });
  await pull('staff', taId, {
    name: 'Alex Morgan',
    email: 'alex@x.school',
    role: 'ta',
    isActive: true,
  });
  await pull('class', classId, {
    name: 'Year 3 Hazel',
    yearGroup: 3,
    teacherIds: [teacherId],
    taIds: [taId],
  });
  const child = (firstName: string, lastName: string, extra: Record<string, unknown> = {}) => ({
    firstName,
    lastName,
    classId,
    yearGroup: 3,
    gender: 'female',
    senStatus: 'none',
    areasOfNeed: [],
    groups: [],
    ...extra,
  });
  await pull(
    'child',
    childId,
    child('Ava', 'Khan', { senStatus: 'ehcp', areasOfNeed: ['semh'], groups: ['eal'] }),
  );
  await pull('child', otherChildId, child('Ben', 'Ward'));
  await pull('focusChild', newId(), {
    childId,
    classId,
    staffId: teacherId,
    reason: 'Finds changes in routine hard',
    until: '2026-12-18',
    isArchived: false,
  });
  await pull('learningPlan', planId, {
    childId,
    title: 'EHCP termly next steps',
    areaOfNeed: 'semh',
    startDate: '2026-09-14',
    reviewDate: '2026-12-01',
    isArchived: false,
  });
  const target = (text: string, level: string, extra: Record<string, unknown> = {}) => ({
    childId,
    planId,
    level,
    text,
    startDate: '2026-09-14',
    isArchived: false,
    ...extra,
  });
  await pull(
    'target',
    ehcpOutcomeId,
    target('Take part in learning alongside peers', 'ehcp_outcome'),
  );
  await pull(
    'target',
    annualId,
    target('Cope with changes in the school day', 'annual', { parentTargetId: ehcpOutcomeId }),
  );
  const texts = [
    'Greet an adult each morning',
    'Move on when the timer sounds',
    'Work with a partner for 10 minutes',
  ];
  for (const [i, id] of termlyIds.entries()) {
    await pull(
      'target',
      id,
      target(texts[i]!, 'termly', {
        parentTargetId: annualId,
        successCriteria: 'Four times in five',
      }),
    );
  }
  await pull('lesson', lessonId, {
    classId,
    staffId: teacherId,
    subject: 'Maths',
    startedAt: '2026-11-23T09:00:00.000Z',
    hiddenTargetIds: [],
  });
  return {
    store,
    teacherId,
    taId,
    classId,
    childId,
    otherChildId,
    planId,
    ehcpOutcomeId,
    annualId,
    termlyIds,
    lessonId,
    pull,
    pullTick: async (tick, id = newId()) => {
      const data = { targetId: termlyIds[0], childId, recordedBy: teacherId, ...tick };
      await pull('tick', id, data, 'event');
      return id;
    },
  };
};

/**
 * A fresh fixture for every test in the file, handed to `use` before each
 * test; after each, the rendered screen is unmounted and the database deleted.
 */
export const useFixture = (use: (fixture: Fixture) => void, now?: () => number): void => {
  let fixture: Fixture | undefined;
  beforeEach(async () => {
    fixture = await createFixture(now);
    use(fixture);
  });
  afterEach(async () => {
    cleanup();
    await fixture?.store.db.delete();
  });
};
