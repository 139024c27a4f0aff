package ast

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parserReserved holds the words the parser never takes as a bare
// identifier: each of them can follow an expression or a table reference, or
// start one, so reading it as a name would be ambiguous. Everything else
// (type, status, value, date, year, position, ...) works as a column name.
var parserReserved = wordSet(`
ALL AND ANY ARRAY AS ASYMMETRIC BETWEEN BY CASE CAST CROSS CURRENT_DATE
CURRENT_TIME CURRENT_TIMESTAMP DISTINCT ELSE END ESCAPE EXCEPT EXISTS FALSE
FETCH FOR FROM FULL GROUP HAVING IN INNER INTERSECT INTERVAL INTO IS JOIN
LATERAL LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP MAP MATCH_RECOGNIZE MINUS
NATURAL NOT NULL OFFSET ON OR ORDER OUTER OVER PARTITION QUALIFY RIGHT ROW
SELECT SET SIMILAR SOME SYMMETRIC TABLE TABLESAMPLE THEN TO TRUE TRY_CAST
UESCAPE UNION UNKNOWN UNNEST USING VALUES WHEN WHERE WINDOW WITH`)

// sqlReserved is Calcite's reserved-word list (which Flink uses). The printer
// backquotes these too, so that printed SQL also runs on Flink.
var sqlReserved = wordSet(`
ABS ALL ALLOCATE ALLOW ALTER AND ANY ARE ARRAY ARRAY_MAX_CARDINALITY AS
ASENSITIVE ASYMMETRIC AT ATOMIC AUTHORIZATION AVG BEGIN BEGIN_FRAME
BEGIN_PARTITION BETWEEN BIGINT BINARY BIT BLOB BOOLEAN BOTH BY CALL CALLED
CARDINALITY CASCADED CASE CAST CEIL CEILING CHAR CHARACTER CHARACTER_LENGTH
CHAR_LENGTH CHECK CLASSIFIER CLOB CLOSE COALESCE COLLATE COLLECT COLUMN COMMIT
CONDITION CONNECT CONSTRAINT CONTAINS CONVERT CORR CORRESPONDING COUNT
COVAR_POP COVAR_SAMP CREATE CROSS CUBE CUME_DIST CURRENT CURRENT_CATALOG
CURRENT_DATE CURRENT_DEFAULT_TRANSFORM_GROUP CURRENT_PATH CURRENT_ROLE
CURRENT_ROW CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP
CURRENT_TRANSFORM_GROUP_FOR_TYPE CURRENT_USER CURSOR CYCLE DATE DAY DEALLOCATE
DEC DECIMAL DECLARE DEFAULT DEFINE DELETE DENSE_RANK DEREF DESCRIBE
DETERMINISTIC DISALLOW DISCONNECT DISTINCT DOUBLE DROP DYNAMIC EACH ELEMENT
ELSE EMPTY END END_FRAME END_PARTITION EQUALS ESCAPE EVERY EXCEPT EXEC EXECUTE
EXISTS EXP EXPLAIN EXTEND EXTERNAL EXTRACT FALSE FETCH FILTER FIRST_VALUE FLOAT
FLOOR FOR FOREIGN FRAME_ROW FREE FROM FULL FUNCTION FUSION GET GLOBAL GRANT
GROUP GROUPING GROUPS HAVING HOLD HOUR IDENTITY IMPORT IN INDICATOR INITIAL
INNER INOUT INSENSITIVE INSERT INT INTEGER INTERSECT INTERSECTION INTERVAL INTO
IS JOIN JSON_ARRAY JSON_ARRAYAGG JSON_EXISTS JSON_OBJECT JSON_OBJECTAGG
JSON_QUERY JSON_VALUE LAG LANGUAGE LARGE LAST_VALUE LATERAL LEAD LEADING LEFT
LIKE LIKE_REGEX LIMIT LN LOCAL LOCALTIME LOCALTIMESTAMP LOWER MAP MATCH MATCHES
MATCH_NUMBER MATCH_RECOGNIZE MAX MEASURES MEMBER MERGE METHOD MIN MINUS MINUTE
MOD MODIFIES MODULE MONTH MULTISET NATIONAL NATURAL NCHAR NCLOB NEW NEXT NO
NONE NORMALIZE NOT NTH_VALUE NTILE NULL NULLIF NUMERIC OCCURRENCES_REGEX
OCTET_LENGTH OF OFFSET OLD OMIT ON ONE ONLY OPEN OR ORDER OUT OUTER OVER
OVERLAPS OVERLAY PARAMETER PARTITION PATTERN PER PERCENT PERCENTILE_CONT
PERCENTILE_DISC PERCENT_RANK PERIOD PERMUTE PORTION POSITION POSITION_REGEX
POWER PRECEDES PRECISION PREPARE PREV PRIMARY PROCEDURE QUALIFY RANGE RANK
READS REAL RECURSIVE REF REFERENCES REFERENCING REGR_AVGX REGR_AVGY REGR_COUNT
REGR_INTERCEPT REGR_R2 REGR_SLOPE REGR_SXX REGR_SXY REGR_SYY RELEASE RESET
RESULT RETURN RETURNS REVOKE RIGHT ROLLBACK ROLLUP ROW ROWS ROW_NUMBER RUNNING
SAVEPOINT SCOPE SCROLL SEARCH SECOND SEEK SELECT SENSITIVE SESSION_USER SET
SHOW SIMILAR SKIP SMALLINT SOME SPECIFIC SPECIFICTYPE SQL SQLEXCEPTION SQLSTATE
SQLWARNING SQRT START STATIC STDDEV_POP STDDEV_SAMP STREAM SUBMULTISET SUBSET
SUBSTRING SUBSTRING_REGEX SUCCEEDS SUM SYMMETRIC SYSTEM SYSTEM_TIME SYSTEM_USER
TABLE TABLESAMPLE THEN TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TINYINT TO
TRAILING TRANSLATE TRANSLATE_REGEX TRANSLATION TREAT TRIGGER TRIM TRIM_ARRAY
TRUE TRUNCATE TRY_CAST UESCAPE UNION UNIQUE UNKNOWN UNNEST UPDATE UPPER UPSERT
USER USING VALUE VALUES VALUE_OF VARBINARY VARCHAR VARYING VAR_POP VAR_SAMP
VERSIONING WHEN WHENEVER WHERE WIDTH_BUCKET WINDOW WITH WITHIN WITHOUT YEAR`)

