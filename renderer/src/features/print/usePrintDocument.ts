import { useCallback, useEffect, useState } from 'react';
import type { DocumentData } from '../../../../shared/api/paperwork';
import { api } from '../../api/client';
import type { PrintTarget } from '../../app/router';
import { loadDocumentData, type LoadProgress } from './document-loader';

export interface PrintDocumentState {
  data: DocumentData | null;
  progress: LoadProgress | null;
  error: unknown;
  /** The data is laid out and the fonts have loaded: the page is what the printer will get. */
  ready: boolean;
  reload(): void;
}

/** A document's data for the preview, loaded in chunks with progress; reloaded after a print (reprints say so). */
export function usePrintDocument(target: PrintTarget): PrintDocumentState {
  const [data, setData] = useState<DocumentData | null>(null);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(target);

  useEffect(() => {
    const abort = new AbortController();
    setReady(false);
    setError(null);
    loadDocumentData(JSON.parse(key) as PrintTarget, (input) => api.call('paperwork.documentData', input), (p) => !abort.signal.aborted && setProgress(p), abort.signal).then(
      (loaded) => {
        if (abort.signal.aborted) return;
        setData(loaded);
        setProgress(null);
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setError(err);
        setProgress(null);
      },
    );
    return () => abort.abort();
  }, [key, generation]);

  // Ready once the sheets are on screen and the Cyrillic fonts they use have loaded.
  useEffect(() => {
    if (!data) return;
    let live = true;
    void document.fonts.ready.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [data]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, progress, error, ready: ready && data !== null && progress === null, reload };
}
