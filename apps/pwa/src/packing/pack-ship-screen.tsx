import './pack-ship.css';
import { useMessages } from '../i18n/language';
import { PromptLine } from '../picker/prompt-line';
import type { Session } from '../storage/database';
import { CarrierButtons } from './carrier-buttons';
import type { ShipOutcome, ShipState } from './ship-flow';
import { useShipFlow } from './use-ship-flow';

export interface PackShipScreenProps {
  session: Session;
  onLeave: () => void;
}

/** Pack & ship (M1.6): package label, carrier, tracking number, then the next package. */
export function PackShipScreen({ session, onLeave }: PackShipScreenProps) {
  const t = useMessages();
  const [state, apply] = useShipFlow(session);
  const { step } = state;
  return (
    <section className="screen pack-ship">
      <div className="screen-header">
        <button
          type="button"
          className="button-secondary"
          data-testid="ship-back"
          onClick={onLeave}
        >
          ← {t.ship.back}
        </button>
        <h1>{t.ship.title}</h1>
      </div>
      <h2 className="ship-step" data-testid="ship-step" data-step={step}>
        {t.ship.step[step]}
      </h2>
      {state.outcome && <OutcomeLine outcome={state.outcome} />}
      <ScannedSoFar state={state} />
      {(step === 'choose-carrier' || step === 'scan-tracking') && (
        <CarrierButtons
          chosen={state.carrier}
          onChoose={(carrier) => apply({ kind: 'choose-carrier', carrier })}
        />
      )}
      <div className="line-actions">
        {step === 'retry' && (
          <button
            type="button"
            className="button-primary"
            data-testid="ship-retry"
            onClick={() => apply({ kind: 'retry' })}
          >
            {t.ship.retry}
          </button>
        )}
        {step !== 'scan-order' && step !== 'sending' && (
          <button
            type="button"
            className="button-secondary"
            data-testid="ship-start-over"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => apply({ kind: 'start-over' })}
          >
            {t.ship.startOver}
          </button>
        )}
      </div>
      <PromptLine />
    </section>
  );
}

function OutcomeLine({ outcome }: { outcome: ShipOutcome }) {
  const t = useMessages();
  if (outcome.kind === 'shipped')
    return (
      <p className="ok" role="status" data-testid="ship-ok">
        {t.ship.shipped(outcome.orderId, outcome.carrier, outcome.trackingNumber)}
      </p>
    );
  return (
    <p className="error" role="alert" data-testid="error" data-kind={outcome.kind}>
      {outcome.kind === 'offline'
        ? t.ship.needsNetwork
        : outcome.kind === 'bad-tracking'
          ? t.ship.badTracking(outcome.code)
          : outcome.message}
    </p>
  );
}

function ScannedSoFar({ state }: { state: ShipState }) {
  const t = useMessages();
  if (state.orderId === null) return null;
  return (
    <dl className="ship-scanned">
      <dt>{t.ship.order}</dt>
      <dd data-testid="ship-order">{state.orderId}</dd>
      {state.carrier !== null && (
        <>
          <dt>{t.ship.carrier}</dt>
          <dd data-testid="ship-carrier">{t.ship.carriers[state.carrier]}</dd>
        </>
      )}
      {state.trackingNumber !== null && (
        <>
          <dt>{t.ship.trackingNumber}</dt>
          <dd data-testid="ship-tracking">{state.trackingNumber}</dd>
        </>
      )}
    </dl>
  );
}
