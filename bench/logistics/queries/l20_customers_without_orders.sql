-- Customers with no SHY document (NOT EXISTS), per nature.
SELECT en.entnature, COUNT(*) AS customers
FROM ods_shy_base_enterprise en
WHERE en.entorgcode <> ''
    AND NOT EXISTS (SELECT 1 FROM ods_shy_jh_doc_hdworkdochd o WHERE o.businessguid = en.entguid)
GROUP BY en.entnature
