-- pgdsl:no-transaction
-- Built without blocking writes: CREATE INDEX CONCURRENTLY refuses to run in a transaction.
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
