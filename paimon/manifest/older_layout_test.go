package manifest

import "testing"

func TestOlderJavaLayout(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want bool
	}{
		{"current", FileMetaSchemaJSON, true},
		{"prefix", `{"type":"record","name":"record","fields":[{"name":"_VERSION","type":"int"},{"name":"_FILE_NAME","type":"string"}]}`, true},
		{"nullable top record", `["null",{"type":"record","name":"record","fields":[{"name":"_VERSION","type":"int"}]}]`, true},
		{"renamed field", `{"type":"record","name":"record","fields":[{"name":"_VERSION","type":"int"},{"name":"_NAME","type":"string"}]}`, false},
		{"retyped field", `{"type":"record","name":"record","fields":[{"name":"_VERSION","type":"long"}]}`, false},
		{"extra field", `{"type":"record","name":"record","fields":[{"name":"_VERSION","type":"int"},{"name":"_FILE_NAME","type":"string"},{"name":"_FILE_SIZE","type":"long"},{"name":"_NUM_ADDED_FILES","type":"long"},{"name":"_NUM_DELETED_FILES","type":"long"},{"name":"_X","type":"int"}]}`, false},
		{"empty record", `{"type":"record","name":"record","fields":[]}`, false},
	}
	for _, tc := range tests {
		got, err := OlderJavaLayout(tc.got, FileMetaSchemaJSON)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	if _, err := OlderJavaLayout("{", FileMetaSchemaJSON); err == nil {
		t.Error("malformed schema accepted")
	}
}
