CREATE TYPE order_state AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
  state order_state NOT NULL DEFAULT 'new',
  total numeric(12, 2) NOT NULL CHECK (total >= 0)
);
