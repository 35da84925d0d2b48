ALTER TABLE "waves" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "waves" ADD COLUMN "left_scope_at" timestamp with time zone;--> statement-breakpoint
-- Waves already done: they leave devices a shift from now (sync/retire-done-waves.ts).
UPDATE "waves" SET "done_at" = now() WHERE "status" = 'done';--> statement-breakpoint
CREATE INDEX "orders_created" ON "orders" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "orders_id_number_placed" ON "orders" USING btree ("id_number","placed_at");--> statement-breakpoint
CREATE INDEX "orders_warehouse_placed" ON "orders" USING btree ("warehouse_id","placed_at");--> statement-breakpoint
CREATE INDEX "orders_warehouse_created_unplaced" ON "orders" USING btree ("warehouse_id","created_at") WHERE placed_at is null;--> statement-breakpoint
CREATE INDEX "waves_in_scope_assignee" ON "waves" USING btree ("assigned_user_id") WHERE left_scope_at is null and status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "waves_in_scope_warehouse" ON "waves" USING btree ("warehouse_id") WHERE left_scope_at is null and status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "waves_warehouse_created" ON "waves" USING btree ("warehouse_id","created_at");--> statement-breakpoint
CREATE INDEX "waves_done_in_scope" ON "waves" USING btree ("done_at") WHERE left_scope_at is null and status = 'done';--> statement-breakpoint
CREATE INDEX "order_events_shipped_at" ON "order_events" USING btree ("at") WHERE kind = 'shipped';