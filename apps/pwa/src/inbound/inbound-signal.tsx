import { INBOUND_SIGNALS, type InboundState } from '@wms/domain';

/** The inbound state by colour and icon (red gear = QC, blue shelf = put-away), with its title. */
export function InboundSignal({
  state,
  children,
}: {
  state: InboundState;
  children: React.ReactNode;
}) {
  const signal = INBOUND_SIGNALS[state];
  return (
    <h1
      className={`signal inbound-signal inbound-${signal.colour}`}
      data-testid="inbound-signal"
      data-signal={state}
    >
      <span className="signal-icon" aria-hidden="true">
        {signal.icon}
      </span>
      {/* One flex item: a title of words and a code wraps as one line of text, not as columns. */}
      <span>{children}</span>
    </h1>
  );
}
