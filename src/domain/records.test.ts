import { describe, expect, it } from 'vitest';
import { newId } from './ids';
import { pushRequestSchema, PROTOCOL_VERSION } from './protocol';
import { ENTITY_NAMES, RECORD_TYPES, childSchema, targetSchema, tickSchema } from './records';
import { applyPatch } from './merge';

const tick = () => ({
  targetId: newId(),
  childId: newId(),
  outcome: 'achieved',
  recordedAt: '2026-11-23T09:15:00.000Z',
});

describe('record schemas', () => {
  it('accepts a tick with the fields the wire contract names', () => {
    expect(tickSchema.safeParse(tick()).success).toBe(true);
  });

  it('refuses a tick with an unknown outcome, a missing child or an enormous note', () => {
    expect(tickSchema.safeParse({ ...tick(), outcome: 'brilliant' }).success).toBe(false);
    expect(tickSchema.safeParse({ ...tick(), childId: undefined }).success).toBe(false);
    const long = tickSchema.safeParse({ ...tick(), note: 'x'.repeat(100_000) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toMatch(/under 1,000 characters/);
  });

  it('refuses a target with no text, with a message for a person', () => {
    const result = targetSchema.safeParse({
      childId: newId(),
      text: '   ',
      startDate: '2026-11-23',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Write the target');
  });

  it('fills a child’s defaults and rejects an unknown SEN status', () => {
    const child = childSchema.parse({ firstName: 'Ava', lastName: 'Brown', yearGroup: 3 });
    expect(child.senStatus).toBe('none');
    expect(child.groups).toEqual([]);
    expect(
      childSchema.safeParse({ firstName: 'A', lastName: 'B', yearGroup: 3, senStatus: 'x' })
        .success,
    ).toBe(false);
  });

  it('names every record type of docs/domain.md, events and entities', () => {
    expect(ENTITY_NAMES.sort()).toEqual(
      [
        'assessmentScore',
        'child',
        'class',
        'focusChild',
        'intervention',
        'interventionSession',
        'learningPlan',
        'lesson',
        'passport',
        'provision',
        'review',
        'school',
        'senRegisterEntry',
        'staff',
        'target',
        'tick',
        'transferredRecord',
      ].sort(),
    );
    expect(RECORD_TYPES.tick.kind).toBe('event');
    expect(RECORD_TYPES.target.kind).toBe('entity');
  });
});

describe('push envelope', () => {
  const mutation = () => ({
    id: newId(),
    deviceId: newId(),
    seq: 1,
    hlc: `2026-11-23T09:15:00.000Z-0000-${newId()}`,
    kind: 'event',
    entity: 'tick',
    entityId: newId(),
    data: tick(),
  });

  it('accepts a well-formed batch and refuses one over 500 mutations', () => {
    const deviceId = newId();
    expect(
      pushRequestSchema.safeParse({
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        mutations: [mutation()],
      }).success,
    ).toBe(true);
    const big = Array.from({ length: 501 }, mutation);
    expect(
      pushRequestSchema.safeParse({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations: big })
        .success,
    ).toBe(false);
  });

  it('refuses a mutation without an id or with a malformed HLC', () => {
    const { id: _id, ...noId } = mutation();
    expect(
      pushRequestSchema.safeParse({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: newId(),
        mutations: [noId],
      }).success,
    ).toBe(false);
    expect(
      pushRequestSchema.safeParse({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: newId(),
        mutations: [{ ...mutation(), hlc: 'yesterday' }],
      }).success,
    ).toBe(false);
  });
});

describe('field-level last-writer-wins', () => {
  const h = (ms: number) =>
    `2026-11-23T09:15:00.${String(ms).padStart(3, '0')}Z-0000-${'0192f0c4-8a1e-7c3b-9d2f-5b6a7c8d9e0f'}`;

  it('merges two people’s edits to different fields', () => {
    const first = applyPatch(
      undefined,
      { text: 'Read CVC words', areaOfNeed: 'cognition_learning' },
      h(1),
    );
    const second = applyPatch(first.state, { text: 'Read CVC words aloud' }, h(3));
    const third = applyPatch(second.state, { areaOfNeed: 'semh' }, h(2));
    expect(third.state.data).toEqual({ text: 'Read CVC words aloud', areaOfNeed: 'semh' });
  });

  it('lets an older write lose, and reports the value each winner replaced', () => {
    const first = applyPatch(undefined, { text: 'new' }, h(5));
    const late = applyPatch(first.state, { text: 'old' }, h(4));
    expect(late.effective).toEqual({});
    expect(late.lost).toEqual(['text']);
    expect(late.state.data.text).toBe('new');
    const newer = applyPatch(first.state, { text: 'newer' }, h(6));
    expect(newer.overwritten).toEqual([{ field: 'text', value: 'new', hlc: h(5) }]);
  });
});
