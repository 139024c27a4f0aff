-- Air house bills per day in the first quarter of 2024 (timestamp range, RTRIM of the padded key).
SELECT CAST(createopdate AS DATE) AS d, COUNT(DISTINCT RTRIM(hblindex)) AS hawbs, SUM(amount_income) AS income
FROM ods_airsea_airfreight_orderhawb
WHERE createopdate >= TIMESTAMP '2024-01-01 00:00:00' AND createopdate < TIMESTAMP '2024-04-01 00:00:00'
GROUP BY CAST(createopdate AS DATE)
