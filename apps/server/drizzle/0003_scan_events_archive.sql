CREATE TABLE "scan_events_archive" (
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
	"received_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scan_events_archive_incarnation_seq" UNIQUE("device_id","epoch","seq")
);
--> statement-breakpoint
CREATE INDEX "scan_events_archive_pick_line" ON "scan_events_archive" USING btree (("payload"->>'pickLineId'));