CREATE TABLE "inbound_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"warehouse_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"sku_id" text NOT NULL,
	"expected_qty" integer NOT NULL,
	"received_qty" integer DEFAULT 0 NOT NULL,
	"damaged_qty" integer DEFAULT 0 NOT NULL,
	"lot_tracked" boolean DEFAULT false NOT NULL,
	"qc_required" boolean DEFAULT false NOT NULL,
	CONSTRAINT "inbound_lines_no" UNIQUE("notice_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "inbound_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"supplier_id" text,
	"order_id" text,
	"expected_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"needs_review" boolean DEFAULT false NOT NULL,
	"close_reason" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "inbound_notices_code" UNIQUE("warehouse_id","code")
);
--> statement-breakpoint
CREATE TABLE "inbound_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"notice_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"sku_id" text NOT NULL,
	"lot" text,
	"expiry" date,
	"from_bin_id" text NOT NULL,
	"suggested_bin_id" text,
	"qty" integer NOT NULL,
	"done_qty" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_zh" text NOT NULL,
	"qc_required" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbound_lines" ADD CONSTRAINT "inbound_lines_notice_id_inbound_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."inbound_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_lines_sku" ON "inbound_lines" USING btree ("warehouse_id","sku_id");--> statement-breakpoint
CREATE INDEX "inbound_notices_open" ON "inbound_notices" USING btree ("warehouse_id","status","expected_date");--> statement-breakpoint
CREATE INDEX "inbound_tasks_open" ON "inbound_tasks" USING btree ("warehouse_id","kind") WHERE status = 'open';--> statement-breakpoint
-- ── Hand-written (issue 23, inbound): keep when regenerating ─────────────────────────────────
-- Received units are physical before they are put away: the pool's `physical` follows the
-- ledger rows of stock that is in the building and usable or about to be (available, received
-- and not put away yet, awaiting QC); damaged and quarantined stock is not. The pool's inbound
-- falls at receipt by what arrived, so every unit is counted once between receipt and put-away.
-- (A retention `carried-forward` row moves nothing: skipped, as 0016 set.)
DROP TRIGGER stock_movements_pool ON stock_movements;--> statement-breakpoint
CREATE TRIGGER stock_movements_pool AFTER INSERT ON stock_movements FOR EACH ROW
WHEN (NEW.reason NOT IN ('pick', 'put-back', 'carried-forward')
      AND NEW.status IN ('available', 'received-not-put-away', 'awaiting-qc'))
EXECUTE FUNCTION stock_movement_to_pool();
