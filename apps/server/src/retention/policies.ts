/**
 * What happens to every table that grows with time, in one place (issue 25). The retention job
 * (`run-retention.ts`) carries these out; `policies.test.ts` reads the schema and fails for any
 * table that is neither here nor in NOT_GROWING, so a new table cannot grow forever unnoticed.
 *
 * The ages are configuration (`RetentionConfig`, from env.ts); `days` names which setting applies.
 */

/** Which configured age a policy uses (see RetentionConfig). */
export type RetentionAge =
  | 'scanEventsHot'
  | 'changeFeed'
  | 'history'
  | 'webhookLog'
  | 'shortLived'
  | 'channelKeys'
  | 'orderTombstones';

/** Rows exported to one gzipped NDJSON file per month, checked, then deleted. */
export interface ExportPrune {
  kind: 'export-prune';
  /** The column that dates a row: it is exported in the file of that month. */
  time: string;
  /** The row's key, and its SQL type (keyset paging and the delete by key). */
  key: string;
  keyType: 'bigint' | 'uuid' | 'text';
  /** Only rows that are finished (SQL on the table's columns, alias-free). */
  finished?: string;
  days: RetentionAge;
  why: string;
}

export type RetentionPolicy =
  | ExportPrune
  /** Moved to another table after `days` (still read there). */
  | { kind: 'archive'; into: string; time: string; days: RetentionAge; why: string }
  /** Deleted after `days` without an export: derived or bookkeeping rows. */
  | { kind: 'prune'; time: string; days: RetentionAge; why: string }
  /** Exported and pruned with the parent's rows (the parent's age and file month). */
  | { kind: 'follows'; parent: string; via: string; why: string }
  /** Grows with time and is kept on purpose (small, or the key of something pruned). */
  | { kind: 'kept'; why: string };

/** Finished orders: shipped sales, cancelled ones, and returns whose goods came in. */
const TERMINAL_ORDER = `status in ('shipped', 'cancelled', 'returned')`;

