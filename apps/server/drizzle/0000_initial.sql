CREATE TABLE "bins" (
	"id" text PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"zone" text NOT NULL,
	"code" text NOT NULL,
	"check_digits" text NOT NULL,
	"path_seq" integer NOT NULL,
	CONSTRAINT "bins_warehouse_code" UNIQUE("warehouse_id","code")
);
--> statement-breakpoint
CREATE TABLE "changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"warehouse_id" text NOT NULL,
	"wave_id" text NOT NULL,
	"line_id" text,
	"whole" boolean DEFAULT false NOT NULL,
	"audience_user_id" text
);
--> statement-breakpoint
CREATE TABLE "device_incarnations" (
	"device_id" uuid NOT NULL,
	"epoch" integer NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"highest_local_seq" integer DEFAULT 0 NOT NULL,
	"lost_seqs" integer DEFAULT 0 NOT NULL,
	"last_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "device_incarnations_device_id_epoch_pk" PRIMARY KEY("device_id","epoch")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"secret_hash" text NOT NULL,
	"current_epoch" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exceptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"wave_id" text,
	"pick_line_id" text,
	"event_id" uuid,
	"bin_id" text,
	"sku_id" text,
	"qty" integer,
	"message" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"qty" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"channel" text NOT NULL,
	"channel_order_id" text NOT NULL,
	"status" text NOT NULL,
	"consignee_name" text NOT NULL,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_channel_order" UNIQUE("channel","channel_order_id")
);
--> statement-breakpoint
CREATE TABLE "pick_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"wave_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"order_id" text NOT NULL,
	"order_line_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"bin_id" text NOT NULL,
	"qty" integer NOT NULL,
	"picked_qty" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "scan_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"epoch" integer NOT NULL,
	"seq" integer NOT NULL,
	"warehouse_id" text NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"assignment_version_seen" integer NOT NULL,
	"outcome" text NOT NULL,
	"device_time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "scan_events_incarnation_seq" UNIQUE("device_id","epoch","seq")
);
--> statement-breakpoint
CREATE TABLE "sku_barcodes" (
	"barcode" text PRIMARY KEY NOT NULL,
	"sku_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skus" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_zh" text NOT NULL,
	"category" text NOT NULL,
	"image_url" text,
	"lot_tracked" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock" (
	"warehouse_id" text NOT NULL,
	"bin_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"qty" integer NOT NULL,
	CONSTRAINT "stock_bin_id_sku_id_pk" PRIMARY KEY("bin_id","sku_id")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"bin_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"delta" integer NOT NULL,
	"reason" text NOT NULL,
	"event_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"badge" text NOT NULL,
	"pin_hash" text NOT NULL,
	"language" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "users_badge_unique" UNIQUE("badge")
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_zh" text NOT NULL,
	"city" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waves" (
	"id" text PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"assigned_user_id" text,
	"assignment_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bins" ADD CONSTRAINT "bins_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_incarnations" ADD CONSTRAINT "device_incarnations_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pick_lines" ADD CONSTRAINT "pick_lines_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pick_lines" ADD CONSTRAINT "pick_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pick_lines" ADD CONSTRAINT "pick_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pick_lines" ADD CONSTRAINT "pick_lines_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pick_lines" ADD CONSTRAINT "pick_lines_bin_id_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."bins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_barcodes" ADD CONSTRAINT "sku_barcodes_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock" ADD CONSTRAINT "stock_bin_id_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."bins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock" ADD CONSTRAINT "stock_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waves" ADD CONSTRAINT "waves_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waves" ADD CONSTRAINT "waves_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "changes_audience" ON "changes" USING btree ("audience_user_id","txid","id");--> statement-breakpoint
CREATE INDEX "changes_warehouse" ON "changes" USING btree ("warehouse_id","txid","id");--> statement-breakpoint
CREATE INDEX "exceptions_warehouse_status" ON "exceptions" USING btree ("warehouse_id","status");--> statement-breakpoint
CREATE INDEX "pick_lines_wave" ON "pick_lines" USING btree ("wave_id");--> statement-breakpoint
CREATE INDEX "scan_events_incarnation_txid" ON "scan_events" USING btree ("device_id","epoch","txid");--> statement-breakpoint
CREATE INDEX "sku_barcodes_sku" ON "sku_barcodes" USING btree ("sku_id");--> statement-breakpoint
CREATE INDEX "stock_sku" ON "stock" USING btree ("warehouse_id","sku_id");--> statement-breakpoint
CREATE INDEX "stock_movements_bin" ON "stock_movements" USING btree ("bin_id","sku_id");--> statement-breakpoint
CREATE INDEX "waves_assignee" ON "waves" USING btree ("assigned_user_id");--> statement-breakpoint
CREATE INDEX "waves_warehouse" ON "waves" USING btree ("warehouse_id");