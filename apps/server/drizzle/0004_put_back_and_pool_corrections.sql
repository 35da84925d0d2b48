CREATE TABLE "pool_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"physical_before" integer NOT NULL,
	"physical_after" integer NOT NULL,
	"in_bins" integer NOT NULL,
	"in_hand" integer NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pick_lines" ADD COLUMN "put_back_qty" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "pool_corrections_sku" ON "pool_corrections" USING btree ("warehouse_id","sku_id");