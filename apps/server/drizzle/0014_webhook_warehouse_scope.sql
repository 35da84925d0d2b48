ALTER TABLE "webhook_messages" ADD COLUMN "warehouse_id" text;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "warehouse_id" text;