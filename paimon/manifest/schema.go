package manifest

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// _VERSION values written as the first field of every row.
const (
	entryVersion      = 2 // ManifestEntrySerializer
	fileMetaVersion   = 2 // ManifestFileMetaSerializer
	indexEntryVersion = 1 // IndexManifestEntrySerializer
)

// The writer schemas, exactly as Java Paimon serializes them into the
// avro.schema container metadata (compact JSON, inline records, no named
// references). They were dumped from Java-written fixture files.

// EntrySchemaJSON is the manifest (ManifestEntry) schema of Paimon 1.3: the
// DataFileMeta field list up to _WRITE_COLS (fixture
// parquet/pk_table_partial_update.db, byte for byte). Paimon 1.1/1.2 write
// the same schema without the trailing _FIRST_ROW_ID and _WRITE_COLS fields;
// Java readers match fields by name and skip unknown ones, so 1.1+ readers
// accept it.
const EntrySchemaJSON = `{"type":"record","name":"record","namespace":"org.apache.paimon.avro.generated","fields":[{"name":"_VERSION","type":"int"},{"name":"_KIND","type":"int"},{"name":"_PARTITION","type":"bytes"},{"name":"_BUCKET","type":"int"},{"name":"_TOTAL_BUCKETS","type":"int"},{"name":"_FILE","type":{"type":"record","name":"record__FILE","fields":[{"name":"_FILE_NAME","type":"string"},{"name":"_FILE_SIZE","type":"long"},{"name":"_ROW_COUNT","type":"long"},{"name":"_MIN_KEY","type":"bytes"},{"name":"_MAX_KEY","type":"bytes"},{"name":"_KEY_STATS","type":{"type":"record","name":"record__FILE__KEY_STATS","fields":[{"name":"_MIN_VALUES","type":"bytes"},{"name":"_MAX_VALUES","type":"bytes"},{"name":"_NULL_COUNTS","type":["null",{"type":"array","items":["null","long"]}],"default":null}]}},{"name":"_VALUE_STATS","type":{"type":"record","name":"record__FILE__VALUE_STATS","fields":[{"name":"_MIN_VALUES","type":"bytes"},{"name":"_MAX_VALUES","type":"bytes"},{"name":"_NULL_COUNTS","type":["null",{"type":"array","items":["null","long"]}],"default":null}]}},{"name":"_MIN_SEQUENCE_NUMBER","type":"long"},{"name":"_MAX_SEQUENCE_NUMBER","type":"long"},{"name":"_SCHEMA_ID","type":"long"},{"name":"_LEVEL","type":"int"},{"name":"_EXTRA_FILES","type":{"type":"array","items":"string"}},{"name":"_CREATION_TIME","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},{"name":"_DELETE_ROW_COUNT","type":["null","long"],"default":null},{"name":"_EMBEDDED_FILE_INDEX","type":["null","bytes"],"default":null},{"name":"_FILE_SOURCE","type":["null","int"],"default":null},{"name":"_VALUE_STATS_COLS","type":["null",{"type":"array","items":"string"}],"default":null},{"name":"_EXTERNAL_PATH","type":["null","string"],"default":null},{"name":"_FIRST_ROW_ID","type":["null","long"],"default":null},{"name":"_WRITE_COLS","type":["null",{"type":"array","items":"string"}],"default":null}]}}]}`

// FileMetaSchemaJSON is the manifest-list (ManifestFileMeta) schema of Paimon
// 1.1–1.3 (fixture avro/manifest/avro_manifest_list_11, byte for byte).
const FileMetaSchemaJSON = `{"type":"record","name":"record","namespace":"org.apache.paimon.avro.generated","fields":[{"name":"_VERSION","type":"int"},{"name":"_FILE_NAME","type":"string"},{"name":"_FILE_SIZE","type":"long"},{"name":"_NUM_ADDED_FILES","type":"long"},{"name":"_NUM_DELETED_FILES","type":"long"},{"name":"_PARTITION_STATS","type":{"type":"record","name":"record__PARTITION_STATS","fields":[{"name":"_MIN_VALUES","type":"bytes"},{"name":"_MAX_VALUES","type":"bytes"},{"name":"_NULL_COUNTS","type":["null",{"type":"array","items":["null","long"]}],"default":null}]}},{"name":"_SCHEMA_ID","type":"long"},{"name":"_MIN_BUCKET","type":["null","int"],"default":null},{"name":"_MAX_BUCKET","type":["null","int"],"default":null},{"name":"_MIN_LEVEL","type":["null","int"],"default":null},{"name":"_MAX_LEVEL","type":["null","int"],"default":null}]}`