func wordSet(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// IsReserved reports whether word (in any case) is reserved in Weir's parser,
// that is, whether it must be backquoted to be used as an identifier.
func IsReserved(word string) bool {
	var buf [32]byte
	u, ok := upperASCII(word, buf[:])
	return ok && parserReserved[u]
}

// upperASCII upper-cases an ASCII word into buf without allocating when the
// result is only used as a map key. ok is false for words that are too long or
// not ASCII (none of which is a keyword).
func upperASCII(word string, buf []byte) (string, bool) {
	if len(word) > len(buf) {
		return "", false
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return string(buf[:len(word)]), true
}

// QuoteIdent renders an identifier for SQL text: bare when it is a simple word
// ([A-Za-z_] then [A-Za-z0-9_$]) that is not reserved in Weir or in Flink,
// otherwise in backquotes with embedded backquotes doubled.
func QuoteIdent(name string) string {
	if !needsQuote(name) {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

func needsQuote(name string) bool {
	if name == "" {
		return true
	}
	for i, r := range name {
		switch {
		case r == '_' || r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'):
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
		case i > 0 && (r == '$' || '0' <= r && r <= '9'):
		default:
			return true
		}
	}
	var buf [32]byte
	u, ok := upperASCII(name, buf[:])
	return ok && (parserReserved[u] || sqlReserved[u])
}

// QuoteString renders s as a SQL string literal: in single quotes with quotes
// doubled, or as a Unicode literal U&'...' with \XXXX escapes when s holds
// control characters (which a plain literal cannot show unambiguously).
func QuoteString(s string) string {
	plain := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	var b strings.Builder
	b.WriteString("U&'")
	for _, r := range s {
		switch {
		case r == '\'':
			b.WriteString("''")
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\`)
			const hex = "0123456789ABCDEF"
			b.WriteByte('0')
			b.WriteByte('0')
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString("'")
	return b.String()
}
