import type { PickerStatus } from '@wms/protocol';
import { useState } from 'react';
import { useMessages } from '../i18n/language';
import { api } from '../sync/api-client';
import { useErrorText } from './error-text';
import { useEscapeToClose } from './use-escape-to-close';

/** Inbound work a supervisor gives to a picker: a notice's receiving or a QC / put-away task. */
export interface InboundAssignTarget {
  kind: 'notice' | 'task';
  id: string;
  /** How the work is named to the supervisor (kind and code or item). */
  label: string;
  assignedUserId: string | null;
}

/**
 * Gives inbound work to a picker of the warehouse, or back to any worker. Before confirming, the
 * current worker's unsynced backlog is shown: what their handheld recorded offline still counts
 * once it syncs, and the new worker is only given what is left.
 */
export function InboundAssignDialog(props: {
  token: string;
  target: InboundAssignTarget;
  pickers: readonly PickerStatus[];
  onClose: (assigned: string | null) => void;
}) {
  const { token, target, pickers, onClose } = props;
  const t = useMessages();
  const w = t.console.inbound;
  const errorText = useErrorText();
  const candidates = pickers.filter((p) => p.userId !== target.assignedUserId);
  const [to, setTo] = useState(candidates[0]?.userId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = pickers.find((p) => p.userId === target.assignedUserId) ?? null;
  useEscapeToClose(() => onClose(null));

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.assignInbound(token, target.kind, target.id, { userId: to === '' ? null : to });
      const name = candidates.find((p) => p.userId === to)?.name ?? w.anyone;
      onClose(w.assigned(target.label, name));
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" data-testid="inbound-assign-dialog">
        <h2>{w.assignTitle(target.label)}</h2>
        <label className="field move-to">
          {w.to}
          <select
            value={to}
            data-testid="inbound-assign-to"
            onChange={(e) => setTo(e.target.value)}
          >
            {candidates.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}
              </option>
            ))}
            {target.assignedUserId !== null && <option value="">{w.anyone}</option>}
          </select>
        </label>
        {current && current.backlog > 0 && (
          <p className="move-facts warn" data-testid="inbound-assign-backlog">
            {w.backlogWarning(current.name, current.backlog)}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="inbound-assign-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="button-secondary"
            data-testid="inbound-assign-cancel"
            onClick={() => onClose(null)}
          >
            {t.console.cancel}
          </button>
          <button
            type="button"
            className="button-primary"
            data-testid="inbound-assign-confirm"
            disabled={busy || (to === '' && target.assignedUserId === null)}
            onClick={() => void confirm()}
          >
            {w.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
