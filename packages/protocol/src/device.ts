import { z } from 'zod';
import { uuidSchema } from './codes';

/**
 * `POST /api/devices/register`. A new install sends only a label. A device whose local database
 * is gone but which still knows its identity (kept outside IndexedDB) sends `previous`, and gets
 * the next epoch of the same device: the server then knows how many events were lost.
 */
export const registerDeviceRequestSchema = z.strictObject({
  label: z.string().trim().min(1).max(64),
  previous: z
    .strictObject({
      deviceId: uuidSchema,
      deviceSecret: z.string().min(16).max(128),
      /** The highest seq the device remembers creating in its lost epoch, if it knows. */
      lastKnownSeq: z.int().min(0).optional(),
    })
    .optional(),
});

export const registerDeviceResponseSchema = z.object({
  deviceId: uuidSchema,
  epoch: z.int().min(1),
  deviceSecret: z.string(),
});

export type RegisterDeviceRequest = z.infer<typeof registerDeviceRequestSchema>;
export type RegisterDeviceResponse = z.infer<typeof registerDeviceResponseSchema>;