/** Every table that grows with time, in the order a retention round handles them. */
export const RETENTION_POLICIES = {
  scan_events: {
    kind: 'archive',
    into: 'scan_events_archive',
    time: 'received_at',
    days: 'scanEventsHot',
    why: 'hot for the console and replays; the archive answers older replays and traces',
  },
  scan_events_archive: {
    kind: 'export-prune',
    time: 'received_at',
    key: 'id',
    keyType: 'uuid',
    days: 'history',
    why: 'the scans of a year; a replay after pruning is answered from device_incarnations.pruned_through_seq',
  },
  orders: {
    kind: 'export-prune',
    time: 'created_at',
    key: 'id',
    keyType: 'text',
    finished: TERMINAL_ORDER,
    days: 'history',
    why: 'shipped and cancelled orders of a year; pruned_orders tells the trace where they went',
  },
  order_lines: {
    kind: 'follows',
    parent: 'orders',
    via: 'order_id',
    why: 'the lines of a pruned order, in their own file of the order’s month',
  },
  address_change_requests: {
    kind: 'follows',
    parent: 'orders',
    via: 'order_id',
    why: 'a customer’s address change requests (issue 21) go with their order; their new address is masked with the order (mask-personal-data.ts)',
  },
  pick_lines: {
    kind: 'follows',
    parent: 'orders',
    via: 'order_id',
    why: 'the pick lines of a pruned order, in their own file of the order’s month',
  },
  parcels: {
    kind: 'follows',
    parent: 'orders',
    via: 'order_id',
    why: 'the parcels of a pruned order (issue 22): weights, waybill numbers, delivery',
  },
  parcel_tracking_events: {
    kind: 'export-prune',
    time: 'received_at',
    key: 'id',
    keyType: 'bigint',
    days: 'history',
    why: 'carrier tracking events (issue 22); the health index reads the last days only',
  },
  order_status_queries: {
    kind: 'export-prune',
    time: 'at',
    key: 'id',
    keyType: 'bigint',
    days: 'history',
    why: 'customer status-page queries counted for the health index (issue 22)',
  },
  inbound_notices: {
    kind: 'export-prune',
    time: 'created_at',
    key: 'id',
    keyType: 'uuid',
    finished: `status = 'closed'
               and not exists (select 1 from inbound_tasks t where t.notice_id = inbound_notices.id and t.status = 'open')`,
    days: 'history',
    why: 'closed advance shipping notices and returns received (issue 23), with their lines and tasks',
  },
  inbound_lines: {
    kind: 'follows',
    parent: 'inbound_notices',
    via: 'notice_id',
    why: 'the lines of a pruned notice, in their own file of the notice’s month',
  },
  inbound_tasks: {
    kind: 'follows',
    parent: 'inbound_notices',
    via: 'notice_id',
    why: 'the QC and put-away tasks of a pruned notice (deleted before its lines)',
  },
  waves: {
    kind: 'export-prune',
    time: 'created_at',
    key: 'id',
    keyType: 'text',
    finished: `(left_scope_at is not null or status = 'cancelled')
               and not exists (select 1 from pick_lines pl where pl.wave_id = waves.id)`,
    days: 'history',
    why: 'a wave goes once its pick lines went with their orders',
  },
  order_events: {
    kind: 'export-prune',
    time: 'at',
    key: 'id',
    keyType: 'bigint',
    days: 'history',
    why: 'the order timelines (trace, KPIs read the last days only); partitioned by month, a month wholly past the age is exported and its partition dropped (partitions.ts)',
  },
  reservations: {
    kind: 'export-prune',
    time: 'created_at',
    key: 'id',
    keyType: 'bigint',
    finished: `status in ('shipped', 'released')`,
    days: 'history',
    why: 'consumed or released reservations; daily sales read the last weeks only',
  },
  order_holds: {
    kind: 'export-prune',
    time: 'raised_at',
    key: 'id',
    keyType: 'uuid',
    finished: `status <> 'open'`,
    days: 'history',
    why: 'decided holds',
  },
  exceptions: {
    kind: 'export-prune',
    time: 'opened_at',
    key: 'id',
    keyType: 'uuid',
    finished: `status = 'resolved'`,
    days: 'history',
    why: 'resolved exceptions',
  },
  tasks: {
    kind: 'export-prune',
    time: 'opened_at',
    key: 'id',
    keyType: 'uuid',
    finished: `status = 'done'`,
    days: 'history',
    why: 'done reprint and count tasks',
  },
  alerts: {
    kind: 'export-prune',
    time: 'raised_at',
    key: 'id',
    keyType: 'uuid',
    finished: `cleared_at is not null or kind in ('transfer', 'replenish', 'peak')`,
    days: 'history',
    why: 'alerts told long ago',
  },
  pool_corrections: {
    kind: 'export-prune',
    time: 'at',
    key: 'id',
    keyType: 'bigint',
    days: 'history',
    why: 'reconciliation corrections (the audit trail of the pool)',
  },
  inbound_receipts: {
    kind: 'export-prune',
    time: 'expected_at',
    key: 'id',
    keyType: 'uuid',
    finished: `status = 'received'`,
    days: 'history',
    why: 'received inbound',
  },
  webhook_attempts: {
    kind: 'export-prune',
    time: 'at',
    key: 'id',
    keyType: 'bigint',
    days: 'webhookLog',
    why: 'the delivery log; receivers replay within days, not months',
  },
  webhook_deliveries: {
    kind: 'export-prune',
    time: 'created_at',
    key: 'id',
    keyType: 'uuid',
    finished: `status <> 'pending'`,
    days: 'webhookLog',
    why: 'delivered or dead deliveries',
  },
  webhook_messages: {
    kind: 'export-prune',
    time: 'created_at',
    key: 'id',
    keyType: 'text',
    finished: `not exists (select 1 from webhook_deliveries d where d.message_id = webhook_messages.id)`,
    days: 'webhookLog',
    why: 'the outbox, once its deliveries are gone',
  },
  enrolment_codes: {
    kind: 'export-prune',
    time: 'expires_at',
    key: 'code',
    keyType: 'text',
    days: 'shortLived',
    why: 'codes live minutes; which device used which code stays in the export',
  },
  channel_orders: {
    kind: 'export-prune',
    time: 'received_at',
    key: `channel || ':' || channel_order_id`,
    keyType: 'text',
    days: 'channelKeys',
    why: 'the intake idempotency keys (channel + order id): kept well past any channel resend',
  },
  changes: {
    kind: 'prune',
    time: 'txid (through txid_clock)',
    days: 'changeFeed',
    why: 'the pull feed; a cursor below the pruned horizon is answered with a reset',
  },
  txid_clock: {
    kind: 'prune',
    time: 'at',
    days: 'changeFeed',
    why: 'ticks older than the change feed are no longer needed',
  },
  pruned_orders: {
    kind: 'prune',
    time: 'pruned_at',
    days: 'orderTombstones',
    why: 'the trace of a pruned order, kept as long as its export files are',
  },
  stock_movements: {
    kind: 'export-prune',
    time: 'at',
    key: 'id',
    keyType: 'bigint',
    finished: `reason <> 'carried-forward'`,
    days: 'history',
    why: 'the stock ledger; partitioned by month, a month wholly past the age is exported and dropped, what it held of a slot carried forward in one row, so stock stays the sum of its ledger',
  },
  device_incarnations: {
    kind: 'kept',
    why: 'a row per life of a handheld database (hundreds a year); it holds the tombstone of pruned events (pruned_through_seq)',
  },
  sku_reviews: {
    kind: 'kept',
    why: 'a queue: a row leaves when its SKU codes are mapped',
  },
  // Issue 27: marketplace connectors.
  connector_orders: {
    kind: 'export-prune',
    time: 'seen_at',
    key: `connector_id::text || ':' || platform_order_id`,
    keyType: 'text',
    days: 'channelKeys',
    why: 'what a connector saw of each platform order (idempotency, change detection): kept as long as the intake keys, past any platform resend',
  },
  connector_shipments: {
    kind: 'export-prune',
    time: 'created_at',
    key: 'id',
    keyType: 'uuid',
    finished: `status <> 'pending'`,
    days: 'webhookLog',
    why: 'the write-back outbox, like the webhook deliveries; the order trace keeps each confirmation as a step',
  },
} satisfies Record<string, RetentionPolicy>;