// FileMetaRowIDSchemaJSON is the Paimon 1.4 manifest-list schema:
// FileMetaSchemaJSON plus _MIN_ROW_ID and _MAX_ROW_ID. EncodeFileMetas uses
// it only when a FileMeta carries row ids.
const FileMetaRowIDSchemaJSON = `{"type":"record","name":"record","namespace":"org.apache.paimon.avro.generated","fields":[{"name":"_VERSION","type":"int"},{"name":"_FILE_NAME","type":"string"},{"name":"_FILE_SIZE","type":"long"},{"name":"_NUM_ADDED_FILES","type":"long"},{"name":"_NUM_DELETED_FILES","type":"long"},{"name":"_PARTITION_STATS","type":{"type":"record","name":"record__PARTITION_STATS","fields":[{"name":"_MIN_VALUES","type":"bytes"},{"name":"_MAX_VALUES","type":"bytes"},{"name":"_NULL_COUNTS","type":["null",{"type":"array","items":["null","long"]}],"default":null}]}},{"name":"_SCHEMA_ID","type":"long"},{"name":"_MIN_BUCKET","type":["null","int"],"default":null},{"name":"_MAX_BUCKET","type":["null","int"],"default":null},{"name":"_MIN_LEVEL","type":["null","int"],"default":null},{"name":"_MAX_LEVEL","type":["null","int"],"default":null},{"name":"_MIN_ROW_ID","type":["null","long"],"default":null},{"name":"_MAX_ROW_ID","type":["null","long"],"default":null}]}`

// IndexEntrySchemaJSON is the index-manifest (IndexManifestEntry) schema of
// Paimon 1.3: the 1.0–1.2 schema (fixture
// parquet/pk_table_with_alter_table.db, with _CARDINALITY) plus the nullable
// _EXTERNAL_PATH added in 1.3.
const IndexEntrySchemaJSON = `{"type":"record","name":"record","namespace":"org.apache.paimon.avro.generated","fields":[{"name":"_VERSION","type":"int"},{"name":"_KIND","type":"int"},{"name":"_PARTITION","type":"bytes"},{"name":"_BUCKET","type":"int"},{"name":"_INDEX_TYPE","type":"string"},{"name":"_FILE_NAME","type":"string"},{"name":"_FILE_SIZE","type":"long"},{"name":"_ROW_COUNT","type":"long"},{"name":"_DELETIONS_VECTORS_RANGES","type":["null",{"type":"array","items":["null",{"type":"record","name":"record__DELETIONS_VECTORS_RANGES","fields":[{"name":"f0","type":"string"},{"name":"f1","type":"int"},{"name":"f2","type":"int"},{"name":"_CARDINALITY","type":["null","long"],"default":null}]}]}],"default":null},{"name":"_EXTERNAL_PATH","type":["null","string"],"default":null}]}`

// ReadSchema returns the writer schema JSON embedded in an Avro manifest
// file (its avro.schema container metadata), for format self-checks.
func ReadSchema(data []byte) (string, error) {
	c, err := readContainer(data)
	if err != nil {
		return "", err
	}
	return c.schema, nil
}

// SchemasEqual reports whether two Avro schema JSON documents are
// semantically equal: same JSON values, ignoring whitespace and the order of
// object keys (field order and union branch order still matter).
func SchemasEqual(a, b string) (bool, error) {
	var va, vb any
	if err := json.Unmarshal([]byte(a), &va); err != nil {
		return false, fmt.Errorf("parsing first schema: %w", err)
	}
	if err := json.Unmarshal([]byte(b), &vb); err != nil {
		return false, fmt.Errorf("parsing second schema: %w", err)
	}
	return reflect.DeepEqual(va, vb), nil
}

// OlderJavaLayout reports whether the writer schema got is one that an older
// Java Paimon wrote for the same kind of file as current: the ≤ 0.9 layout with
// nullable unions around records, or a field list that is a prefix of today's
// (Paimon only ever appended fields: 0.5 → 0.8 → 0.9 → 1.0 → 1.3), with the
// same field names and types. Record names are not compared.
func OlderJavaLayout(got, current string) (bool, error) {
	var g, c any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		return false, fmt.Errorf("parsing writer schema: %w", err)
	}
	if err := json.Unmarshal([]byte(current), &c); err != nil {
		return false, fmt.Errorf("parsing Java schema: %w", err)
	}
	return layoutPrefix(g, c), nil
}

// unwrapNullable returns T of a ["null", T] union.
func unwrapNullable(x any) any {
	if arr, ok := x.([]any); ok && len(arr) == 2 && arr[0] == "null" {
		return arr[1]
	}
	return x
}

func layoutPrefix(got, cur any) bool {
	got, cur = unwrapNullable(got), unwrapNullable(cur)
	switch g := got.(type) {
	case string:
		c, ok := cur.(string)
		return ok && c == g
	case map[string]any:
		c, ok := cur.(map[string]any)
		if !ok || g["type"] != c["type"] || g["logicalType"] != c["logicalType"] {
			return false
		}
		switch g["type"] {
		case "record":
			gf, _ := g["fields"].([]any)
			cf, _ := c["fields"].([]any)
			if len(gf) == 0 || len(gf) > len(cf) {
				return false
			}
			for i := range gf {
				gm, ok1 := gf[i].(map[string]any)
				cm, ok2 := cf[i].(map[string]any)
				if !ok1 || !ok2 || gm["name"] != cm["name"] || !layoutPrefix(gm["type"], cm["type"]) {
					return false
				}
			}
			return true
		case "array":
			return layoutPrefix(g["items"], c["items"])
		case "map":
			return layoutPrefix(g["values"], c["values"])
		}
		return true
	}
	return false
}
