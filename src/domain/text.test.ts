import { describe, expect, it } from 'vitest';
import { isStorableText, text, toStorableText } from './text';
import { isDateInWindow, isDayByNow, isHlcInWindow, isRecordedByNow } from './ranges';
import { formatHlc } from './hlc';

const DEVICE = '0192f0c4-8a1e-7c3b-9d2f-5b6a7c8d9e0f';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;

describe('storable text', () => {
  it('keeps ordinary text and whole emoji, refuses NUL and lone surrogates', () => {
    expect(isStorableText('Reads ten words 🙂, with tabs\tand\nlines')).toBe(true);
    expect(isStorableText('')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud83d')).toBe(false);
    expect(isStorableText('\ude42 after')).toBe(false);
    expect(isStorableText('🙂'.slice(0, 1))).toBe(false);
  });

  it('makes server-written text storable and short', () => {
    expect(toStorableText('\u0000: field')).toBe('\ufffd: field');
    expect(toStorableText('x\ud83d')).toBe('x\ufffd');
    expect(toStorableText('🙂 kept')).toBe('🙂 kept');
    const long = toStorableText('x'.repeat(10_000), 60);
    expect(long).toHaveLength(60);
    // Cutting through an emoji leaves no half of it.
    expect(isStorableText(toStorableText(`${'x'.repeat(58)}🙂🙂`, 60))).toBe(true);
  });

  it('is the schema every text field starts from', () => {
    expect(text().safeParse('ok').success).toBe(true);
    const refused = text().safeParse('no\u0000');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/cannot be saved/);
  });
});

describe('ranges', () => {
  it('keeps dates between 2000 and 2099', () => {
    expect(isDateInWindow('2026-11-23')).toBe(true);
    expect(isDateInWindow('1999-12-31')).toBe(false);
    expect(isDateInWindow('9999-01-01')).toBe(false);
  });

  it('allows a recorded time or a day up to a month ahead of the clock (a tablet running fast)', () => {
    expect(isRecordedByNow(new Date(NOW + 7 * DAY).toISOString(), NOW)).toBe(true);
    expect(isRecordedByNow(new Date(NOW + 32 * DAY).toISOString(), NOW)).toBe(false);
    expect(isDayByNow('2026-12-24', NOW)).toBe(true);
    expect(isDayByNow('2026-12-25', NOW)).toBe(false);
  });

  it('refuses an HLC from before 2000', () => {
    expect(isHlcInWindow(formatHlc({ wallMs: NOW, counter: 0, deviceId: DEVICE }))).toBe(true);
    expect(
      isHlcInWindow(
        formatHlc({ wallMs: Date.parse('0000-01-01T00:00:00Z'), counter: 0, deviceId: DEVICE }),
      ),
    ).toBe(false);
  });
});
