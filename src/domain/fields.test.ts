import { describe, expect, it } from 'vitest';
import { changedFields, checkPatchFields, fieldSchemaOf, sameValue } from './fields';
import { childName, isActiveStaff, isOnRoll, isOnSenRegister } from './people';

describe('the fields a patch may carry', () => {
  it('knows a record type’s own fields only, never the prototype’s', () => {
    expect(fieldSchemaOf('target', 'text')).toBeDefined();
    for (const field of ['constructor', 'toString', '__proto__', 'colour']) {
      expect(fieldSchemaOf('target', field)).toBeUndefined();
    }
  });

  it('checks each field on its own and fills in no default that was not sent', () => {
    const { data, errors } = checkPatchFields('target', {
      text: '  Reads ten words  ',
      level: 'weekly',
      colour: 'red',
    });
    expect(data).toEqual({ text: 'Reads ten words' });
    expect(Object.keys(errors).sort()).toEqual(['colour', 'level']);
    expect(errors.colour).toBe('Unknown field colour');
    expect(checkPatchFields('target', { isArchived: true })).toEqual({
      data: { isArchived: true },
      errors: {},
    });
  });
});

describe('the fields an edit changed', () => {
  it('keeps only what differs, comparing lists and objects by content', () => {
    const held = { name: 'Phonics', childIds: ['a', 'b'], measure: { min: 0, max: 10 } };
    expect(
      changedFields(held, {
        name: 'Phonics',
        childIds: ['a', 'b'],
        measure: { min: 0, max: 12 },
      }),
    ).toEqual({ measure: { min: 0, max: 12 } });
    expect(changedFields(held, { childIds: ['b', 'a'] })).toEqual({ childIds: ['b', 'a'] });
    expect(changedFields(undefined, { name: 'New' })).toEqual({ name: 'New' });
    expect(sameValue(undefined, undefined)).toBe(true);
    expect(sameValue(null, undefined)).toBe(false);
  });
});

describe('children and staff', () => {
  it('keeps a child on roll until the day after their leaving date', () => {
    expect(isOnRoll({}, '2026-11-24')).toBe(true);
    expect(isOnRoll({ leftOn: '2026-12-18' }, '2026-11-24')).toBe(true);
    expect(isOnRoll({ leftOn: '2026-11-24' }, '2026-11-24')).toBe(false);
    expect(isOnRoll({ leftOn: '2026-10-01' }, '2026-11-24')).toBe(false);
  });

  it('names a child and reads the register and the staff flag one way', () => {
    expect(childName({ firstName: 'Zoë', lastName: 'Brook' })).toBe('Zoë Brook');
    expect(isOnSenRegister({ senStatus: 'ehcp' })).toBe(true);
    expect(isOnSenRegister({ senStatus: 'monitoring' })).toBe(false);
    expect(isActiveStaff({})).toBe(true);
    expect(isActiveStaff({ isActive: false })).toBe(false);
  });
});
