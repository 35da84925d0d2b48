import type { ReactNode } from 'react';
import { useMessages } from '../i18n/language';
import { CsvImport } from './csv-import';

interface OrderImport {
  results: { rows: number[]; ok: boolean }[];
}
interface RulesImport {
  rules: unknown[];
}
interface OpeningImport {
  imported: number;
}
interface NoticesImport {
  imported: number;
  notices: { lines: number }[];
}

/** The columns each import reads (README, "Spreadsheets"), shown as they are typed in the file. */
const COLUMNS = {
  orders:
    'channel, channel_order_id, placed_at, customer_id, consignee_name, phone, province, city, district, address_detail, paid_cents, sku_id, qty, unit_price_cents',
  rules:
    'id, priority, name, warehouse_id, carrier, enabled, regions, provinces, cities, districts, channels, min_amount_cents, max_amount_cents, min_unit_price_cents, sku_ids, categories',
  opening: 'bin_code, sku_id, lot, expiry, qty, status',
  notices: 'notice, supplier_id, expected_date, sku_id, qty',
} as const;

type Kind = keyof typeof COLUMNS;

/**
 * The imports that are not a master-data list of their own: orders, the routing table, opening
 * stock, inbound notices. Each takes the same files (CSV in UTF-8, GBK or UTF-16 "Unicode text",
 * or .xlsx) through the same button, and a file with a bad row stores nothing.
 */
export function ImportsPanel({ token }: { token: string }) {
  const t = useMessages();
  const words = t.admin.imports;
  const section = (kind: Kind, body: ReactNode) => (
    <section className="admin-panel" data-testid={`import-${kind}`} key={kind}>
      <h2>{words[kind].title}</h2>
      <p>{words[kind].help}</p>
      <p className="import-columns">
        {words.columns} <code translate="no">{COLUMNS[kind]}</code>
      </p>
      {body}
    </section>
  );
  return (
    <div data-testid="panel-imports">
      {section(
        'orders',
        <CsvImport<OrderImport>
          token={token}
          path="/orders/import.csv"
          exports={false}
          summary={({ results }) =>
            words.ordersImported(
              results.filter((r) => r.ok).length,
              results.reduce((n, r) => n + r.rows.length, 0),
              results.filter((r) => !r.ok).length,
            )
          }
        />,
      )}
      {section(
        'rules',
        <CsvImport<RulesImport>
          token={token}
          path="/routing/rules.csv"
          summary={({ rules }) => words.rulesImported(rules.length)}
        />,
      )}
      {section(
        'opening',
        <CsvImport<OpeningImport>
          token={token}
          path="/inventory/opening-balances.csv"
          exports={false}
          summary={({ imported }) => words.openingImported(imported)}
        />,
      )}
      {section(
        'notices',
        <CsvImport<NoticesImport>
          token={token}
          path="/inbound/notices.csv"
          exports={false}
          summary={({ imported, notices }) =>
            words.noticesImported(
              imported,
              notices.reduce((n, x) => n + x.lines, 0),
            )
          }
        />,
      )}
    </div>
  );
}
