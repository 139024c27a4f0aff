-- TPC-H Q11: important stock identification (NATION = GERMANY, FRACTION = 0.0001).
SELECT
    ps_partkey,
    SUM(ps_supplycost * ps_availqty) AS val
FROM partsupp, supplier, nation
WHERE ps_suppkey = s_suppkey
    AND s_nationkey = n_nationkey
    AND n_name = 'GERMANY'
GROUP BY ps_partkey
HAVING SUM(ps_supplycost * ps_availqty) > (
    SELECT SUM(ps_supplycost * ps_availqty) * 0.0001
    FROM partsupp, supplier, nation
    WHERE ps_suppkey = s_suppkey
        AND s_nationkey = n_nationkey
        AND n_name = 'GERMANY')
ORDER BY val DESC, ps_partkey
