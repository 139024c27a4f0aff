-- SHY income bands (CASE) per business model and transport type.
SELECT businessmodel, transporttype,
    CASE WHEN amount_income IS NULL THEN 'unbilled'
         WHEN amount_income < 1000 THEN 'small'
         WHEN amount_income < 10000 THEN 'medium'
         ELSE 'large' END AS band,
    COUNT(*) AS documents, SUM(amount_income) AS income
FROM ods_shy_jh_doc_hdworkdochd
GROUP BY businessmodel, transporttype,
    CASE WHEN amount_income IS NULL THEN 'unbilled'
         WHEN amount_income < 1000 THEN 'small'
         WHEN amount_income < 10000 THEN 'medium'
         ELSE 'large' END
