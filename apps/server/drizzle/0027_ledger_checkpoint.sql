CREATE TABLE "stock_ledger_mark" (
	"one" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"through_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_ledger_sums" (
	"warehouse_id" text NOT NULL,
	"bin_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"lot" text,
	"expiry" date,
	"status" text NOT NULL,
	"qty" integer NOT NULL,
	CONSTRAINT "stock_ledger_sums_slot" UNIQUE NULLS NOT DISTINCT("bin_id","sku_id","lot","expiry","status")
);
--> statement-breakpoint
CREATE INDEX "stock_ledger_sums_warehouse" ON "stock_ledger_sums" USING btree ("warehouse_id");--> statement-breakpoint
INSERT INTO "stock_ledger_mark" ("through_id") VALUES (0);
