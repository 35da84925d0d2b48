import { useState } from 'react';
import { playError, playOk } from '../device/feedback/sounds';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import type { Session } from '../storage/database';
import { api, ApiError } from '../sync/api-client';
import {
  initialShipState,
  shipFlow,
  shipmentInFlight,
  type Shipment,
  type ShipEvent,
  type ShipState,
} from './ship-flow';

/** Pack & ship on the device: scans feed `shipFlow`, and a completed package goes to the server. */
export function useShipFlow(session: Session): [ShipState, (event: ShipEvent) => void] {
  const t = useMessages();
  const language = useLanguage();
  const [state, setState] = useState<ShipState>(initialShipState);

  const send = async ({ orderId, carrier, trackingNumber }: Shipment) => {
    try {
      await api.ship(session.token, orderId, { carrier, trackingNumber });
      playOk();
      announceRendered({
        language,
        text: t.ship.shipped(orderId, carrier, trackingNumber),
        speech: t.ship.shippedSpeech(orderId, t.ship.carriers[carrier]),
      });
      setState((current) => shipFlow(current, { kind: 'shipped' }));
    } catch (error) {
      playError();
      const event: ShipEvent =
        error instanceof ApiError && error.kind === 'network'
          ? { kind: 'offline' }
          : { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
      setState((current) => shipFlow(current, event));
    }
  };

  const apply = (event: ShipEvent) => {
    const next = shipFlow(state, event);
    setState(next);
    const shipment = next === state ? null : shipmentInFlight(next);
    if (shipment) void send(shipment);
  };

  useScanActions((action) => {
    if (action.kind === 'scan') apply({ kind: 'scan', code: action.code });
  });
  return [state, apply];
}
