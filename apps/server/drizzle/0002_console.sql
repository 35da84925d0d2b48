ALTER TABLE "exceptions" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "assigned_user_id" text;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "cleared_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "scan_events_pick_line" ON "scan_events" USING btree (("payload"->>'pickLineId'));--> statement-breakpoint
CREATE INDEX "scan_events_user_time" ON "scan_events" USING btree ("user_id","device_time");--> statement-breakpoint
CREATE INDEX "scan_events_warehouse_received" ON "scan_events" USING btree ("warehouse_id","received_at");