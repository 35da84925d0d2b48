import { useVoiceCheck } from '../device/speech/use-voice-check';
import { useMessages } from '../i18n/language';
import { VoicePackHelp } from '../setup/voice-pack-help';
import { reportError } from '../shell/problems';
import { useSyncStatus } from '../shell/use-sync-status';
import { signOut } from '../session/sign-in';
import { db, type Session } from '../storage/database';
import { StartShift } from './start-shift';
import { useWaveList, type WaveListEntry } from './use-wave-list';

export interface WaveListScreenProps {
  session: Session;
  onOpenWave: (waveId: string) => void;
  onOpenSettings: () => void;
  onOpenPackAndShip: () => void;
  /** Inbound (issue 23): receiving, QC, put-away; open to every picker. */
  onOpenInbound: () => void;
  /** Moves (issue 16): absent for a user who may not move stock. */
  onOpenMoves?: () => void;
}

/** The waves in the user's scope with their progress; one tap opens a wave. */
export function WaveListScreen({
  session,
  onOpenWave,
  onOpenSettings,
  onOpenPackAndShip,
  onOpenInbound,
  onOpenMoves,
}: WaveListScreenProps) {
  const t = useMessages();
  const entries = useWaveList(session);
  const unsynced = useSyncStatus()?.unsynced ?? 0;
  const isPicker = session.user.role === 'picker';
  const voice = useVoiceCheck(session.user.language);

  return (
    <section className="screen wave-list">
      <div className="screen-header">
        <h1>{isPicker ? t.waves.title : t.waves.allTitle}</h1>
        <span className="user-name" data-testid="user-name">
          {session.user.name}
        </span>
      </div>
      <StartShift language={session.user.language} />
      <VoicePackHelp check={voice} language={session.user.language} />
      {entries === undefined ? (
        <p>{t.loading}</p>
      ) : entries.length === 0 ? (
        <p className="empty" data-testid="no-waves">
          {t.waves.empty}
        </p>
      ) : (
        <ul className="wave-buttons">
          {entries.map((entry) => (
            <li key={entry.wave.id}>
              <WaveButton entry={entry} onOpen={() => onOpenWave(entry.wave.id)} />
            </li>
          ))}
        </ul>
      )}
      <div className="screen-footer">
        {unsynced > 0 && <p className="hint">{t.waves.unsyncedOnSignOut(unsynced)}</p>}
        <button
          type="button"
          className="button-primary"
          data-testid="pack-and-ship"
          onClick={onOpenPackAndShip}
        >
          {t.ship.open}
        </button>
        <button
          type="button"
          className="button-secondary"
          data-testid="open-inbound"
          onClick={onOpenInbound}
        >
          {t.inbound.open}
        </button>
        {onOpenMoves && (
          <button
            type="button"
            className="button-secondary"
            data-testid="open-moves"
            onClick={onOpenMoves}
          >
            ⇄ {t.moves.open}
          </button>
        )}
        <button
          type="button"
          className="button-secondary"
          data-testid="open-settings"
          onClick={onOpenSettings}
        >
          {t.setup.settings}
        </button>
        <button
          type="button"
          className="button-secondary"
          data-testid="sign-out"
          onClick={() => void signOut(db).catch(reportError)}
        >
          {t.waves.signOut}
        </button>
      </div>
    </section>
  );
}

function WaveButton({ entry, onOpen }: { entry: WaveListEntry; onOpen: () => void }) {
  const t = useMessages();
  const { wave, doneLines, totalLines } = entry;
  return (
    <button
      type="button"
      className="wave-button"
      data-testid={`wave-${wave.code}`}
      onClick={onOpen}
    >
      <span className="wave-code">{wave.code}</span>
      <span className="wave-status">{t.waves.status[wave.status]}</span>
      <span className="wave-progress" data-testid="wave-progress">
        {t.waves.progress(doneLines, totalLines)}
      </span>
      <progress max={Math.max(totalLines, 1)} value={doneLines} />
    </button>
  );
}
