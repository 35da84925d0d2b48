ALTER TABLE "skus" ADD COLUMN "weight_grams" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "length_mm" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "width_mm" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "height_mm" integer;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "qc_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "available_from" date;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "picture_urls" jsonb DEFAULT '[]'::jsonb NOT NULL;