-- Hand-written (drizzle has no table storage parameters). A push updates each picked line's
-- picked_qty and status, neither of them indexed: with room left on the page the update is HOT
-- (no new entry in pick_lines' three indexes). Pages written from now on keep 30% free; the
-- stock rows a push updates likewise.
ALTER TABLE "pick_lines" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "stock" SET (fillfactor = 80);
