ALTER TABLE "users" ADD COLUMN "hub_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Decision 006: on upgrade every admin there is keeps the hub-wide powers they used; a hub
-- admin takes them away from the others (update users set hub_admin = false where badge = '…').
UPDATE "users" SET "hub_admin" = true WHERE "role" = 'admin';
