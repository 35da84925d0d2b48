import { Gauge, type Registry } from 'prom-client';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

interface ConnectorFigures {
  id: string;
  name: string;
  platform: string;
  shopId: string;
  status: string;
  lagSeconds: number;
  ordersPulled: string | number;
  failuresTotal: string | number;
  pendingConfirmations: string | number;
}

const LABELS = ['connector', 'platform', 'shop', 'status'] as const;

/**
 * `/metrics` per connector (issue 27): how far behind its platform it is (now minus the cursor),
 * orders it pulled and failed pulls (both since it was added, as stored), confirmations waiting.
 * Read from the database at each scrape (a small table: one row per shop), so every server
 * instance reports the same figures; while the database is away a gauge keeps its last values.
 */
export function registerConnectorMetrics(
  registry: Registry,
  db: Db,
  now: () => Date = () => new Date(),
) {
  const read = () =>
    queryRows<ConnectorFigures>(
      db,
      sql`select c.id, c.name, c.platform, c.shop_id as "shopId", c.status,
                 greatest(0, extract(epoch from (${now().toISOString()}::timestamptz - c.cursor)))::float8 as "lagSeconds",
                 c.orders_pulled as "ordersPulled", c.failures_total as "failuresTotal",
                 (select count(*) from connector_shipments s
                  where s.connector_id = c.id and s.status = 'pending') as "pendingConfirmations"
          from connectors c`,
    ).catch(() => null);
  const gauge = (name: string, help: string, value: (f: ConnectorFigures) => number) =>
    new Gauge({
      name,
      help,
      labelNames: LABELS,
      registers: [registry],
      async collect() {
        const rows = await read();
        if (!rows) return;
        this.reset();
        for (const f of rows)
          this.set(
            { connector: f.name, platform: f.platform, shop: f.shopId, status: f.status },
            value(f),
          );
      },
    });
  gauge(
    'wms_connector_lag_seconds',
    "Seconds a connector's stored orders are behind its platform (now minus its cursor)",
    (f) => f.lagSeconds,
  );
  gauge(
    'wms_connector_orders_pulled',
    'Orders a connector took in or updated since it was added',
    (f) => Number(f.ordersPulled),
  );
  gauge('wms_connector_failures', 'Failed pulls of a connector since it was added', (f) =>
    Number(f.failuresTotal),
  );
  gauge(
    'wms_connector_confirmations_pending',
    'Shipment confirmations waiting to be written back to the platform',
    (f) => Number(f.pendingConfirmations),
  );
}
