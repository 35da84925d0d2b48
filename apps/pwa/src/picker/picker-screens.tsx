import { useState } from 'react';
import { useMessages } from '../i18n/language';
import { InboundScreens } from '../inbound/inbound-screens';
import { MoveScreen } from '../moves/move-screen';
import { PackShipScreen } from '../packing/pack-ship-screen';
import { DiagnosticsScreen } from '../setup/diagnostics-screen';
import { SelfTestScreen } from '../setup/self-test-screen';
import { SettingsScreen } from '../setup/settings-screen';
import type { Session } from '../storage/database';
import { PickScreen } from './pick-screen';
import { useOpenWave } from './use-open-wave';
import { WaveListScreen } from './wave-list-screen';

type SetupScreen = 'settings' | 'self-test' | 'diagnostics';

/** The signed-in user's screens: the wave list, the wave being picked, Pack & ship, inbound, moves, or setup. */
export function PickerScreens({ session }: { session: Session }) {
  const t = useMessages();
  const [openWaveId, setOpenWaveId] = useOpenWave();
  const [setup, setSetup] = useState<SetupScreen | null>(null);
  const [isPacking, setIsPacking] = useState(false);
  const [isInbound, setIsInbound] = useState(false);
  const [isMoving, setIsMoving] = useState(false);
  if (isPacking) return <PackShipScreen session={session} onLeave={() => setIsPacking(false)} />;
  if (isInbound) return <InboundScreens session={session} onLeave={() => setIsInbound(false)} />;
  if (isMoving) return <MoveScreen session={session} onLeave={() => setIsMoving(false)} />;
  if (setup !== null)
    return (
      <>
        <button
          type="button"
          className="button-secondary"
          data-testid="setup-back"
          onClick={() => setSetup(setup === 'settings' ? null : 'settings')}
        >
          ← {t.setup.back}
        </button>
        {setup === 'settings' && <SettingsScreen onOpen={setSetup} />}
        {setup === 'self-test' && <SelfTestScreen />}
        {setup === 'diagnostics' && <DiagnosticsScreen />}
      </>
    );
  if (openWaveId === null)
    return (
      <WaveListScreen
        session={session}
        onOpenWave={setOpenWaveId}
        onOpenSettings={() => setSetup('settings')}
        onOpenPackAndShip={() => setIsPacking(true)}
        onOpenInbound={() => setIsInbound(true)}
        {...(mayMoveStock(session) && { onOpenMoves: () => setIsMoving(true) })}
      />
    );
  return (
    <PickScreen
      key={openWaveId}
      session={session}
      waveId={openWaveId}
      onLeave={() => setOpenWaveId(null)}
    />
  );
}

/** Moves on the handheld are the floor staff's: pickers and supervisors (the server says the same). */
function mayMoveStock(session: Session): boolean {
  return session.user.role === 'picker' || session.user.role === 'supervisor';
}
