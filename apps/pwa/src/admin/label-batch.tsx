import { useState } from 'react';
import { consoleWordsByLanguage } from '../i18n/console-words';
import { useLanguage } from '../i18n/language';
import { FileButton } from './file-button';

/**
 * Labels for many bins in one file (issue 24): the bins ticked in the list, a whole zone, or an
 * aisle — one PDF or ZPL with a label each, not one tap per bin.
 */
export function LabelBatch({ token, selected }: { token: string; selected: readonly string[] }) {
  const words = consoleWordsByLanguage[useLanguage()].labels;
  const [zone, setZone] = useState('A');
  const [aisle, setAisle] = useState('A-01');
  const codes = selected.join(',');
  return (
    <section className="admin-panel label-batch" data-testid="label-batch">
      <h2>{words.title}</h2>
      <div className="label-batch">
        <span>{words.selected(selected.length)}</span>
        <Files
          token={token}
          query={`codes=${encodeURIComponent(codes)}`}
          testId="selected"
          disabled={selected.length === 0}
        />
      </div>
      <div className="label-batch">
        <label className="field">
          {words.zone}
          <input
            data-manual-entry
            data-testid="label-zone"
            value={zone}
            onChange={(e) => setZone(e.target.value)}
          />
        </label>
        <Files token={token} query={`zone=${encodeURIComponent(zone)}`} testId="zone" />
        <label className="field">
          {words.aisle}
          <input
            data-manual-entry
            data-testid="label-aisle"
            value={aisle}
            onChange={(e) => setAisle(e.target.value)}
          />
        </label>
        <Files token={token} query={`aisle=${encodeURIComponent(aisle)}`} testId="aisle" />
      </div>
    </section>
  );
}

function Files(props: { token: string; query: string; testId: string; disabled?: boolean }) {
  const { token, query, testId, disabled = false } = props;
  const words = consoleWordsByLanguage[useLanguage()].labels;
  if (disabled) return null;
  return (
    <>
      <FileButton
        token={token}
        path={`/labels/bins.pdf?${query}`}
        open
        testId={`labels-${testId}-pdf`}
        className="button-secondary"
      >
        {words.pdf}
      </FileButton>
      <FileButton
        token={token}
        path={`/labels/bins.zpl?${query}`}
        testId={`labels-${testId}-zpl`}
        className="button-secondary"
      >
        {words.zpl}
      </FileButton>
    </>
  );
}
