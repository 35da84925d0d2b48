import { z } from 'zod';
import { idSchema, uuidSchema } from './codes';

/** `integration` (v2): a channel, ERP or TMS calling with an API key, never a person. */
export const roleSchema = z.enum(['picker', 'supervisor', 'admin', 'integration']);
export const languageSchema = z.enum(['zh-CN', 'en']);

/** `POST /api/auth/login`: a badge (scanned or typed) and a PIN, on a registered device. */
export const loginRequestSchema = z.strictObject({
  badge: z.string().trim().min(1).max(64),
  pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits'),
  deviceId: uuidSchema,
  epoch: z.int().min(1),
  deviceSecret: z.string().min(16).max(128),
});

export const sessionUserSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  warehouseId: idSchema,
  language: languageSchema,
});

/** The token is bound to the user and to the device incarnation; send it as `Authorization: Bearer`. */
export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: sessionUserSchema,
});

/**
 * `GET /api/sync/unlock-verifiers`: the active supervisors and admins of the caller's warehouse,
 * each with what the handheld checks their PIN against offline to unlock its scanner settings
 * (`pbkdf2-sha256$rounds$salt$hash`, base64url; docs/decisions/017). A lead the server has not
 * seen sign in since these came has none yet and is left out.
 */
export const unlockVerifiersResponseSchema = z.object({
  verifiers: z.array(
    z.object({
      userId: idSchema,
      badge: z.string(),
      verifier: z.string().regex(/^pbkdf2-sha256\$\d+\$[\w-]+\$[\w-]+$/),
    }),
  ),
});

export type Role = z.infer<typeof roleSchema>;
export type UnlockVerifiers = z.infer<typeof unlockVerifiersResponseSchema>;
export type Language = z.infer<typeof languageSchema>;
export type LoginRequest = z.infer<typeof loginRequestSchema>;
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export type SessionUser = z.infer<typeof sessionUserSchema>;
