import type {
  InboundReceivedPayload,
  PutAwayPayload,
  QcDecidedPayload,
  ReturnGradedPayload,
  ScanEvent,
} from '@wms/protocol';
import type { WmsDatabase } from '../storage/database';
import { recordEvent } from '../storage/outbox';

/** Inbound events belong to no wave: their assignment version is 0. */
const NO_WAVE = 0;

export function recordReceipt(
  database: WmsDatabase,
  userId: string,
  payload: InboundReceivedPayload,
): Promise<ScanEvent> {
  return recordEvent(database, {
    type: 'inbound-received@1',
    userId,
    assignmentVersion: NO_WAVE,
    payload,
  });
}

export function recordQcDecision(
  database: WmsDatabase,
  userId: string,
  payload: QcDecidedPayload,
): Promise<ScanEvent> {
  return recordEvent(database, {
    type: 'qc-decided@1',
    userId,
    assignmentVersion: NO_WAVE,
    payload,
  });
}

export function recordPutAway(
  database: WmsDatabase,
  userId: string,
  payload: PutAwayPayload,
): Promise<ScanEvent> {
  return recordEvent(database, { type: 'put-away@1', userId, assignmentVersion: NO_WAVE, payload });
}

export function recordInboundClosed(
  database: WmsDatabase,
  userId: string,
  noticeId: string,
): Promise<ScanEvent> {
  return recordEvent(database, {
    type: 'inbound-closed@1',
    userId,
    assignmentVersion: NO_WAVE,
    payload: { noticeId },
  });
}

/** A returned unit (or units) graded at the dock: resellable, damaged or wrong item. */
export function recordReturnGrade(
  database: WmsDatabase,
  userId: string,
  payload: ReturnGradedPayload,
): Promise<ScanEvent> {
  return recordEvent(database, {
    type: 'return-graded@1',
    userId,
    assignmentVersion: NO_WAVE,
    payload,
  });
}
