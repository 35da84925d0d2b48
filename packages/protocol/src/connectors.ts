import { z } from 'zod';
import { isoTimeSchema } from './codes';
import { channelSchema } from './order-intake';

/**
 * A marketplace shop's credentials as an admin enters them (issue 27). Stored sealed; no answer
 * ever carries them back. Expiry times are ISO instants.
 */
export const connectorCredentialsSchema = z.strictObject({
  appKey: z.string().trim().min(1).max(200),
  appSecret: z.string().trim().min(1).max(500),
  accessToken: z.string().trim().min(1).max(2000).optional(),
  refreshToken: z.string().trim().min(1).max(2000).optional(),
  accessTokenExpiresAt: isoTimeSchema.optional(),
  refreshTokenExpiresAt: isoTimeSchema.optional(),
  pushToken: z.string().trim().min(1).max(200).optional(),
  pushAesKey: z.string().trim().min(1).max(200).optional(),
  baseUrl: z.url().optional(),
});

/** `POST /api/admin/connectors`: a shop of a platform, pulled every `intervalSeconds`. */
export const connectorInputSchema = z.strictObject({
  platform: z.string().trim().min(1).max(32),
  shopId: z.string().trim().min(1).max(64),
  /** Our channel its orders come in as; the platform's own by default (taobao or tmall …). */
  channel: channelSchema.optional(),
  name: z.string().trim().min(1).max(80),
  credentials: connectorCredentialsSchema,
  intervalSeconds: z.int().min(5).max(3_600).default(10),
  /** Units kept back from every quantity pushed to the shop (stock out to the channels). */
  stockBuffer: z.int().min(0).max(100_000).default(0),
  /** Pull orders modified since then (default: now). */
  pullSince: isoTimeSchema.optional(),
});

/** `PUT /api/admin/connectors/:connectorId/credentials`: new tokens after the shop authorised. */
export const connectorCredentialsUpdateSchema = connectorCredentialsSchema.partial();

/** `POST /api/admin/connectors/:connectorId/replay`: pull [from, to) again (at most 7 days). */
export const connectorReplaySchema = z
  .strictObject({ from: isoTimeSchema, to: isoTimeSchema })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), {
    path: ['to'],
    message: 'to must be after from',
  })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 7 * 86_400_000, {
    path: ['to'],
    message: 'a replay covers at most 7 days: replay a longer gap in pieces',
  });

/** A connector as admins see it: state, cursor, lag and counters; never its credentials. */
export const connectorSchema = z.object({
  id: z.string(),
  warehouseId: z.string(),
  platform: z.string(),
  shopId: z.string(),
  channel: channelSchema,
  name: z.string(),
  status: z.enum(['active', 'paused', 'revoked', 'failing']),
  intervalSeconds: z.int(),
  stockBuffer: z.int(),
  cursor: isoTimeSchema,
  /** When the scheduler pulls it next (later while it backs off after failures). */
  nextPullAt: isoTimeSchema,
  lagSeconds: z.int(),
  /** Set while a lag alert is raised (cleared when it catches up). */
  lagAlertedAt: isoTimeSchema.nullable(),
  /** The last daily stock reconcile (every code pushed again). */
  stockReconciledAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
  lastPullAt: isoTimeSchema.nullable(),
  lastSuccessAt: isoTimeSchema.nullable(),
  lastError: z.string().nullable(),
  failures: z.int(),
  failuresTotal: z.int(),
  ordersPulled: z.int(),
  authorised: z.object({
    accessToken: z.boolean(),
    accessTokenExpiresAt: isoTimeSchema.nullable(),
  }),
});
export const connectorListSchema = z.object({ connectors: z.array(connectorSchema) });

/** What a replay (or a push's pull) did. */
export const connectorPullReportSchema = z.object({
  outcome: z.enum(['stored', 'failed', 'revoked', 'skipped']),
  windows: z.int(),
  taken: z.object({
    accepted: z.int(),
    parked: z.int(),
    refused: z.int(),
    changed: z.int(),
    unchanged: z.int(),
  }),
  error: z.string().nullable(),
});

export type ConnectorInput = z.infer<typeof connectorInputSchema>;
export type ConnectorCredentialsInput = z.infer<typeof connectorCredentialsSchema>;
export type Connector = z.infer<typeof connectorSchema>;
