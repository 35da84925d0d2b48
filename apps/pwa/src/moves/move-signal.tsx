import type { MoveStep } from './move-flow';

/**
 * The step of a move by colour and icon, as in picking (M1.4): blue shelf = scan a bin, amber box
 * = scan the item or its lot label, purple keypad = count, red cross = the last scan was wrong.
 */
const SIGNALS: Record<MoveStep | 'error', { icon: string; className: string }> = {
  'scan-from-bin': { icon: '🗄', className: 'signal-bin' },
  'scan-item': { icon: '📦', className: 'signal-item' },
  'key-qty': { icon: '🔢', className: 'signal-qty' },
  'scan-to-bin': { icon: '📥', className: 'signal-bin' },
  'scan-new-lot': { icon: '🏷', className: 'signal-item' },
  error: { icon: '✖', className: 'signal-error' },
};

export function MoveSignal(props: { step: MoveStep; error: boolean; children: React.ReactNode }) {
  const { step, error, children } = props;
  const signal = SIGNALS[error ? 'error' : step];
  return (
    <h1
      className={`step-signal move-step signal ${signal.className}`}
      data-testid="move-step"
      data-step={step}
      data-signal={error ? 'error' : step}
    >
      <span className="signal-icon" aria-hidden="true">
        {signal.icon}
      </span>
      <span>{children}</span>
    </h1>
  );
}
