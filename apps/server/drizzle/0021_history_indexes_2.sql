CREATE INDEX "orders_original" ON "orders" USING btree ("original_order_id") WHERE original_order_id is not null;--> statement-breakpoint
CREATE INDEX "pick_lines_open_sku" ON "pick_lines" USING btree ("warehouse_id","sku_id","bin_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "connector_shipments_order" ON "connector_shipments" USING btree ("order_id");