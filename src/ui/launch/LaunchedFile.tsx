/**
 * Acts on a CSV file opened with Waymark once someone is signed in (see
 * ./launch-queue): the SENCo is taken to the import screen, which reads the
 * file; anyone else is told that only the SENCo imports, and the file is
 * dropped. Part of the signed-in frame, so a file opened before sign-in waits
 * for it.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Role } from '../../domain/records';
import { launchedFile, launchedFileGoes } from './launch-queue';

export function LaunchedFile({ role }: { role: Role }) {
  const file = launchedFile.value;
  const { path, route } = useLocation();
  const [message, setMessage] = useState<string>();
  useEffect(() => {
    if (!file) return;
    const goes = launchedFileGoes(role, file);
    if ('to' in goes) {
      // The import screen takes the file from launchedFile when it shows.
      if (path !== goes.to) route(goes.to);
      return;
    }
    launchedFile.value = undefined;
    setMessage(goes.message);
  }, [file, role]);
  if (!message) return null;
  return (
    <section class="banner banner-warn" role="alert">
      <p>{message}</p>
      <button type="button" class="quiet" onClick={() => setMessage(undefined)}>
        OK
      </button>
    </section>
  );
}
