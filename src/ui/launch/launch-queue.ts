/**
 * Files the system opens with Waymark: a CSV chosen in the file manager
 * ("Open with Waymark", from the manifest's file_handlers) arrives through
 * the browser's launch queue (Chromium's Launch Handler API). This module
 * owns taking the file from the queue and deciding where it goes; the import
 * screen (ui/senco/ImportView) reads it as if chosen in its own file input.
 */
import { signal } from '@preact/signals';
import type { Role } from '../../domain/records';

/** The path of the SENCo's import screen, as the manifest's file handler names it. */
export const IMPORT_PATH = '/senco/import';

/** The part of a FileSystemFileHandle this app uses. */
export type LaunchedFileHandle = { kind?: string; name: string; getFile: () => Promise<File> };
/** The Launch Handler API, not yet in TypeScript's DOM types. */
export type LaunchParams = { targetURL?: string; files: readonly LaunchedFileHandle[] };
export type LaunchQueue = { setConsumer: (consumer: (params: LaunchParams) => unknown) => void };

/** A CSV file opened with the app, waiting to be taken by the import screen. */
export const launchedFile = signal<File | undefined>(undefined);

const isCsvName = (name: string): boolean => /\.csv$/i.test(name);

/**
 * Listens to the launch queue, when the browser has one; each launch with a
 * CSV among its files puts the first one in `launchedFile`. Answers whether
 * there was a queue to listen to.
 */
export const listenForLaunchedFiles = (
  queue: LaunchQueue | undefined,
  take: (file: File) => void = (file) => {
    launchedFile.value = file;
  },
): boolean => {
  if (!queue) return false;
  queue.setConsumer(async (params) => {
    const handle = params.files.find(
      (candidate) => candidate.kind !== 'directory' && isCsvName(candidate.name),
    );
    if (!handle) return;
    try {
      take(await handle.getFile());
    } catch (error) {
      // The file went (moved, or permission withdrawn) before it could be read.
      console.error('the opened file could not be read', error);
    }
  });
  return true;
};

/**
 * Where an opened CSV takes a signed-in person: the SENCo (or an admin, who
 * may see the SENCo's screens) to the import screen; anyone else to a
 * sentence saying who imports, and the file goes no further.
 */
export const launchedFileGoes = (role: Role, file: File): { to: string } | { message: string } =>
  role === 'senco' || role === 'admin'
    ? { to: IMPORT_PATH }
    : {
        message: `${file.name} was not opened: only the SENCo imports children and staff into Waymark. Ask your SENCo to open it on their device.`,
      };

/** The launched file, taken once: the import screen calls this when it reads it. */
export const takeLaunchedFile = (): File | undefined => {
  const file = launchedFile.value;
  launchedFile.value = undefined;
  return file;
};
