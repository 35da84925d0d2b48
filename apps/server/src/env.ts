import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseDatabaseUrl } from './db/connection-url';
import type { DatabaseConfig } from './db/database';
import { RETENTION_DEFAULTS, type RetentionConfig } from './retention/policies';
import { parseConnectorKey } from './connectors/vault';
import { type PictureHosts, parsePictureHosts } from './http/picture-hosts';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** Where the embedded database (and the dev auth secret) live; relative to where npm was run. */
  DATA_DIR: z.string().default('./data'),
  /**
   * A real Postgres instead of the embedded one, e.g. postgres://user@host:5432/db; a primary
   * and its standbys as postgres://user@db1:5432,db2:5432/wms?target_session_attrs=read-write
   * (the server writes to whichever is the writable primary).
   */
  DATABASE_URL: z
    .string()
    .refine(
      isDatabaseUrl,
      'expected postgres://user@host:port/database (hosts separated by commas)',
    )
    .optional(),
  /**
   * Straight to Postgres (same form as DATABASE_URL) when DATABASE_URL goes through pgbouncer
   * in transaction mode: the LISTEN for live pokes and the migrations need a session.
   */
  DATABASE_DIRECT_URL: z
    .string()
    .refine(
      isDatabaseUrl,
      'expected postgres://user@host:port/database (hosts separated by commas)',
    )
    .optional(),
  /** Signs login tokens. Required in production; generated and kept in DATA_DIR otherwise. */
  AUTH_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  /**
   * true: the server sits behind our documented proxy (Caddy, nginx), and a caller's address for
   * rate limits is the last one of `X-Forwarded-For`. false (default): the socket's peer.
   */
  /** Sign-ins and registrations per minute from one address (per server); 0: no limit. */
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(0).default(300),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Load the demo warehouse into an empty database. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * true: only a handheld enrolled with a code (the admin's QR) lets pickers and supervisors sign
   * in; on a device registered without a code only an admin may (the admin's own tablet, which
   * shows the first QR). false (the default, and the demo): any registered device works and
   * joins the warehouse of its first login. Turn it on in production.
   */
  ENROLMENT_REQUIRED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The built PWA. */
  PWA_DIST: z.string().optional(),
  /**
   * The oldest protocol version this server reads (default: `@wms/protocol`'s). Raise it to make
   * devices of older builds update before they send (426 `app_update_required`; their unsent
   * scans stay on the device).
   */
  OLDEST_READABLE_PROTOCOL_VERSION: z.coerce.number().int().min(1).optional(),
  /** pino level of the JSON logs on stdout: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bearer token for `GET /metrics`; without it only loopback callers may scrape. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** PEM certificate (chain) and key files: both set, the server speaks HTTPS itself. */
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
  /**
   * Where SKU pictures may come from: CSP sources, e.g. `https://img.alicdn.com
   * https://*.taobaocdn.com` (commas or spaces between). Unset: any HTTPS host. A SKU naming a
   * picture elsewhere is refused (400 naming the field), as the page would refuse to load it.
   */
  PICTURE_HOSTS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return parsePictureHosts(text);
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          message: (err as Error).message.replace(/^PICTURE_HOSTS: /, ''),
        });
        return z.NEVER;
      }
    }),
  /** How long a shutdown waits for requests in flight before closing connections anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(20),
  /** Scan events older than this many days move to the archive table; 0 keeps all hot. */
  SCAN_EVENT_RETENTION_DAYS: z.coerce.number().min(0).default(90),
  // Issue 22: the KDNiao e-waybill account (电子面单); unset: tracking numbers are typed.
  KDNIAO_EBUSINESS_ID: z.string().min(1).optional(),
  KDNIAO_APP_KEY: z.string().min(1).optional(),
  KDNIAO_URL: z.url().default('https://api.kdniao.com/api/EOrderService'),
  /** The sender's phone printed on waybills (the warehouse's desk). */
  WAYBILL_SENDER_MOBILE: z.string().min(5).max(20).default('4000000000'),
  /** How often the retention round (archiving, masking, exports, pruning) runs. */
  ARCHIVE_INTERVAL_MINUTES: z.coerce.number().positive().default(60),
  // ── Retention (issue 25): ages in days, 0 turns that step off (see retention/policies.ts).
  /** The pull change feed; a device whose cursor is older re-pulls its scope. */
  CHANGE_FEED_RETENTION_DAYS: z.coerce.number().min(0).default(RETENTION_DEFAULTS.changeFeed),
  /** Finished orders, their events, the scan archive, ledgers and logs: exported, then pruned. */
  HISTORY_RETENTION_DAYS: z.coerce.number().min(0).default(RETENTION_DEFAULTS.history),
  /** Webhook messages, deliveries and attempts. */
  WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number().min(0).default(RETENTION_DEFAULTS.webhookLog),
  /** Consignee name, phone, ID number and street masked this long after shipping. */
  PERSONAL_DATA_MASK_DAYS: z.coerce.number().min(0).default(RETENTION_DEFAULTS.personalData),
  /**
   * Issue 27: seals marketplace connectors' credentials (AES-256-GCM): 32 random bytes in base64
   * (`openssl rand -base64 32`). Unset: no connector can be added and none is pulled.
   */
  CONNECTOR_KEY: z.string().optional(),
  /** A connector's red alert when its orders are this many minutes behind its platform. */
  CONNECTOR_LAG_ALERT_MINUTES: z.coerce.number().positive().default(5),
  /**
   * Seller nicks of the Tmall shops among the TOP (淘宝/天猫) connectors, comma-separated: their
   * orders come in as channel `tmall`, every other TOP shop's as `taobao`.
   */
  TMALL_SHOPS: z.string().default(''),
  /** Where the monthly export files go (a folder; mount S3-compatible storage there if wanted). */
  RETENTION_EXPORT_DIR: z.string().optional(),
});

