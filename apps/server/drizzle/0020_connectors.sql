CREATE TABLE "connector_orders" (
	"connector_id" uuid NOT NULL,
	"platform_order_id" text NOT NULL,
	"order_id" text,
	"platform_status" text NOT NULL,
	"modified_at" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"address_hash" text NOT NULL,
	"note" text,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connector_orders_connector_id_platform_order_id_pk" PRIMARY KEY("connector_id","platform_order_id")
);
--> statement-breakpoint
CREATE TABLE "connector_shipments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"connector_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"parcel_id" uuid NOT NULL,
	"platform_order_id" text NOT NULL,
	"carrier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"lines" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "connector_shipments_parcel" UNIQUE("connector_id","parcel_id")
);
--> statement-breakpoint
CREATE TABLE "connector_stock" (
	"connector_id" uuid NOT NULL,
	"code" text NOT NULL,
	"qty" integer NOT NULL,
	"pushed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connector_stock_connector_id_code_pk" PRIMARY KEY("connector_id","code")
);
--> statement-breakpoint
CREATE TABLE "connectors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"platform" text NOT NULL,
	"shop_id" text NOT NULL,
	"channel" text NOT NULL,
	"name" text NOT NULL,
	"credentials" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"interval_seconds" integer DEFAULT 10 NOT NULL,
	"stock_buffer" integer DEFAULT 0 NOT NULL,
	"cursor" timestamp with time zone NOT NULL,
	"next_pull_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_pull_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"failures_total" bigint DEFAULT 0 NOT NULL,
	"orders_pulled" bigint DEFAULT 0 NOT NULL,
	"stock_reconciled_at" timestamp with time zone,
	"lag_alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connectors_shop" UNIQUE("platform","shop_id")
);
--> statement-breakpoint
CREATE INDEX "connector_orders_order" ON "connector_orders" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "connector_shipments_due" ON "connector_shipments" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "connectors_due" ON "connectors" USING btree ("status","next_pull_at");