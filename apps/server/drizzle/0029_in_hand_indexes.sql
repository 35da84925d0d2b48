CREATE INDEX "exceptions_over_pick_line" ON "exceptions" USING btree ("pick_line_id") WHERE kind = 'over-pick';--> statement-breakpoint
CREATE INDEX "pick_lines_cancelled" ON "pick_lines" USING btree ("warehouse_id") WHERE status = 'cancelled';--> statement-breakpoint
CREATE INDEX "waves_cancelled" ON "waves" USING btree ("warehouse_id") WHERE status = 'cancelled';