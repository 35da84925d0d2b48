ALTER TABLE "changes" ALTER COLUMN "wave_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "changes" ADD COLUMN "inbound_id" uuid;--> statement-breakpoint
ALTER TABLE "inbound_notices" ADD COLUMN "first_received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbound_notices" ADD COLUMN "assigned_user_id" text;--> statement-breakpoint
ALTER TABLE "inbound_notices" ADD COLUMN "assignment_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_tasks" ADD COLUMN "assigned_user_id" text;--> statement-breakpoint
ALTER TABLE "inbound_tasks" ADD COLUMN "assignment_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "inbound_tasks_done" ON "inbound_tasks" USING btree ("warehouse_id","kind","done_at") WHERE status = 'done';--> statement-breakpoint
-- ── Hand-written (issue 23, inbound console): keep when regenerating ────────────────────────
-- Notices received in part before this migration are `receiving` on the board: their first units
-- are dated by their first task (damaged-only receipts make none: then the migration's time).
UPDATE "inbound_notices" n SET "first_received_at" = coalesce(
  (SELECT min(t."created_at") FROM "inbound_tasks" t WHERE t."notice_id" = n."id"), now())
WHERE n."first_received_at" IS NULL
  AND EXISTS (SELECT 1 FROM "inbound_lines" l WHERE l."notice_id" = n."id" AND l."received_qty" > 0);
