CREATE TABLE "pruned_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"channel" text NOT NULL,
	"channel_order_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"file" text NOT NULL,
	"pruned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_exports" (
	"table_name" text NOT NULL,
	"month" text NOT NULL,
	"part" integer NOT NULL,
	"file" text NOT NULL,
	"rows" integer NOT NULL,
	"sha256" text NOT NULL,
	"exported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pruned_rows" integer,
	"pruned_at" timestamp with time zone,
	CONSTRAINT "retention_exports_table_name_month_part_pk" PRIMARY KEY("table_name","month","part")
);
--> statement-breakpoint
CREATE TABLE "retention_horizons" (
	"name" text PRIMARY KEY NOT NULL,
	"below_txid" "xid8" NOT NULL,
	"pruned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "txid_clock" (
	"at" timestamp with time zone PRIMARY KEY DEFAULT now() NOT NULL,
	"txid" "xid8" NOT NULL,
	"last_change_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_incarnations" ADD COLUMN "pruned_through_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "masked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "pruned_orders_pruned" ON "pruned_orders" USING btree ("pruned_at");--> statement-breakpoint
CREATE INDEX "orders_unmasked_created" ON "orders" USING btree ("created_at") WHERE masked_at is null;--> statement-breakpoint
CREATE INDEX "pick_lines_order_line" ON "pick_lines" USING btree ("order_line_id");--> statement-breakpoint
-- ── Hand-written (retention, issue 25): the txid clock's first tick, so the change feed written
-- before this upgrade can be pruned once it is older than the feed's retention age.
INSERT INTO "txid_clock" ("at", "txid", "last_change_id")
SELECT now(), pg_current_xact_id(), coalesce(max("id"), 0) FROM "changes";
-- ── End of hand-written block.
--> statement-breakpoint
-- ── Hand-written (retention, issue 25): a `carried-forward` ledger row sums a slot's pruned
-- movements (exported first); it moves nothing, so the pool trigger of 0012 must skip it.
DROP TRIGGER "stock_movements_pool" ON "stock_movements";--> statement-breakpoint
CREATE TRIGGER stock_movements_pool AFTER INSERT ON stock_movements FOR EACH ROW
WHEN (NEW.reason NOT IN ('pick', 'put-back', 'carried-forward') AND NEW.status = 'available')
EXECUTE FUNCTION stock_movement_to_pool();
-- ── End of hand-written block.
