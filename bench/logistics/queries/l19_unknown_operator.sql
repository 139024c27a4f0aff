-- SHY documents whose operator is missing from the staff dimension (LEFT JOIN miss), per business type.
SELECT o.businesstype, COUNT(*) AS documents
FROM ods_shy_jh_doc_hdworkdochd o
LEFT JOIN dim_hhl_user_code op ON o.bookingguid = op.user_guid
WHERE op.user_guid IS NULL
GROUP BY o.businesstype
