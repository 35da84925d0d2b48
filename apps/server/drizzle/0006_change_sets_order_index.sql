ALTER TABLE "changes" ADD COLUMN "line_ids" text[];--> statement-breakpoint
CREATE INDEX "pick_lines_order" ON "pick_lines" USING btree ("order_id");