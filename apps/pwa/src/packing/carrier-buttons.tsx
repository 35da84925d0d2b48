import { useMessages } from '../i18n/language';
import { CARRIERS, type Carrier } from './ship-flow';

export interface CarrierButtonsProps {
  chosen: Carrier | null;
  onChoose: (carrier: Carrier) => void;
}

/** One big button per carrier; the chosen one stays marked until the tracking number is in. */
export function CarrierButtons({ chosen, onChoose }: CarrierButtonsProps) {
  const t = useMessages();
  return (
    <div className="carrier-buttons">
      {CARRIERS.map((carrier) => (
        <button
          key={carrier}
          type="button"
          className={carrier === chosen ? 'button-primary' : 'button-secondary'}
          aria-pressed={carrier === chosen}
          data-testid={`carrier-${carrier}`}
          // Keep the focus on the scanner's input, so that the next scan is not typed into a button.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(carrier)}
        >
          <strong translate="no">{carrier}</strong> {t.ship.carriers[carrier]}
        </button>
      ))}
    </div>
  );
}
