CREATE TABLE "enrolment_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"created_by_user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_device_id" uuid
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" text PRIMARY KEY NOT NULL,
	"warehouse_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "zones_warehouse_code" UNIQUE("warehouse_id","code")
);
--> statement-breakpoint
ALTER TABLE "bins" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "warehouse_id" text;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "warehouses" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "enrolment_codes" ADD CONSTRAINT "enrolment_codes_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "zones" ("id", "warehouse_id", "code", "name") SELECT DISTINCT "warehouse_id" || ':' || "zone", "warehouse_id", "zone", 'Zone ' || "zone" FROM "bins" ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "devices" d SET "warehouse_id" = u."warehouse_id" FROM "device_incarnations" i JOIN "users" u ON u."id" = i."last_user_id" WHERE i."device_id" = d."id" AND i."epoch" = d."current_epoch" AND d."warehouse_id" IS NULL;
