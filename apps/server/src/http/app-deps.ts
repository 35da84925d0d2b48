import type { PictureHosts } from './picture-hosts';
import type { Db } from '../db/database';
import type { PrimaryVerdict } from '../db/primary-locator';
import type { Logger } from 'pino';
import type { Lifecycle } from '../ops/lifecycle';
import type { Metrics } from '../ops/metrics';
import type { PokeHub } from '../sync/poke-hub';
import type { ReadableProtocol } from './protocol-version';
import type { WaybillProvider } from '../waybills/waybill-provider';
import type { AdapterRegistry } from '../connectors/registry';

/** What the HTTP app needs from the outside; tests pass their own. */
export interface AppDeps {
  db: Db;
  pokes: PokeHub;
  authSecret: string;
  tokenTtlMs: number;
  /** The built PWA to serve at `/`, or null for an API-only app. */
  pwaDist: string | null;
  now: () => Date;
  /** A new handheld must bring an enrolment code to register (ENROLMENT_REQUIRED); off by default. */
  enrolmentRequired?: boolean;
  /** How often an idle event stream sends a keep-alive comment. */
  keepAliveMs?: number;
  /** Requests in flight and draining on shutdown; the server passes one, tests may. */
  lifecycle?: Lifecycle;
  /** JSON logs; silent when not given (tests). */
  logger?: Logger;
  /** Prometheus metrics; a fresh registry when not given. */
  metrics?: Metrics;
  /** Bearer token for `/metrics`; null: loopback callers only. */
  metricsToken?: string | null;
  /** Behind our proxy: callers' addresses (for rate limits) come from `X-Forwarded-For`. */
  trustProxy?: boolean;
  /** Sign-ins and registrations per minute from one address; 0: unlimited; default 300. */
  signInRateLimit?: number;
  /** A consistent tarball of the embedded database; absent on Postgres (use pg_dump). */
  backup?: () => Promise<Blob>;
  /** The protocol versions this server reads; the package's range when not given. */
  readableProtocol?: ReadableProtocol;
  /** Issue 21: the public address-confirmation page's limits, per minute; defaults 60 and 20. */
  addressPageRateLimit?: { perAddress: number; perLink: number };
  /** The server database's writable primary, or why there is none (`/readyz`); absent on PGlite. */
  databasePrimary?: () => Promise<PrimaryVerdict>;
  /** Where SKU pictures may come from (PICTURE_HOSTS): the CSP's img-src and what a SKU may name. */
  pictureHosts?: PictureHosts;
  /** Scan events older than this are archived (the on-demand default); 0 or absent: off. */
  retentionMs?: number;
  /** Issue 22: the e-waybill provider (电子面单) and the sender's phone; absent: typed numbers only. */
  waybills?: { provider: WaybillProvider; senderMobile: string };
  /**
   * Issue 27: marketplace connectors. `key` is CONNECTOR_KEY (null: none can be added); the
   * registry is the platforms' adapters (`PLATFORM_ADAPTERS`; a test passes its scripted one).
   */
  connectors?: {
    key: Buffer | null;
    registry: AdapterRegistry;
    sleep?: (ms: number) => Promise<void>;
    lagAlertMs?: number;
  };
  /** Public push-in calls per minute per connector (default 600). */
  connectorPushRateLimit?: number;
}
