CREATE TABLE "channel_sku_codes" (
	"warehouse_id" text NOT NULL,
	"channel" text NOT NULL,
	"shop_id" text DEFAULT '' NOT NULL,
	"code" text NOT NULL,
	"sku_id" text NOT NULL,
	CONSTRAINT "channel_sku_codes_warehouse_id_channel_shop_id_code_pk" PRIMARY KEY("warehouse_id","channel","shop_id","code")
);
--> statement-breakpoint
CREATE TABLE "sku_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"channel" text NOT NULL,
	"channel_order_id" text NOT NULL,
	"unmapped_codes" jsonb NOT NULL,
	"input" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "weight_grams" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "length_mm" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "width_mm" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "height_mm" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "qc_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "available_from" date;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "picture_urls" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sku_reviews_channel_order" ON "sku_reviews" USING btree ("channel","channel_order_id");