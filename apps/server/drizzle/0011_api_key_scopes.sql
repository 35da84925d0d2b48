ALTER TABLE "api_keys" ALTER COLUMN "warehouse_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_one_scope" CHECK (("api_keys"."warehouse_id" is null) <> ("api_keys"."channel" is null));