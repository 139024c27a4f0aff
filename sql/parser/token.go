package parser

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
)

type tokenKind uint8

const (
	tokEOF           tokenKind = iota
	tokWord                    // identifier or keyword
	tokQuoted                  // `identifier`
	tokString                  // '...' or N'...'
	tokUnicodeString           // U&'...'
	tokBinary                  // X'...'
	tokNumber                  // 12, 1.5, 1e3
	tokParam                   // ?
	tokDollar                  // $1
	tokHint                    // /*+ ... */ (text is the body)
	tokOp                      // punctuation and operators
)

// token is one lexical token. text is a slice of the source: the whole
// literal for strings (with quotes), the body for hints, the word for words.
type token struct {
	kind    tokenKind
	numKind ast.NumberKind
	text    string
	kw      string // canonical upper-case spelling when the word is a known keyword
	off     int
	line    int
	col     int
}

func (t token) pos() ast.Pos { return ast.Pos{Offset: t.off, Line: t.line, Col: t.col} }

// is reports whether t is the keyword kw (upper case), in any case.
func (t token) is(kw string) bool {
	if t.kind != tokWord {
		return false
	}
	if t.kw != "" {
		return t.kw == kw
	}
	return strings.EqualFold(t.text, kw)
}

// isOp reports whether t is the operator or punctuation op.
func (t token) isOp(op string) bool { return t.kind == tokOp && t.text == op }

// describe renders the token for an error message.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokString, tokUnicodeString, tokBinary:
		s := t.text
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return s
	}
	return "'" + t.text + "'"
}

// keywords interns the upper-case spelling of every word the grammar tests
// for, so that keyword checks on hot paths are string comparisons of interned
// values. A word missing here still matches (token.is falls back to a
// case-insensitive comparison); the table only makes it cheaper.
var keywords = func() map[string]string {
	m := make(map[string]string)
	for _, w := range strings.Fields(keywordList) {
		m[w] = w
	}
	return m
}()

const keywordList = `
ABSENT ADD AFTER ALL ALTER AND ANY ARRAY AS ASC ASYMMETRIC BEGIN BETWEEN BIGINT
BINARY BOOLEAN BOTH BY BYTES CALL CASCADE CASE CAST CATALOG CATALOGS CEIL
CEILING CHANGELOG_MODE CHAR CHARACTER COLUMNS COMMENT CONDITIONAL CONSTRAINT
CONSTRAINTS CREATE CROSS CUBE CURRENT CURRENT_DATE CURRENT_TIME
CURRENT_TIMESTAMP DATABASE DATABASES DATE DAY DAYS DEC DECIMAL DEFAULT DELETE
DESC DESCRIBE DESCRIPTOR DISTINCT DOUBLE DROP ELSE EMPTY END ENFORCED ERROR
ESCAPE ESTIMATED_COST EXCEPT EXCLUDING EXECUTE EXISTS EXPLAIN EXTENDED EXTRACT
FALSE FETCH FILTER FIRST FLOAT FLOOR FOLLOWING FOR FROM FULL FUNCTION FUNCTIONS
GENERATED GROUP GROUPING HAVING HOUR HOURS IF ILIKE IN INCLUDING INNER INSERT
INT INTEGER INTERSECT INTERVAL INTO IS JAR JOBS JOIN JSON_ARRAY
JSON_EXECUTION_PLAN JSON_EXISTS JSON_OBJECT JSON_QUERY JSON_VALUE KEY LANGUAGE
LAST LATERAL LEADING LEFT LIKE LIMIT LOCAL LOCALTIME LOCALTIMESTAMP MAP
MATCH_RECOGNIZE METADATA MINUS MINUTE MINUTES MODIFY MODULES MONTH MONTHS
MULTISET NATURAL NEXT NOT NULL NULLS NUMERIC OF OFFSET ON ONLY OPTIONS OR
ORDER ORDINALITY OUTER OVER OVERLAY OVERWRITE OVERWRITING PARTITION
PARTITIONED PARTITIONS PLACING PLAN PLAN_ADVICE POSITION PRECEDING PRECISION
PRIMARY QUALIFY RANGE RAW RENAME REPLACE RESET RESTRICT RETURNING ROLLUP ROW
ROWS SECOND SECONDS SELECT SESSION SET SETS SHOW SIMILAR SMALLINT SOME
STATEMENT STRING SUBSTRING SYMMETRIC SYSTEM SYSTEM_TIME TABLE TABLES
TABLESAMPLE TEMPORARY THEN TIME TIMESTAMP TIMESTAMPADD TIMESTAMPDIFF
TIMESTAMP_LTZ TINYINT TO TRAILING TRIM TRUE TRUNCATE TRY_CAST UESCAPE
UNBOUNDED UNCONDITIONAL UNION UNIQUE UNKNOWN UNNEST UPDATE USE USER USING
VALUE VALUES VARBINARY VARCHAR VARIANT VARYING VIEW VIEWS VIRTUAL WATERMARK
WATERMARKS WEEK WHEN WHERE WINDOW WITH WITHOUT WRAPPER YEAR YEARS ZONE
RIGHT QUARTER MILLISECOND MICROSECOND NANOSECOND DOW DOY EPOCH ISODOW ISOYEAR
DECADE CENTURY MILLENNIUM`

// keywordOf returns the interned upper-case spelling of word if it is a
// known keyword, without allocating.
func keywordOf(word string) string {
	if len(word) > 32 {
		return ""
	}
	var buf [32]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 0x80 {
			return ""
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return keywords[string(buf[:len(word)])]
}

// isStringTok reports whether t is a character string literal ('...',
// N'...' or U&'...').
func isStringTok(t token) bool { return t.kind == tokString || t.kind == tokUnicodeString }
