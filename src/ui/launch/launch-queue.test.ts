import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  IMPORT_PATH,
  launchedFile,
  launchedFileGoes,
  listenForLaunchedFiles,
  takeLaunchedFile,
  type LaunchParams,
  type LaunchQueue,
} from './launch-queue';

/** A launch queue like Chromium's: it holds the consumer, and a test launches. */
const fakeQueue = () => {
  let consumer: ((params: LaunchParams) => unknown) | undefined;
  const queue: LaunchQueue = { setConsumer: (next) => void (consumer = next) };
  return {
    queue,
    launch: async (params: LaunchParams) => {
      if (!consumer) throw new Error('no consumer set');
      await consumer(params);
    },
  };
};

const handle = (file: File, kind = 'file') => ({
  kind,
  name: file.name,
  getFile: async () => file,
});

const csv = (name = 'children.csv') =>
  new File(['UPN,Forename,Surname\nA123,Ada,Lovelace\n'], name, { type: 'text/csv' });

afterEach(() => {
  launchedFile.value = undefined;
});

describe('a CSV opened with the app', () => {
  it('is taken from the launch queue, the first CSV among the files', async () => {
    const fake = fakeQueue();
    expect(listenForLaunchedFiles(fake.queue)).toBe(true);
    const roster = csv('Y3 roster.CSV');
    await fake.launch({
      targetURL: 'http://localhost/senco/import',
      files: [handle(new File(['x'], 'notes.txt')), handle(roster), handle(csv('other.csv'))],
    });
    expect(launchedFile.value).toBe(roster);
    expect(await launchedFile.value!.text()).toContain('Ada,Lovelace');
    // Taken once: the import screen reads it, and it is gone.
    expect(takeLaunchedFile()).toBe(roster);
    expect(launchedFile.value).toBeUndefined();
  });

  it('ignores a launch with no CSV in it (a plain start, a folder, another file)', async () => {
    const fake = fakeQueue();
    listenForLaunchedFiles(fake.queue);
    await fake.launch({ targetURL: 'http://localhost/', files: [] });
    await fake.launch({ files: [handle(csv('folder.csv'), 'directory')] });
    await fake.launch({ files: [handle(new File(['x'], 'photo.png'))] });
    expect(launchedFile.value).toBeUndefined();
  });

  it('survives a file that can no longer be read', async () => {
    const fake = fakeQueue();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const taken: File[] = [];
    listenForLaunchedFiles(fake.queue, (file) => taken.push(file));
    await fake.launch({
      files: [
        {
          kind: 'file',
          name: 'gone.csv',
          getFile: () => Promise.reject(new DOMException('gone', 'NotFoundError')),
        },
      ],
    });
    expect(taken).toEqual([]);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('does nothing where the browser has no launch queue', () => {
    expect(listenForLaunchedFiles(undefined)).toBe(false);
  });

  it('takes the SENCo (or an admin) to the import screen, and tells anyone else who imports', () => {
    const file = csv('staff.csv');
    expect(launchedFileGoes('senco', file)).toEqual({ to: IMPORT_PATH });
    expect(launchedFileGoes('admin', file)).toEqual({ to: IMPORT_PATH });
    for (const role of ['teacher', 'ta'] as const) {
      const goes = launchedFileGoes(role, file);
      expect(goes).toEqual({ message: expect.stringContaining('only the SENCo imports') });
      expect(goes).toEqual({ message: expect.stringContaining('staff.csv') });
    }
  });
});
