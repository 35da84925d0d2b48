/**
 * Intake throughput against a real server on a fresh Postgres database (not a test: a figure).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/perf/measure-intake.ts [orders] [batch] [parallel]
 *
 * Creates database `intake_perf` next to DATABASE_URL's (dropped first), starts the server on it,
 * logs in as the demo admin and sends `orders` orders (default 6,000) in batches of `batch`
 * (default 500) over `parallel` connections (default 2) through `POST /api/orders/batch`. Orders
 * are cleaned, deduplicated, held, routed and reserved like any other. Prints orders/s.
 */
import { idCheckCharacter } from '@wms/domain';
import postgres from 'postgres';
import { startServerProcess } from '../support/server-process';

const total = Number(process.argv[2] ?? 6_000);
const batchSize = Number(process.argv[3] ?? 500);
const parallel = Number(process.argv[4] ?? 2);
const base = process.env.DATABASE_URL;
if (!base)
  throw new Error('set DATABASE_URL to a Postgres (its server gets a database intake_perf)');

const admin = postgres(base, { max: 1, onnotice: () => undefined });
await admin.unsafe('drop database if exists intake_perf with (force)');
await admin.unsafe('create database intake_perf');
await admin.end();
const url = new URL(base);
url.pathname = '/intake_perf';
const server = await startServerProcess({ DATABASE_URL: url.toString() });
try {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const device = await post('/api/devices/register', { label: 'intake perf' });
  const { token } = (await post('/api/auth/login', {
    badge: 'A-0001',
    pin: '1234',
    ...device,
  })) as {
    token: string;
  };
  const provinces = [
    ['广东', '深圳', '南山区'],
    ['湖北', '武汉', '江汉区'],
    ['北京', '北京', '朝阳区'],
    ['四川', '成都', '武侯区'],
    ['浙江', '杭州', '萧山区'],
  ] as const;
  const order = (i: number) => {
    const [province, city, district] = provinces[i % provinces.length]!;
    return {
      channel: (['taobao', 'douyin', 'pinduoduo', 'jd'] as const)[i % 4],
      channelOrderId: `PERF-${i}`,
      orderType: 'sale',
      placedAt: new Date().toISOString(),
      customerId: `perf-${i}`,
      vip: false,
      consignee: {
        name: ` 王 芳${i % 7}`,
        phone: `+86 139-${String(10_000_000 + i).slice(-8, -4)}-${String(i).padStart(4, '0').slice(-4)}`,
        idNumber: withCheck(`4403051990${String(i).padStart(7, '0')}`),
      },
      address: { province, city, district, detail: `科技园 ${i} 号` },
      paidCents: 9_900 * (1 + (i % 3)),
      couponCents: 0,
      freightCents: 0,
      lines: [
        { skuId: `SKU-${String(1 + (i % 200)).padStart(5, '0')}`, qty: 1, unitPriceCents: 9_900 },
        ...(i % 3 === 0
          ? [
              {
                skuId: `SKU-${String(201 + (i % 40)).padStart(5, '0')}`,
                qty: 2,
                unitPriceCents: 4_950,
              },
            ]
          : []),
      ],
    };
  };
  const batches: unknown[][] = [];
  for (let i = 0; i < total; i += batchSize) {
    batches.push(Array.from({ length: Math.min(batchSize, total - i) }, (_, k) => order(i + k)));
  }
  await post('/api/orders/batch', { orders: [order(total + 1)] }, token); // warm-up
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) {
        const orders = batches[next++]!;
        const { results } = (await post('/api/orders/batch', { orders }, token)) as {
          results: { ok: boolean }[];
        };
        failed += results.filter((r) => !r.ok).length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `intake: ${total} orders in ${batches.length} batches of ${batchSize} over ${parallel} connections: ` +
      `${seconds.toFixed(2)} s, ${(total / seconds).toFixed(0)} orders/s (${failed} refused)`,
  );
} finally {
  await server.stop();
}

function withCheck(first17: string): string {
  return first17 + idCheckCharacter(first17);
}
