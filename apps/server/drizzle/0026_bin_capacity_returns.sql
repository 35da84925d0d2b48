CREATE TABLE "bin_capacities" (
	"bin_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"max_qty" integer NOT NULL,
	CONSTRAINT "bin_capacities_bin_id_sku_id_pk" PRIMARY KEY("bin_id","sku_id")
);
--> statement-breakpoint
ALTER TABLE "bins" ADD COLUMN "volume_cm3" integer;--> statement-breakpoint
ALTER TABLE "inbound_lines" ADD COLUMN "wrong_item_qty" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bin_capacities" ADD CONSTRAINT "bin_capacities_bin_id_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."bins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bin_capacities" ADD CONSTRAINT "bin_capacities_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bin_capacities_sku" ON "bin_capacities" USING btree ("warehouse_id","sku_id");