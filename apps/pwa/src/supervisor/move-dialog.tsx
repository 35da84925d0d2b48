import type { BoardWave, PickerStatus, WaveAssign, WavePreview } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { useEscapeToClose } from './use-escape-to-close';
import { useMessages } from '../i18n/language';
import { api, ApiError } from '../sync/api-client';
import { secondsSince } from './board-age';

type Mode = WaveAssign['mode'];
const MODES: Mode[] = ['wave', 'remaining', 'split'];

/**
 * Moves a wave, its remaining lines, or its far part to another picker (M2.1). Before the
 * supervisor confirms, it shows the current picker's unsynced backlog, last-seen time and
 * position, from the server's preview of exactly this move.
 */
export function MoveDialog(props: {
  token: string;
  wave: BoardWave;
  pickers: readonly PickerStatus[];
  nowMs: number;
  onClose: (moved: string | null) => void;
}) {
  const { token, wave, pickers, nowMs, onClose } = props;
  const t = useMessages();
  const candidates = pickers.filter((p) => p.userId !== wave.assignedUserId);
  const [mode, setMode] = useState<Mode>('wave');
  const [to, setTo] = useState(candidates[0]?.userId ?? '');
  const [previews, setPreviews] = useState<Partial<Record<Mode, WavePreview>>>({});
  const preview = previews[mode] ?? null;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api.movePreview(token, wave.id, mode).then(
      (next) => current && setPreviews((known) => ({ ...known, [mode]: next })),
      (e: unknown) => current && setError(describe(e, t.console.offlineAction)),
    );
    return () => {
      current = false;
    };
  }, [token, wave.id, mode, t.console.offlineAction]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.assignWave(token, wave.id, { userId: to, mode });
      const name = candidates.find((p) => p.userId === to)?.name ?? to;
      onClose(t.console.moved(wave.code, name));
    } catch (e) {
      setError(describe(e, t.console.offlineAction));
      setBusy(false);
    }
  };

  useEscapeToClose(() => onClose(null));
  const assignee = preview?.assignee ?? null;
  const seen = secondsSince(assignee?.lastSeenAt ?? null, nowMs);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" data-testid="move-dialog">
        <h2>{t.console.moveTitle(wave.code)}</h2>
        <fieldset className="move-modes">
          {MODES.map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                data-testid={`move-mode-${m}`}
                onChange={() => setMode(m)}
              />
              {t.console.mode[m]}
            </label>
          ))}
        </fieldset>
        <label className="field move-to">
          {t.console.to}
          <select value={to} data-testid="move-to" onChange={(e) => setTo(e.target.value)}>
            {candidates.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {assignee && (
          <div className="move-facts" data-testid="move-facts">
            <p data-testid="move-last-seen">
              {t.console.fromStatus(assignee.name)}{' '}
              {seen === null ? t.console.neverSeen : ageText(seen, t.console)}
            </p>
            <p
              data-testid="move-backlog"
              data-backlog={assignee.backlog}
              className={assignee.backlog > 0 ? 'warn' : undefined}
            >
              {t.console.backlog}: <strong>{assignee.backlog}</strong>
              {assignee.backlog > 0 && <> — {t.console.backlogWarning(assignee.backlog)}</>}
            </p>
            {preview?.positionBin && <p>{t.console.position(preview.positionBin)}</p>}
          </div>
        )}
        {preview && (
          <p data-testid="move-lines">
            {t.console.linesMoving(preview.linesMoving, preview.linesStaying)}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="move-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="button-secondary"
            data-testid="move-cancel"
            onClick={() => onClose(null)}
          >
            {t.console.cancel}
          </button>
          <button
            type="button"
            className="button-primary"
            data-testid="move-confirm"
            disabled={busy || !preview || to === ''}
            onClick={() => void confirm()}
          >
            {t.console.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}

function describe(error: unknown, offline: string): string {
  if (error instanceof ApiError) return error.kind === 'network' ? offline : error.message;
  return String(error);
}

export function ageText(
  seconds: number,
  c: { seconds: (n: number) => string; minutes: (n: number) => string },
): string {
  return seconds < 60 ? c.seconds(seconds) : c.minutes(Math.floor(seconds / 60));
}
