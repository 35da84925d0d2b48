ALTER TABLE "exceptions" ADD COLUMN "inbound_line_id" uuid;--> statement-breakpoint
ALTER TABLE "inbound_lines" ADD COLUMN "wrong_item_refunded_qty" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_lines" ADD COLUMN "wrong_item_refused_qty" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "exceptions" e SET "inbound_line_id" = (s.payload->>'lineId')::uuid
FROM "scan_events" s
WHERE e.kind = 'return-wrong-item' AND e.inbound_line_id IS NULL AND s.id = e.event_id;
