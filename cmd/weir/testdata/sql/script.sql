-- A batch session over a warehouse: DDL, writes, queries, errors.
CREATE DATABASE IF NOT EXISTS dwd;
USE dwd;
CREATE TABLE orders (
  id BIGINT,
  customer STRING,
  amount DECIMAL(12, 2),
  dt STRING,
  PRIMARY KEY (id, dt) NOT ENFORCED
) PARTITIONED BY (dt) WITH ('bucket' = '2');
INSERT INTO orders VALUES
  (1, 'alice', 10.50, '2024-01-01'),
  (2, 'bob', 20.00, '2024-01-01'),
  (3, 'alice', 5.25, '2024-01-02');
INSERT INTO orders VALUES (2, 'bob', 30.00, '2024-01-01');
SELECT customer, SUM(amount) AS total, COUNT(*) AS n FROM orders GROUP BY customer ORDER BY customer;
SELECT dt, MAX(amount) FROM orders WHERE dt >= '2024-01-01' GROUP BY dt ORDER BY dt;
SHOW TABLES;
DESCRIBE orders;
INSERT OVERWRITE orders PARTITION (dt = '2024-01-02') SELECT 9, 'carol', 1.00;
SELECT * FROM orders ORDER BY id;