export interface ServerConfig {
  mode: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  authSecret: string;
  tokenTtlMs: number;
  seedDemo: boolean;
  /** See ENROLMENT_REQUIRED; absent means false. */
  enrolmentRequired?: boolean;
  /** PICTURE_HOSTS; absent: any HTTPS host. */
  pictureHosts?: PictureHosts;
  pwaDist: string;
  /** OLDEST_READABLE_PROTOCOL_VERSION, when set: devices below it get 426. */
  oldestReadableProtocol?: number;
  // The operational settings below are optional for callers that build a config by hand
  // (tests, benchmarks); `loadConfig` always sets them and `startServer` has the same defaults.
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  metricsToken?: string | null;
  /** Rate limits key on `X-Forwarded-For`'s last address (behind our proxy). */
  trustProxy?: boolean;
  /** Sign-ins per minute per address; 0: unlimited. */
  signInRateLimit?: number;
  /** The PEM files' contents, read at start. */
  tls?: { cert: string; key: string } | null;
  shutdownTimeoutMs?: number;
  /** 0: archiving off. */
  retentionMs?: number;
  /** Issue 22: the KDNiao e-waybill account, when configured. */
  kdniao?: { eBusinessId: string; appKey: string; url: string; senderMobile: string } | null;
  archiveIntervalMs?: number;
  /** Retention ages and the export folder; absent: the retention round does not run. */
  retention?: RetentionConfig;
  /** Issue 27: CONNECTOR_KEY, parsed; absent or null: connectors are off. */
  connectorKey?: Buffer | null;
  connectorLagAlertMs?: number;
  /** TMALL_SHOPS, split: the TOP shops taken in as channel `tmall`. */
  tmallShops?: string[];
}

function isDatabaseUrl(url: string): boolean {
  try {
    const { hosts, forHost } = parseDatabaseUrl(url);
    return hosts.every((h) => URL.canParse(forHost(h)) && Number.isInteger(h.port));
  } catch {
    return false;
  }
}

