import { DONE_WAVE_SHIFT_MS } from '../../../apps/server/src/sync/retire-done-waves';

/**
 * A year of history in set-based SQL (issue 19): orders with their lines, waves, pick lines,
 * scan events, stock ledger, reservations, order timelines, change-feed rows and a few
 * exceptions, shaped as the server itself writes them, added in bulk on top of the demo seed
 * (run the server's migrations and demo first). Every order is waved, picked by one of its
 * warehouse's demo pickers on a history handheld and shipped: the day's last orders were placed
 * four hours before `now`, so nothing of history is still on the floor (the stock and the pool
 * end where the demo left them: each bin got back, as a receipt at the start, what history took).
 */
export interface HistoryShape {
  orders: number;
  ordersPerDay: number;
  /** Orders per wave. */
  waveSize: number;
  now: Date;
}

export const YEAR_OF_HISTORY = { orders: 1_000_000, ordersPerDay: 2_740, waveSize: 20 } as const;

/** The figures of the customers' volume at another size (the same day rate, fewer days). */
export const historyOf = (orders: number, now: Date): HistoryShape => ({
  ...YEAR_OF_HISTORY,
  orders,
  now,
});

/** The statements, in order; each is one set-based insert (or a helper table's setup). */
export function historyStatements(shape: HistoryShape): { name: string; text: string }[] {
  const { orders, ordersPerDay, waveSize } = shape;
  const days = Math.ceil(orders / ordersPerDay);
  // Order n is placed at `start + n * gap`; the last one four hours before now.
  const gapSeconds = 86_400 / ordersPerDay;
  const nowIso = shape.now.toISOString();
  const endIso = new Date(shape.now.getTime() - 4 * 3_600_000).toISOString();
  const placed = (n: string) =>
    `('${endIso}'::timestamptz - make_interval(secs => (${orders} - ${n}) * ${gapSeconds}))`;
  const orderId = (n: string) => `'HO-' || lpad(${n}::text, 7, '0')`;
  const waveOf = (n: string) => `((${n} - 1) / ${waveSize} + 1)`;
  const waveId = (w: string) => `'HW-' || lpad(${w}::text, 6, '0')`;
  // One wave in five picks in Chengdu, the rest in Guangzhou; the two pickers of each take turns.
  const warehouse = (w: string) => `(case when ${w} % 5 = 4 then 'CD' else 'GZ' end)`;
  const picker = (w: string) =>
    `(case when ${w} % 5 = 4 then (case when (${w} / 5) % 2 = 0 then 'u-cd-p1' else 'u-cd-p2' end)
           else (case when ${w} % 2 = 0 then 'u-gz-p1' else 'u-gz-p2' end) end)`;
  return [
    {
      name: 'catalogue index',
      text: `
      drop table if exists history_skus;
      create unlogged table history_skus as
      select row_number() over (order by s.id) - 1 as k, s.id as sku_id,
             (select min(st.bin_id) from stock st where st.sku_id = s.id and st.warehouse_id = 'GZ') as gz_bin,
             (select min(st.bin_id) from stock st where st.sku_id = s.id and st.warehouse_id = 'CD') as cd_bin
      from skus s
      where exists (select 1 from stock st where st.sku_id = s.id and st.warehouse_id = 'GZ')
        and exists (select 1 from stock st where st.sku_id = s.id and st.warehouse_id = 'CD');
      create unique index on history_skus (k);
      analyze history_skus`,
    },
    {
      name: 'orders',
      text: `
      insert into orders (id, warehouse_id, channel, channel_order_id, status, consignee_name,
                          province, city, district, address_detail, phone, id_number, customer_id,
                          paid_cents, freight_cents, carrier, tracking_number, placed_at, created_at)
      select ${orderId('n')}, ${warehouse(waveOf('n'))},
             (array['taobao','douyin','pinduoduo','jd','mini-program'])[1 + n % 5],
             'H' || lpad(n::text, 9, '0'),
             case when n % 97 = 0 then 'cancelled' else 'shipped' end,
             (array['王芳','李娜','张伟','刘洋','陈静','杨磊','赵敏','黄强'])[1 + n % 8],
             (array['广东省','浙江省','四川省','湖北省','江苏省','重庆市','北京市','福建省'])[1 + n % 8],
             (array['深圳市','杭州市','成都市','武汉市','南京市','重庆市','北京市','厦门市'])[1 + n % 8],
             '区' || (n % 13), (n % 997) || '号',
             '13' || lpad(((n::bigint * 7919) % 1000000000)::text, 9, '0'),
             case when n % 3 = 0 then '4401' || lpad(((n::bigint * 104729) % 100000000000000)::text, 14, '0') end,
             'C' || (n % 400000),
             1000 + (n * 37) % 50000, 800, 'SF', 'SF' || lpad(n::text, 12, '0'),
             ${placed('n')}, ${placed('n')}
      from generate_series(1, ${orders}) n`,
    },
    {
      name: 'channel orders',
      text: `
      insert into channel_orders (channel, channel_order_id, order_id, received_at)
      select channel, channel_order_id, id, created_at from orders where id like 'HO-%'`,
    },
    {
      name: 'order lines',
      text: `
      insert into order_lines (id, order_id, sku_id, qty, unit_price_cents)
      select ${orderId('n')} || '-' || l, ${orderId('n')}, s.sku_id, 1 + (n + l) % 3, 500 + (n * l) % 9000
      from generate_series(1, ${orders}) n
      cross join lateral generate_series(1, 1 + n % 5) l
      join history_skus s on s.k = (n * 7 + l * 13) % (select count(*) from history_skus)`,
    },
    {
      name: 'waves',
      text: `
      insert into waves (id, warehouse_id, code, status, assigned_user_id, assignment_version,
                         created_at, done_at, left_scope_at)
      select ${waveId('w')}, ${warehouse('w')}, chr(65 + (w / 10000) % 26) || lpad(((w / 100) % 100)::text, 2, '0') || '-' || lpad((w % 100)::text, 2, '0'), 'done', ${picker('w')}, 1,
             at, at + interval '1 hour',
             case when at + interval '1 hour' + make_interval(secs => ${DONE_WAVE_SHIFT_MS / 1000})
                       < '${nowIso}'::timestamptz
                  then at + interval '1 hour' + make_interval(secs => ${DONE_WAVE_SHIFT_MS / 1000}) end
      from generate_series(1, ${Math.ceil(orders / waveSize)}) w
      cross join lateral (select ${placed(`(w - 1) * ${waveSize} + 1`)} + interval '30 minutes' as at) t`,
    },
    {
      name: 'pick lines',
      text: `
      insert into pick_lines (id, wave_id, warehouse_id, order_id, order_line_id, sku_id, bin_id,
                              qty, picked_qty, status)
      select 'PL-' || ol.id, ${waveId(waveOf('o.n'))}, o.warehouse_id, o.id, ol.id, ol.sku_id,
             case when o.warehouse_id = 'GZ' then s.gz_bin else s.cd_bin end,
             ol.qty, ol.qty, 'picked'
      from (select id, warehouse_id, substr(id, 4)::int as n from orders
            where id like 'HO-%' and status <> 'cancelled') o
      join order_lines ol on ol.order_id = o.id
      join history_skus s on s.sku_id = ol.sku_id`,
    },
    {
      name: 'history handhelds',
      text: `
      insert into devices (id, label, secret_hash, current_epoch, warehouse_id, created_at)
      select md5('history-device-' || u.id)::uuid, 'history handheld of ' || u.id, 'history', 1,
             u.warehouse_id, '${endIso}'::timestamptz - interval '${days + 1} days'
      from users u where u.id in ('u-gz-p1','u-gz-p2','u-cd-p1','u-cd-p2');
      insert into device_incarnations (device_id, epoch, last_user_id, created_at)
      select id, 1, substr(label, 21), created_at from devices where label like 'history handheld of %'`,
    },
    {
      name: 'scan events',
      text: `
      insert into scan_events (id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                               assignment_version_seen, outcome, device_time, received_at)
      select md5('history-pick-' || pl.id)::uuid, md5('history-device-' || w.assigned_user_id)::uuid, 1,
             row_number() over (partition by w.assigned_user_id order by pl.wave_id, pl.id),
             pl.warehouse_id, w.assigned_user_id, 'pick@1',
             jsonb_build_object('pickLineId', pl.id, 'waveId', pl.wave_id, 'binCode', b.code,
                                'skuId', pl.sku_id, 'qty', pl.picked_qty),
             1, 'applied', w.created_at + interval '30 minutes',
             w.created_at + interval '30 minutes 2 seconds'
      from pick_lines pl join waves w on w.id = pl.wave_id join bins b on b.id = pl.bin_id
      where pl.id like 'PL-HO-%';
      update device_incarnations i set last_seq = n.seq, highest_local_seq = n.seq,
             last_seen_at = n.at
      from (select device_id, max(seq) as seq, max(received_at) as at from scan_events
            where type = 'pick@1' and payload->>'pickLineId' like 'PL-HO-%' group by device_id) n
      where i.device_id = n.device_id and i.epoch = 1`,
    },
    {
      name: 'stock ledger',
      text: `
      insert into stock_movements (warehouse_id, bin_id, sku_id, delta, reason, at)
      select warehouse_id, bin_id, sku_id, sum(qty)::int, 'receipt',
             '${endIso}'::timestamptz - interval '${days + 1} days'
      from pick_lines where id like 'PL-HO-%' group by 1, 2, 3;
      insert into stock_movements (warehouse_id, bin_id, sku_id, delta, reason, event_id, at)
      select e.warehouse_id, pl.bin_id, pl.sku_id, -pl.picked_qty, 'pick', e.id, e.received_at
      from scan_events e join pick_lines pl on pl.id = e.payload->>'pickLineId'
      where e.type = 'pick@1' and pl.id like 'PL-HO-%';
      -- The receipts raised the pool's physical (the ledger's trigger); picks only move units
      -- from bins to hand; shipping every picked unit takes it out of the pool, as the server does.
      update inventory_pool p set physical = p.physical - s.qty
      from (select warehouse_id, sku_id, sum(picked_qty)::int as qty from pick_lines
            where id like 'PL-HO-%' group by 1, 2) s
      where p.warehouse_id = s.warehouse_id and p.sku_id = s.sku_id`,
    },
    {
      name: 'reservations',
      text: `
      insert into reservations (warehouse_id, order_id, sku_id, qty, status, created_at)
      select o.warehouse_id, o.id, ol.sku_id, ol.qty,
             case when o.status = 'cancelled' then 'released' else 'shipped' end, o.created_at
      from orders o join order_lines ol on ol.order_id = o.id where o.id like 'HO-%'`,
    },
    {
      name: 'order timelines',
      text: `
      insert into order_events (order_id, kind, detail, at)
      select o.id, k.kind, k.detail, k.at
      from orders o
      cross join lateral (values
        (1, 'received', jsonb_build_object('channel', o.channel), o.created_at),
        (2, 'routed', jsonb_build_object('warehouseId', o.warehouse_id), o.created_at),
        (3, case when o.status = 'cancelled' then 'cancelled' else 'waved' end,
            jsonb_build_object('waveId', ${waveId(waveOf('substr(o.id, 4)::int'))}),
            o.created_at + interval '30 minutes'),
        (4, 'picked', '{}'::jsonb, o.created_at + interval '1 hour'),
        (5, 'shipped', jsonb_build_object('carrier', o.carrier, 'trackingNumber', o.tracking_number),
            o.created_at + interval '3 hours')
      ) k(step, kind, detail, at)
      where o.id like 'HO-%' and (o.status <> 'cancelled' or k.step <= 3)
      order by o.created_at, o.id, k.step`,
    },
    {
      name: 'change feed',
      // What the server writes for a wave: whole to its assignee when built, the run of picks of
      // each push (one row per wave and push), the wave closing, and (a shift later) leaving.
      text: `
      insert into changes (warehouse_id, wave_id, line_id, line_ids, whole, audience_user_id)
      select w.warehouse_id, w.id, null, k.line_ids, k.whole, w.assigned_user_id
      from waves w
      cross join lateral (values
        (1, null::text[], true),
        (2, (select array_agg(pl.id order by pl.id) from pick_lines pl where pl.wave_id = w.id), false),
        (3, null::text[], false),
        (4, null::text[], false)
      ) k(step, line_ids, whole)
      where w.id like 'HW-%' and (k.step < 4 or w.left_scope_at is not null)
      order by w.created_at, w.id, k.step`,
    },
    {
      name: 'exceptions',
      text: `
      insert into exceptions (id, warehouse_id, kind, status, wave_id, pick_line_id, bin_id, sku_id,
                              qty, message, opened_at, answered_at, resolved_at, resolved_by)
      select md5('history-exception-' || pl.id)::uuid, pl.warehouse_id, 'bin-negative', 'resolved',
             pl.wave_id, pl.id, pl.bin_id, pl.sku_id, pl.qty, 'Bin went below zero: count it',
             e.received_at, e.received_at + interval '10 minutes', e.received_at + interval '1 hour',
             'u-gz-s1'
      from pick_lines pl join scan_events e on e.id = md5('history-pick-' || pl.id)::uuid
      where pl.id like 'PL-HO-%' and substr(pl.order_id, 4)::int % 500 = 0`,
    },
    {
      name: 'clean up and analyze',
      text: `drop table history_skus;\n      analyze`,
    },
  ];
}
