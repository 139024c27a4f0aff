-- Distinct customer codes over the three sources (UNION removes duplicates).
SELECT COUNT(*) AS customers FROM (
    SELECT en.entorgcode AS code FROM ods_shy_jh_doc_hdworkdochd o
        JOIN ods_shy_base_enterprise en ON o.businessguid = en.entguid AND en.entorgcode <> ''
    UNION
    SELECT customer_code FROM ods_bondexsea_doc_order
    UNION
    SELECT customerno FROM ods_airsea_airfreight_orderhawb) AS codes
