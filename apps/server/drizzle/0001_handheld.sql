CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"bin_id" text NOT NULL,
	"sku_id" text,
	"wave_id" text,
	"pick_line_id" text,
	"event_id" uuid,
	"detail" text NOT NULL,
	"message" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_bin_id_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."bins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_warehouse_status" ON "tasks" USING btree ("warehouse_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_open_per_bin" ON "tasks" USING btree ("kind","bin_id") WHERE status = 'open';