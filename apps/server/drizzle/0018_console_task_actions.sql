ALTER TABLE "tasks" ADD COLUMN "assigned_user_id" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "done_by" text;