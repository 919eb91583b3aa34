import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

const lines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n');

describe('toCsv', () => {
  it('starts with a BOM and writes one line per row', () => {
    const text = toCsv([{ name: 'Zoë', minutes: 30 }]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines(text)).toEqual(['name,minutes', 'Zoë,30']);
  });

  it('escapes anything a spreadsheet would run as a formula', () => {
    const text = toCsv(
      ['=HYPERLINK("x")', '+44 7700 900123', '-1+1', '-2 points', '@SUM(A1)'].map((note) => ({
        note,
      })),
    );
    expect(lines(text).slice(1)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      `"'+44 7700 900123"`,
      `"'-1+1"`,
      `"'-2 points"`,
      `"'@SUM(A1)"`,
    ]);
  });

  it('leaves a negative number (a gap behind the rest) a number', () => {
    const text = toCsv([{ gap_points: '-25.0' }, { gap_points: '-8' }, { gap_points: -3.5 }]);
    expect(lines(text).slice(1)).toEqual(['-25.0', '-8', '-3.5']);
  });
});
