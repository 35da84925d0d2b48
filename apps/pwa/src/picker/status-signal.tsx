import type { PickStep } from './pick-flow';

export type SignalKind = PickStep | 'wave-done' | 'error' | 'ok';

/**
 * The state of the pick by colour and icon, not by words alone (M1.4): blue shelf = go to the
 * bin, amber box = take the item, purple keypad = count, green tick = done, red cross = stop.
 */
const SIGNALS: Record<SignalKind, { icon: string; className: string }> = {
  'scan-bin': { icon: '🗄', className: 'signal-bin' },
  'scan-item': { icon: '📦', className: 'signal-item' },
  'confirm-qty': { icon: '🔢', className: 'signal-qty' },
  'wave-done': { icon: '✔', className: 'signal-ok' },
  ok: { icon: '✔', className: 'signal-ok' },
  error: { icon: '✖', className: 'signal-error' },
};

export interface StatusSignalProps {
  step: PickStep | 'wave-done';
  error: boolean;
  children: React.ReactNode;
}

export function StatusSignal({ step, error, children }: StatusSignalProps) {
  const kind: SignalKind = error ? 'error' : step;
  const signal = SIGNALS[kind];
  return (
    <h1
      className={`step-signal signal ${signal.className}`}
      data-testid="pick-step"
      data-step={step}
      data-signal={kind}
    >
      <span className="signal-icon" aria-hidden="true">
        {signal.icon}
      </span>
      {children}
    </h1>
  );
}
