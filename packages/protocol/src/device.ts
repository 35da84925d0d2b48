import { z } from 'zod';
import { uuidSchema } from './codes';

/** An enrolment code as shown (and QR-encoded) on the admin screen: 8 letters and digits. */
const enrolmentCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NP-Z2-9]{8}$/, 'an enrolment code is 8 letters and digits');

/**
 * `POST /api/devices/register`. A new install sends only a label. A device whose local database
 * is gone but which still knows its identity (kept outside IndexedDB) sends `previous`, and gets
 * the next epoch of the same device: the server then knows how many events were lost.
 */
export const registerDeviceRequestSchema = z.strictObject({
  label: z.string().trim().min(1).max(64),
  /**
   * The code an admin showed as a QR: the device joins that code's warehouse. Required for a
   * new device when the server runs with ENROLMENT_REQUIRED=true.
   */
  enrolmentCode: enrolmentCode.optional(),
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
