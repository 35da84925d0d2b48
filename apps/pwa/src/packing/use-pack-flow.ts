import { useRef, useState } from 'react';
import { playError, playOk } from '../device/feedback/sounds';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { announce } from '../device/speech/speech';
import { db, type Session } from '../storage/database';
import { recordEvent } from '../storage/outbox';
import { api, ApiError } from '../sync/api-client';
import { deviceSync } from '../sync/device-sync';
import {
  initialPackState,
  packFlow,
  type PackEffect,
  type PackInput,
  type PackState,
} from './pack-flow';
import type { WaybillParcel } from './use-waybill-printer';

/**
 * The pack bench on the device: scans (items, box labels, the scale's typed weight, tracking
 * labels) feed `packFlow`; a stopped or closed parcel is an outbox event, pushed like picks
 * (offline too). Only looking the order up needs the network. A parcel closed for an e-waybill
 * goes to `onWaybillParcel` once it is in the outbox.
 */
export function usePackFlow(
  session: Session,
  onWaybillParcel: (parcel: WaybillParcel) => void,
): [PackState, (input: PackInput) => void] {
  const [state, setState] = useState<PackState>(initialPackState);
  const current = useRef(state);
  const language = session.user.language;

  const perform = async (effect: PackEffect) => {
    if (effect.kind === 'load-order') {
      try {
        const order = await api.packOrder(session.token, effect.code);
        apply({ kind: 'order-loaded', order });
      } catch (error) {
        playError();
        const offline = error instanceof ApiError && error.kind === 'network';
        apply({
          kind: 'order-failed',
          offline,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      return;
    }
    const base = { userId: session.user.id, assignmentVersion: 0 };
    if (effect.kind === 'record-mismatch') {
      await recordEvent(db, { ...base, type: 'pack-weight-mismatch@1', payload: effect.payload });
      deviceSync.requestSync(0);
      return;
    }
    await recordEvent(db, { ...base, type: 'parcel-packed@1', payload: effect.payload });
    const { orderId, parcelNo, trackingNumber } = effect.payload;
    if (trackingNumber === undefined) onWaybillParcel({ orderId, parcelNo });
    else deviceSync.requestSync(0);
  };

  const apply = (input: PackInput) => {
    const before = current.current;
    const [next, effect] = packFlow(before, input);
    current.current = next;
    setState(next);
    if (next.notice && next.notice !== before.notice) {
      if (next.notice.kind === 'prompt') {
        if (next.notice.error) playError();
        else playOk();
        announce(next.notice.prompt, language);
      } else playError();
    } else if (input.kind === 'scan' && next !== before && next.step !== 'loading') playOk();
    if (effect) void perform(effect);
  };

  useScanActions((action) => {
    if (action.kind === 'scan' || action.kind === 'repeat')
      apply({ kind: 'scan', code: action.code });
    else if (action.kind === 'typed') apply({ kind: 'scan', code: action.text });
  });
  return [state, apply];
}
