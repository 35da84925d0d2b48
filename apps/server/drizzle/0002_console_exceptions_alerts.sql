ALTER TABLE "exceptions" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "assigned_user_id" text;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "cleared_at" timestamp with time zone;