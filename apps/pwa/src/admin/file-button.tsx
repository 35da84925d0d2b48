import { type ReactNode, useState } from 'react';
import { fetchFile } from './admin-api';
import { ProblemText } from './problem-text';

/**
 * A button for a file of the API: fetched with the token in the header, then opened in a new tab
 * (`open`, for PDFs) or saved under the file's name. A blocked pop-up saves it instead.
 */
export function FileButton({
  token,
  path,
  open = false,
  testId,
  className,
  children,
}: {
  token: string;
  path: string;
  open?: boolean;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const onClick = () => {
    setBusy(true);
    setFailure(null);
    fetchFile(token, path)
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        if (!open || !window.open(url, '_blank')) save(url, fileName(path));
        // The new tab or the download has its own reference by then.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      })
      .catch(setFailure)
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button
        type="button"
        className={className ?? 'link-button'}
        onClick={onClick}
        disabled={busy}
        data-testid={testId}
      >
        {children}
      </button>
      {failure !== null && <ProblemText failure={failure} />}
    </>
  );
}

/** `/labels/bins.zpl?codes=A-01-01` → `bins.zpl`. */
export const fileName = (path: string) => path.split('?')[0]!.split('/').pop() ?? 'file';

function save(url: string, name: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
}
