import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, isSendRecordFormat } from './export';

describe('the portable SEND record format id', () => {
  it('is the Waymark id, and files written under the old name are still read', () => {
    expect(EXPORT_FORMAT).toBe('waymark/send-record');
    expect(isSendRecordFormat('waymark/send-record')).toBe(true);
    expect(isSendRecordFormat('target-tracker/send-record')).toBe(true);
  });

  it('refuses any other format', () => {
    for (const other of ['waymark/other', 'WAYMARK/SEND-RECORD', '', undefined, null, 1, {}]) {
      expect(isSendRecordFormat(other)).toBe(false);
    }
  });
});
