import { INBOUND_SIGNALS } from '@wms/domain';
import type { InboundStage } from '@wms/protocol';

/**
 * Each inbound stage by the handheld's colour and icon (M1.4: not words alone): red gear =
 * awaiting QC, blue shelf = awaiting put-away, green truck = receiving, a tick = done. An
 * expected delivery has not reached the dock: grey paperwork.
 */
export const STAGE_SIGNALS: Record<InboundStage, { colour: string; icon: string }> = {
  expected: { colour: 'grey', icon: '📋' },
  receiving: INBOUND_SIGNALS.receiving,
  'awaiting-qc': INBOUND_SIGNALS['awaiting-qc'],
  'awaiting-put-away': INBOUND_SIGNALS['awaiting-put-away'],
  'put-away-today': INBOUND_SIGNALS.done,
};

/** The stage's icon on its colour; the words beside it are the caller's. */
export function StageIcon({ stage }: { stage: InboundStage }) {
  const signal = STAGE_SIGNALS[stage];
  return (
    <span
      className={`stage-icon stage-${signal.colour}`}
      aria-hidden="true"
      data-testid="stage-icon"
      data-colour={signal.colour}
    >
      {signal.icon}
    </span>
  );
}
