import { z } from 'zod';
import { binCodeSchema, idSchema, isoTimeSchema, uuidSchema } from './codes';

/**
 * A pick is a physical fact: `qty` units of `skuId` were taken from `binCode` for `pickLineId`.
 * The server evaluates it against its current state; it never refuses it for business reasons.
 */
export const pickPayloadSchema = z.strictObject({
  pickLineId: idSchema,
  waveId: idSchema,
  binCode: binCodeSchema,
  skuId: idSchema,
  qty: z.int().min(1).max(9999),
});

const eventBase = {
  /** Random (UUID); unique across all devices. */
  id: uuidSchema,
  /** 1, 2, 3… with no gap within a device incarnation, allocated with the event. */
  seq: z.int().min(1),
  deviceTime: isoTimeSchema,
  userId: idSchema,
  /** The wave's assignment version the device had seen when the picker acted. */
  assignmentVersion: z.int().min(0),
};

/** Every kind of scan event, by `type@version`. A retired version stays here, decoded by an upcaster. */
export const scanEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...eventBase, type: z.literal('pick@1'), payload: pickPayloadSchema }),
]);

export type PickPayload = z.infer<typeof pickPayloadSchema>;
export type ScanEvent = z.infer<typeof scanEventSchema>;
export type ScanEventType = ScanEvent['type'];