/** Parses the environment once; nothing else in the server reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Bad configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const base = env.INIT_CWD ?? process.cwd();
  const dataDir = resolve(base, e.DATA_DIR);
  if (e.NODE_ENV === 'production' && !e.AUTH_SECRET) {
    throw new Error('Bad configuration: AUTH_SECRET (32+ characters) is required in production');
  }
  const connectorKey = e.CONNECTOR_KEY ? connectorKeyOf(e.CONNECTOR_KEY) : null;
  if (Boolean(e.TLS_CERT) !== Boolean(e.TLS_KEY)) {
    throw new Error('Bad configuration: TLS_CERT and TLS_KEY go together (set both or neither)');
  }
  return {
    mode: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          ...(e.DATABASE_DIRECT_URL ? { directUrl: e.DATABASE_DIRECT_URL } : {}),
        }
      : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    authSecret: e.AUTH_SECRET ?? devSecret(dataDir),
    tokenTtlMs: e.TOKEN_TTL_HOURS * 3_600_000,
    seedDemo: e.SEED_DEMO,
    enrolmentRequired: e.ENROLMENT_REQUIRED,
    ...(e.PICTURE_HOSTS && { pictureHosts: e.PICTURE_HOSTS }),
    pwaDist: e.PWA_DIST
      ? resolve(base, e.PWA_DIST)
      : fileURLToPath(new URL('../../pwa/dist', import.meta.url)),
    ...(e.OLDEST_READABLE_PROTOCOL_VERSION !== undefined && {
      oldestReadableProtocol: e.OLDEST_READABLE_PROTOCOL_VERSION,
    }),
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN ?? null,
    trustProxy: e.TRUST_PROXY,
    signInRateLimit: e.SIGN_IN_RATE_LIMIT,
    tls:
      e.TLS_CERT && e.TLS_KEY
        ? {
            cert: readPem(resolve(base, e.TLS_CERT), 'TLS_CERT'),
            key: readPem(resolve(base, e.TLS_KEY), 'TLS_KEY'),
          }
        : null,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    retentionMs: e.SCAN_EVENT_RETENTION_DAYS * 86_400_000,
    kdniao:
      e.KDNIAO_EBUSINESS_ID && e.KDNIAO_APP_KEY
        ? {
            eBusinessId: e.KDNIAO_EBUSINESS_ID,
            appKey: e.KDNIAO_APP_KEY,
            url: e.KDNIAO_URL,
            senderMobile: e.WAYBILL_SENDER_MOBILE,
          }
        : null,
    archiveIntervalMs: e.ARCHIVE_INTERVAL_MINUTES * 60_000,
    connectorKey,
    connectorLagAlertMs: e.CONNECTOR_LAG_ALERT_MINUTES * 60_000,
    tmallShops: e.TMALL_SHOPS.split(',')
      .map((nick) => nick.trim())
      .filter(Boolean),
    retention: {
      ...RETENTION_DEFAULTS,
      scanEventsHot: e.SCAN_EVENT_RETENTION_DAYS,
      changeFeed: e.CHANGE_FEED_RETENTION_DAYS,
      history: e.HISTORY_RETENTION_DAYS,
      webhookLog: e.WEBHOOK_LOG_RETENTION_DAYS,
      personalData: e.PERSONAL_DATA_MASK_DAYS,
      exportDir: e.RETENTION_EXPORT_DIR
        ? resolve(base, e.RETENTION_EXPORT_DIR)
        : join(dataDir, 'exports'),
    },
  };
}

/**
 * What `npm run restore` needs, read without side effects: unlike `loadConfig` it writes no
 * development `auth-secret` into the folder being restored into. `base` is where the user typed
 * the command (npm runs workspace scripts in `apps/server`, and says where it was called from in
 * INIT_CWD), so relative paths mean what the user meant.
 */
export function loadRestoreConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Bad configuration: ${problems.join('; ')}`);
  }
  const base = env.INIT_CWD ?? process.cwd();
  return {
    base,
    pgliteDir: parsed.data.DATABASE_URL
      ? null
      : join(resolve(base, parsed.data.DATA_DIR), 'pglite'),
  };
}

function connectorKeyOf(base64: string): Buffer {
  try {
    return parseConnectorKey(base64);
  } catch (err) {
    throw new Error(`Bad configuration: ${(err as Error).message}`, { cause: err });
  }
}

function readPem(file: string, name: string): string {
  if (!existsSync(file)) throw new Error(`Bad configuration: ${name}: no file ${file}`);
  const text = readFileSync(file, 'utf8');
  if (!text.includes('-----BEGIN ')) {
    throw new Error(`Bad configuration: ${name}: ${file} is not a PEM file`);
  }
  return text;
}

/** A development secret kept beside the data, so tokens survive a restart. */
function devSecret(dataDir: string): string {
  const file = join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
