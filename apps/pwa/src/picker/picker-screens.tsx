import type { Session } from '../storage/database';
import { PickScreen } from './pick-screen';
import { useOpenWave } from './use-open-wave';
import { WaveListScreen } from './wave-list-screen';

/** The signed-in user's screens: the wave list, or the wave being picked. */
export function PickerScreens({ session }: { session: Session }) {
  const [openWaveId, setOpenWaveId] = useOpenWave();
  if (openWaveId === null) return <WaveListScreen session={session} onOpenWave={setOpenWaveId} />;
  return (
    <PickScreen
      key={openWaveId}
      session={session}
      waveId={openWaveId}
      onLeave={() => setOpenWaveId(null)}
    />
  );
}
