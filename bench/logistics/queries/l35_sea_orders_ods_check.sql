-- The ODS sea orders per partition (o_year) with their latest change time.
SELECT o_year, COUNT(*) AS orders, MAX(create_date) AS last_change, MIN(gmt_create) AS first_order
FROM ods_bondexsea_doc_order
GROUP BY o_year
