import { describe, expect, it } from 'vitest';
import { lockPolicy } from './pin';

describe('the school-wide PIN rule', () => {
  it('asks a person with no PIN to set one, and keeps a PIN that is set, only when the school requires it', () => {
    expect(lockPolicy(true, false)).toEqual({
      kind: 'must-set-pin',
      message:
        'Your school asks for a PIN on every tablet. Choose a PIN of 4 to 8 digits to carry on.',
    });
    expect(lockPolicy(true, true)).toMatchObject({
      kind: 'pin-kept',
      message: expect.stringMatching(/cannot be removed/),
    });
    // Off, or a school record from before the setting: the person decides.
    for (const setting of [false, undefined]) {
      expect(lockPolicy(setting, false)).toEqual({ kind: 'own-choice' });
      expect(lockPolicy(setting, true)).toEqual({ kind: 'own-choice' });
    }
  });
});
