// Package manifest reads and writes Apache Paimon manifest files: manifest
// lists (ManifestFileMeta rows, files named manifest-list-*), manifests
// (ManifestEntry rows wrapping a DataFileMeta, files named manifest-*) and
// index manifests (IndexManifestEntry rows, files named index-manifest-*).
// See docs/paimon-format.md section 4.
//
// All three are Avro object-container files. Readers decode generically from
// the writer schema embedded in each file and match fields by name, the way
// Java Paimon does, so they accept:
//
//   - the ≤0.9 layout (top-level ["null", record] union, nullable nested
//     records) and the ≥1.0 layout (plain records);
//   - every prefix of the DataFileMeta field list from Paimon 0.5 to 1.3
//     (missing fields read as zero values / nil) and unknown extra fields
//     (skipped);
//   - the codecs null, deflate, snappy and zstandard.
//
// Writers emit the layout Java Paimon 1.3 writes: a plain top-level record
// named "record" in namespace "org.apache.paimon.avro.generated", _VERSION
// first, nested records named after their path (record__FILE,
// record__FILE__KEY_STATS, ...), nullable fields as ["null", T] with default
// null, inline schemas without named-type references, codec zstandard. The
// schema strings are EntrySchemaJSON, FileMetaSchemaJSON and
// IndexEntrySchemaJSON.
//
// BinaryRow values (partitions, keys, statistics) are kept as the raw
// serialized bytes (4-byte big-endian arity prefix + row); this package never
// decodes them.
//
// The object-container framing (ocf.go) is hand-written; only schema
// parsing uses github.com/hamba/avro/v2. Switching to
// github.com/hamba/avro/v2/ocf (v2.31.0) was evaluated and rejected:
//
//   - Corrupt input can kill the process. ocf.Decoder's readBlock does
//     make([]byte, size) with the block size read from the file before
//     reading any block bytes, so a 124-byte file whose first block claims
//     2^36 bytes ends in "fatal error: runtime: out of memory", which
//     recover cannot catch; a negative size panics (makeslice). Guarding
//     against that means parsing the header and every block header first,
//     i.e. keeping a container parser anyway. ocf.go checks each size
//     against the bytes left and bounds decompressed blocks (maxBlockSize).
//   - The decoder exposes records only through its own typed decoding
//     (Decoder.Decode), never the decompressed block bytes, so the generic
//     decoding in generic.go (field matching by name across the 0.9 and
//     ≥1.0 layouts, nesting and item-count limits, record-count and
//     trailing-byte checks per block) cannot run on its records.
//
// Writing through ocf.Encoder would work (raw records via Encoder.Write,
// codec zstandard, the schema constants via WithSchemaMarshaler), but a
// reader is needed regardless, and the writer is a few lines on top of it.
//
// ORC and Parquet manifests (manifest.format=orc/parquet, Paimon ≤2.0) are
// detected by their magic bytes and rejected with a *FormatError.
package manifest
