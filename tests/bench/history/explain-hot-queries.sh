#!/bin/sh
# EXPLAIN (ANALYZE, BUFFERS) of the hot queries of issue 19 on a history database, before (the
# old SQL, with migration 0009's indexes dropped inside a rolled-back transaction) and after.
# Usage: tests/bench/history/explain-hot-queries.sh postgres://…/<history database>
# (build one with `tsx tests/bench/history/build-history-cli.ts 1000000`).
set -eu
url="$1"
run() { # $1 title, $2 SQL (the old form when $3 = before)
  echo "=== $1 ($3)"
  if [ "$3" = before ]; then
    psql "$url" -Xq -c "begin" -c "drop index orders_created, orders_id_number_placed, orders_warehouse_placed, orders_warehouse_created_unplaced, order_events_shipped_at, waves_in_scope_assignee, waves_in_scope_warehouse" -c "explain (analyze, buffers, costs off) $2" -c "rollback"
  else
    psql "$url" -Xq -c "explain (analyze, buffers, costs off) $2"
  fi
}
now="'$(psql "$url" -XAtc "select max(created_at) + interval '4 hours' from orders")'::timestamptz"
run 'KPIs: orders placed in the last 24 h' "select count(*) from orders o where o.warehouse_id = 'GZ' and coalesce(o.placed_at, o.created_at) >= $now - interval '24 hours' and coalesce(o.placed_at, o.created_at) < $now" before
run 'KPIs: orders placed in the last 24 h' "select count(*) from (select 1 from orders o where o.warehouse_id = 'GZ' and o.placed_at >= $now - interval '24 hours' and o.placed_at < $now union all select 1 from orders o where o.warehouse_id = 'GZ' and o.placed_at is null and o.created_at >= $now - interval '24 hours' and o.created_at < $now) p" after
run 'KPIs: shipped in the last 24 h' "with shipped as (select e.order_id, min(e.at) as at from order_events e join orders o on o.id = e.order_id where o.warehouse_id = 'GZ' and e.kind = 'shipped' group by e.order_id) select count(*) from shipped where at >= $now - interval '24 hours' and at < $now" before
run 'KPIs: shipped in the last 24 h' "select count(distinct e.order_id) from order_events e where e.kind = 'shipped' and e.at >= $now - interval '24 hours' and e.at < $now and (select o.warehouse_id from orders o where o.id = e.order_id) = 'GZ'" after
run 'KPIs: orders waiting' "select count(*) from orders where warehouse_id = 'GZ' and status in (select jsonb_array_elements_text('[\"received\",\"held\",\"unrouted\",\"waved\",\"picking\"]'::jsonb))" before
run 'KPIs: orders waiting' "select count(*) from orders where warehouse_id = 'GZ' and status in ('received','held','unrouted','waved','picking')" after
run 'Board: orders per stage' "select status, count(*), min(coalesce(placed_at, created_at)) from orders where warehouse_id = 'GZ' and status <> 'cancelled' and (status <> 'shipped' or coalesce(placed_at, created_at) > $now - interval '24 hours') group by status" before
run 'Board: orders per stage' "select status, count(*), min(coalesce(placed_at, created_at)) from (select status, placed_at, created_at from orders where warehouse_id = 'GZ' and status in ('received','held','unrouted','waved','picking','picked') union all select status, placed_at, created_at from orders where warehouse_id = 'GZ' and status = 'shipped' and placed_at > $now - interval '24 hours' union all select status, placed_at, created_at from orders where warehouse_id = 'GZ' and status = 'shipped' and placed_at is null and created_at > $now - interval '24 hours') o group by status" after
run 'Intake: peak sample' "select created_at, placed_at from orders where created_at >= $now - interval '30 minutes' and placed_at is not null order by created_at desc limit 500" before
run 'Intake: peak sample' "select created_at, placed_at from orders where created_at >= $now - interval '30 minutes' and placed_at is not null order by created_at desc limit 500" after
run 'Intake: ID-number count' "select id_number, placed_at from orders where id_number = any(array['440100000000104729','440100000000314187']) and placed_at >= $now - interval '30 days'" before
run 'Intake: ID-number count' "select id_number, placed_at from orders where id_number = any(array['440100000000104729','440100000000314187']) and placed_at >= $now - interval '30 days'" after
run "Pull: a fresh picker's waves" "select count(*) from waves w where w.assigned_user_id = 'u-gz-p1' and w.warehouse_id = 'GZ' and w.status <> 'cancelled'" before
run "Pull: a fresh picker's waves" "select count(*) from waves w where w.assigned_user_id = 'u-gz-p1' and w.warehouse_id = 'GZ' and w.left_scope_at is null and w.status <> 'cancelled'" after
run "Pull: a fresh supervisor's waves" "select count(*) from waves w where w.warehouse_id = 'GZ'" before
run "Pull: a fresh supervisor's waves" "select count(*) from waves w where w.warehouse_id = 'GZ' and w.left_scope_at is null and w.status <> 'cancelled'" after
