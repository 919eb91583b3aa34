/**
 * A button that makes a file (a report's CSV, a whole school's SEND record)
 * and downloads it. A whole school can take seconds to build, so it says
 * "Preparing…" while it works and, when the file is saved, its name and
 * size: a download is otherwise silent to a screen reader.
 */
import { useState } from 'preact/hooks';
import { StatusMessage } from './StatusMessage';
import { afterPaint, download, fileSize } from './download';

export function DownloadButton({
  label,
  filename,
  type,
  build,
  class: className = 'quiet',
}: {
  label: string;
  filename: () => string;
  type: string;
  /** Makes the file's text: on this device, or fetched from the server. */
  build: () => string | Promise<string>;
  class?: string;
}) {
  const [state, setState] = useState<{ isBusy: boolean; message: string }>();
  const run = async () => {
    if (state?.isBusy) return;
    const name = filename();
    setState({ isBusy: true, message: `Preparing ${name}…` });
    await afterPaint();
    try {
      const text = await build();
      download(name, text, type);
      setState({ isBusy: false, message: `Downloaded ${name} (${fileSize(text)}).` });
    } catch (error) {
      setState({
        isBusy: false,
        message: `${name} could not be made: ${(error as Error).message}`,
      });
    }
  };
  return (
    <span class="download">
      {/* aria-disabled, not disabled: a disabled button would drop the keyboard's focus. */}
      <button
        type="button"
        class={className}
        aria-disabled={state?.isBusy ? true : undefined}
        onClick={() => void run()}
      >
        {label}
      </button>
      <StatusMessage inline class="note" message={state?.message} />
    </span>
  );
}
