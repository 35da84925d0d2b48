CREATE INDEX "channel_orders_received" ON "channel_orders" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "reservations_created" ON "reservations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "webhook_messages_created" ON "webhook_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created" ON "webhook_deliveries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "webhook_attempts_at" ON "webhook_attempts" USING btree ("at");--> statement-breakpoint
CREATE INDEX "scan_events_received" ON "scan_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "scan_events_archive_received" ON "scan_events_archive" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "waves_created" ON "waves" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "parcel_tracking_events_received" ON "parcel_tracking_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "order_status_queries_time" ON "order_status_queries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "connector_orders_seen" ON "connector_orders" USING btree ("seen_at");--> statement-breakpoint
CREATE INDEX "connector_shipments_created" ON "connector_shipments" USING btree ("created_at");--> statement-breakpoint
-- ── Hand-written (retention, issue 25, decision 011): keep when regenerating ─────────────────
-- The stock ledger and the order timelines become partitioned by month on "at" (UTC months),
-- with a default partition that catches a row dated where no month exists yet (so an insert
-- never fails for want of one; the retention round makes the coming months ahead and moves such
-- rows out). Retention then drops a month's partition once its export is checked, instead of
-- deleting its rows. The key becomes (id, at): a partitioned table's unique keys must hold the
-- partition column; the id stays unique by its sequence, and nothing is idempotent on it.
-- The live table is renamed, its rows copied into the new one (indexes built after the copy),
-- and dropped; the sequence moves over, so ids carry on. The pool trigger is made again on the
-- new ledger after the copy (the rows copied must not move the pool a second time).
ALTER TABLE "stock_movements" RENAME TO "stock_movements_unpartitioned";--> statement-breakpoint
CREATE TABLE "stock_movements" (LIKE "stock_movements_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER SEQUENCE "stock_movements_id_seq" OWNED BY "stock_movements"."id";--> statement-breakpoint
CREATE TABLE "stock_movements_default" PARTITION OF "stock_movements" DEFAULT;--> statement-breakpoint
DO $$
DECLARE
  m timestamp;
BEGIN
  FOR m IN
    SELECT DISTINCT date_trunc('month', "at" AT TIME ZONE 'UTC') FROM "stock_movements_unpartitioned"
    UNION
    SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => n)
    FROM generate_series(0, 2) n
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "stock_movements" FOR VALUES FROM (%L) TO (%L)',
      'stock_movements_' || to_char(m, '"y"YYYY"m"MM'),
      m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC');
  END LOOP;
END
$$;--> statement-breakpoint
INSERT INTO "stock_movements" SELECT * FROM "stock_movements_unpartitioned";--> statement-breakpoint
DROP TABLE "stock_movements_unpartitioned";--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_id_at_pk" PRIMARY KEY("id","at");--> statement-breakpoint
CREATE INDEX "stock_movements_bin" ON "stock_movements" USING btree ("bin_id","sku_id");--> statement-breakpoint
CREATE INDEX "stock_movements_sku" ON "stock_movements" USING btree ("warehouse_id","sku_id","at");--> statement-breakpoint
CREATE INDEX "stock_movements_carried" ON "stock_movements" USING btree ("bin_id","sku_id") WHERE reason = 'carried-forward';--> statement-breakpoint
-- The pool trigger as 0017 left it; a row trigger on a partitioned table fires for every partition.
CREATE TRIGGER stock_movements_pool AFTER INSERT ON stock_movements FOR EACH ROW
WHEN (NEW.reason NOT IN ('pick', 'put-back', 'carried-forward')
      AND NEW.status IN ('available', 'received-not-put-away', 'awaiting-qc'))
EXECUTE FUNCTION stock_movement_to_pool();--> statement-breakpoint
ALTER TABLE "order_events" RENAME TO "order_events_unpartitioned";--> statement-breakpoint
CREATE TABLE "order_events" (LIKE "order_events_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER SEQUENCE "order_events_id_seq" OWNED BY "order_events"."id";--> statement-breakpoint
CREATE TABLE "order_events_default" PARTITION OF "order_events" DEFAULT;--> statement-breakpoint
DO $$
DECLARE
  m timestamp;
BEGIN
  FOR m IN
    SELECT DISTINCT date_trunc('month', "at" AT TIME ZONE 'UTC') FROM "order_events_unpartitioned"
    UNION
    SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => n)
    FROM generate_series(0, 2) n
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "order_events" FOR VALUES FROM (%L) TO (%L)',
      'order_events_' || to_char(m, '"y"YYYY"m"MM'),
      m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC');
  END LOOP;
END
$$;--> statement-breakpoint
INSERT INTO "order_events" SELECT * FROM "order_events_unpartitioned";--> statement-breakpoint
DROP TABLE "order_events_unpartitioned";--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_id_at_pk" PRIMARY KEY("id","at");--> statement-breakpoint
CREATE INDEX "order_events_order" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_events_shipped_at" ON "order_events" USING btree ("at") WHERE kind = 'shipped';
-- ── End of hand-written block.
