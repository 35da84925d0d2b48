import type {
  EventOutcome,
  InboundClosedEvent,
  InboundReceivedEvent,
  PutAwayEvent,
  QcDecidedEvent,
  ReturnGradedEvent,
  ScanEvent,
} from '@wms/protocol';
import type { Tx } from '../db/database';
import { applyInboundClosed } from './apply-closed';
import { applyPutAway } from './apply-put-away';
import { applyQcDecided } from './apply-qc';
import { applyReturnGraded } from './apply-graded';
import { applyInboundReceived } from './apply-received';

export type InboundEvent =
  InboundReceivedEvent | QcDecidedEvent | PutAwayEvent | InboundClosedEvent | ReturnGradedEvent;

export const isInboundEvent = (event: ScanEvent): event is InboundEvent =>
  event.type === 'inbound-received@1' ||
  event.type === 'qc-decided@1' ||
  event.type === 'put-away@1' ||
  event.type === 'inbound-closed@1' ||
  event.type === 'return-graded@1';

/** Applies one inbound event in the push's transaction (stored by the caller with its outcome). */
export function applyInboundEvent(
  tx: Tx,
  warehouseId: string,
  event: InboundEvent,
  now: Date,
): Promise<EventOutcome> {
  switch (event.type) {
    case 'inbound-received@1':
      return applyInboundReceived(tx, warehouseId, event, now);
    case 'qc-decided@1':
      return applyQcDecided(tx, warehouseId, event, now);
    case 'put-away@1':
      return applyPutAway(tx, warehouseId, event, now);
    case 'inbound-closed@1':
      return applyInboundClosed(tx, warehouseId, event, now);
    case 'return-graded@1':
      return applyReturnGraded(tx, warehouseId, event, now);
  }
}