export type PolicyTable = keyof typeof RETENTION_POLICIES;

/** Tables that do not grow with time, each with the reason. */
export const NOT_GROWING: Record<string, string> = {
  warehouses: 'master data',
  zones: 'master data',
  bins: 'master data: the layout',
  bin_capacities: 'master data: what each bin holds of a SKU, one row per bin and SKU (issue 23)',
  skus: 'master data: the catalogue',
  suppliers: 'master data: the suppliers of inbound (issue 23)',
  sku_barcodes: 'master data: a few per SKU',
  stock: 'a row per bin, SKU, lot and status: current state, not history',
  inventory_pool: 'a row per SKU and warehouse',
  stock_ledger_sums:
    'a row per stock slot with a non-zero ledger sum (the reconciliation checkpoint, issue 19): as `stock`',
  stock_ledger_mark: 'one row: how far the reconciliation checkpoint reaches',
  users: 'staff',
  devices: 'the handheld fleet',
  hold_rules: 'configuration',
  routing_rules: 'configuration',
  hub_settings: 'configuration',
  webhook_subscriptions: 'configuration (deleted ones stay, a handful)',
  api_keys: 'configuration',
  channel_sku_codes: 'master data: a row per channel code',
  connectors: 'configuration: a row per marketplace shop (issue 27)',
  connector_stock: 'a row per shop and platform code: what the shop was last told it may sell',
  retention_exports: 'a row per table and month',
  retention_horizons: 'a row per pruned log',
};

/** The ages, in days (0: never). */
export interface RetentionConfig {
  /** Scan events stay hot this long, then move to the archive (SCAN_EVENT_RETENTION_DAYS). */
  scanEventsHot: number;
  /** The pull change feed (CHANGE_FEED_RETENTION_DAYS). */
  changeFeed: number;
  /** Orders, events, ledgers and logs in the database before export and prune (HISTORY_RETENTION_DAYS). */
  history: number;
  webhookLog: number;
  shortLived: number;
  /** Channel + order id keys: longer than history, so a late resend is still recognised. */
  channelKeys: number;
  orderTombstones: number;
  /** Consignee name, phone, ID number and address masked this long after shipping (PERSONAL_DATA_MASK_DAYS). */
  personalData: number;
  /** Where the monthly export files go (RETENTION_EXPORT_DIR). */
  exportDir: string;
}

export const RETENTION_DEFAULTS: Omit<RetentionConfig, 'exportDir'> = {
  scanEventsHot: 90,
  changeFeed: 30,
  history: 400,
  webhookLog: 90,
  shortLived: 30,
  channelKeys: 800,
  orderTombstones: 1_095,
  personalData: 30,
};
