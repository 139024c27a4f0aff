-- Country-level route matrix (SUBSTRING of UN/LOCODEs).
WITH dwd_business_order AS (
    SELECT
        o.doccode AS reference_no,
        'SHY' AS bondex_shy_flag,
        CASE WHEN o.order_status IN ('SHIPPED', 'CLOSED') THEN 1 ELSE 0 END AS is_server_item,
        o.businesstype AS order_type_name,
        CAST(o.docdate AS DATE) AS consignor_date,
        en.entorgcode AS consignor_code,
        en.entfullname AS consignor_name,
        COALESCE(sales.user_code, '') AS sales_code,
        COALESCE(sales.user_name, '') AS sales_name,
        COALESCE(op.user_code, '') AS delivery_center_op_id,
        COALESCE(op.user_name, '') AS delivery_center_op_name,
        o.region_name AS region_name,
        o.pol_code AS pol_code,
        o.pot_code AS pot_code,
        o.pod_code AS port_of_dest_code,
        o.is_deleted AS is_delete,
        o.order_status AS order_status,
        CASE WHEN o.is_deleted = 1 THEN 0 ELSE 1 END AS count_order,
        o.amount_income AS amount_income,
        o.amount_cost AS amount_cost,
        o.o_year AS o_year
    FROM ods_shy_jh_doc_hdworkdochd o
    INNER JOIN ods_shy_base_enterprise en ON o.businessguid = en.entguid AND en.entorgcode <> ''
    LEFT JOIN dim_hhl_user_code sales ON o.salesguid = sales.user_guid
    LEFT JOIN dim_hhl_user_code op ON o.bookingguid = op.user_guid
    UNION ALL
    SELECT
        business_no,
        'BONDEX',
        CASE WHEN order_status IN ('SHIPPED', 'CLOSED') THEN 1 ELSE 0 END,
        order_type_name,
        CAST(gmt_create AS DATE),
        customer_code,
        customer_name,
        COALESCE(sales_code, ''),
        COALESCE(sales_name, ''),
        COALESCE(op_code, ''),
        COALESCE(op_name, ''),
        region_name,
        pol_code,
        pot_code,
        pod_code,
        is_deleted,
        order_status,
        CASE WHEN is_deleted = 1 THEN 0 ELSE 1 END,
        amount_income,
        amount_cost,
        o_year
    FROM ods_bondexsea_doc_order
    UNION ALL
    SELECT
        RTRIM(hblindex),
        'AIRSEA',
        CASE WHEN status IN ('SHIPPED', 'CLOSED') THEN 1 ELSE 0 END,
        CASE WHEN SUBSTRING(departurecode FROM 1 FOR 2) = 'CN' THEN '空运出口' ELSE '空运进口' END,
        CAST(createopdate AS DATE),
        customerno,
        customername,
        COALESCE(salescode, ''),
        COALESCE(salesname, ''),
        COALESCE(opcode, ''),
        COALESCE(opname, ''),
        region_name,
        departurecode,
        transfercode,
        destinationcode,
        isvoid,
        status,
        CASE WHEN isvoid = 1 THEN 0 ELSE 1 END,
        amount_income,
        amount_cost,
        o_year
    FROM ods_airsea_airfreight_orderhawb
)
SELECT SUBSTRING(pol_code FROM 1 FOR 2) AS from_country, SUBSTRING(port_of_dest_code FROM 1 FOR 2) AS to_country,
    SUM(count_order) AS orders
FROM dwd_business_order
GROUP BY SUBSTRING(pol_code FROM 1 FOR 2), SUBSTRING(port_of_dest_code FROM 1 FOR 2)
