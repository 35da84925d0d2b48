CREATE TABLE "address_change_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"new_address" jsonb NOT NULL,
	"nonce" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_with_order_id" text;--> statement-breakpoint
ALTER TABLE "order_holds" ADD COLUMN "hold_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "address_change_requests_order" ON "address_change_requests" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "address_change_requests_one_pending" ON "address_change_requests" USING btree ("order_id") WHERE status = 'pending';