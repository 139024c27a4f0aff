CREATE VIEW view_01 AS
SELECT id,
f1,
f2,
MAX(f3) AS f3,
f4,
f5,
MAX(f6) AS f6,
MAX(f7) AS f7,
LAST_VALUE(f8, f5) AS f8
FROM source_table
GROUP BY
id,
f1,
f2,
f4,
f5;

INSERT INTO sink_table
SELECT id,
f1,
SUM(f3) AS f3,
CAST(f2 AS BIGINT) AS f2,
MAX(f4) AS f4,
MAX(f5) AS f5,
MAX(f6) AS f6,
MAX(f7) AS f7,
LAST_VALUE(f8, f5) AS f8
FROM view_01
GROUP BY
id,
f1,
f2;

--分钟指标流关联维度
SELECT
AA.id,
BB.f1 as bb_f1,
CC.f1 as cc_f1
FROM source_table AA
LEFT JOIN
paimon.db_name.dim_table01 /*+ OPTIONS('lookup.async'='true', 'lookup.async-thread-number'='8') */
FOR SYSTEM_TIME AS OF proctime AS BB
ON AA.id = BB.id
LEFT JOIN
paimon.db_name.dim_table02 /*+ OPTIONS('lookup.async'='true', 'lookup.async-thread-number'='8') */
FOR SYSTEM_TIME AS OF proctime AS CC
ON AA.id = CC.id;

--分钟指标上卷
INSERT INTO sink_table
SELECT id,
f1,
SUM(f3) AS f3,
f2,
MAX(f4) AS f4,
MAX(f5) AS f5,
MAX(f6) AS f6,
MAX(f7) AS f7,
LAST_VALUE(f8, f7) AS f8
FROM paimon.db_name.table_name
GROUP BY
id,
f1,
f2;

CREATE TABLE t (
trace_id BIGINT,
f1 STRING,
f2 STRING,
g_1 BIGINT,
f3 STRING,
f4 STRING,
g_2 BIGINT,
PRIMARY KEY (trace_id) NOT ENFORCED
) WITH (
'merge-engine'='partial-update',
'fields.g_1.sequence-group'='f1,f2', -- f1,f2字段根据 g_1 排序
'fields.g_2.sequence-group'='f3,f4' -- f3,f4字段根据 g_2 排序
);
