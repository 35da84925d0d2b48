ALTER TABLE "stock" DROP CONSTRAINT "stock_bin_id_sku_id_pk";--> statement-breakpoint
ALTER TABLE "pick_lines" ADD COLUMN "lot" text;--> statement-breakpoint
ALTER TABLE "pick_lines" ADD COLUMN "expiry" date;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "shelf_life_days" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "min_remaining_shelf_life_days" integer;--> statement-breakpoint
ALTER TABLE "stock" ADD COLUMN "lot" text;--> statement-breakpoint
ALTER TABLE "stock" ADD COLUMN "expiry" date;--> statement-breakpoint
ALTER TABLE "stock" ADD COLUMN "status" text DEFAULT 'available' NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "lot" text;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "expiry" date;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "status" text DEFAULT 'available' NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "note" text;--> statement-breakpoint
CREATE INDEX "pick_lines_sku" ON "pick_lines" USING btree ("sku_id","bin_id");--> statement-breakpoint
CREATE INDEX "stock_movements_sku" ON "stock_movements" USING btree ("warehouse_id","sku_id","at");--> statement-breakpoint
ALTER TABLE "stock" ADD CONSTRAINT "stock_slot" UNIQUE NULLS NOT DISTINCT("bin_id","sku_id","lot","expiry","status");--> statement-breakpoint
-- Hand-written (issue 16): the pool's physical follows the stock ledger. Every ledger row of
-- `available` stock that enters or leaves the warehouse (receipt, count, adjustment, opening
-- balance, a status change) moves it in the same transaction; picks and put-backs move units
-- between a bin and a picker's hand and leave it alone (shipping takes them out of the pool).
CREATE FUNCTION stock_movement_to_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO inventory_pool (warehouse_id, sku_id, physical)
  VALUES (NEW.warehouse_id, NEW.sku_id, NEW.delta)
  ON CONFLICT (warehouse_id, sku_id) DO UPDATE SET physical = inventory_pool.physical + excluded.physical;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER stock_movements_pool AFTER INSERT ON stock_movements FOR EACH ROW
WHEN (NEW.reason NOT IN ('pick', 'put-back') AND NEW.status = 'available')
EXECUTE FUNCTION stock_movement_to_pool();
