CREATE TABLE "order_status_queries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"order_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parcel_tracking_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"parcel_id" uuid NOT NULL,
	"carrier_event_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"location" text,
	"note" text,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parcel_tracking_events_carrier_event" UNIQUE("warehouse_id","carrier_event_id")
);
--> statement-breakpoint
CREATE TABLE "parcels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"order_id" text NOT NULL,
	"parcel_no" integer NOT NULL,
	"items" jsonb NOT NULL,
	"box_code" text,
	"weight_grams" integer,
	"expected_weight_grams" integer,
	"carrier" text,
	"tracking_number" text,
	"waybill_provider" text,
	"waybill_provider_ref" text,
	"event_id" uuid,
	"packed_by" text,
	"packed_at" timestamp with time zone NOT NULL,
	"delivery_status" text,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "parcels_order_no" UNIQUE("order_id","parcel_no")
);
--> statement-breakpoint
CREATE INDEX "order_status_queries_at" ON "order_status_queries" USING btree ("warehouse_id","at");--> statement-breakpoint
CREATE INDEX "parcel_tracking_events_parcel" ON "parcel_tracking_events" USING btree ("parcel_id","at");--> statement-breakpoint
CREATE INDEX "parcels_tracking" ON "parcels" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "parcels_delivered" ON "parcels" USING btree ("warehouse_id","delivered_at");