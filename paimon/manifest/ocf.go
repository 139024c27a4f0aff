package manifest

import (
	"bytes"
	"compress/flate"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sync"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
)

// Avro object-container-file constants.
const (
	ocfMagic      = "Obj\x01"
	ocfSyncSize   = 16
	metaSchemaKey = "avro.schema"
	metaCodecKey  = "avro.codec"

	// codecZstandard is the codec Java Paimon ≥0.9 writes (manifest.compression=zstd).
	codecZstandard = "zstandard"

	// maxBlockSize bounds the decompressed size of one container block; Java
	// writes blocks of about 64 KB, so this only stops decompression bombs.
	maxBlockSize = 256 << 20

	// javaSyncInterval is Java's DataFileWriter default sync interval: a block
	// is flushed once its uncompressed records reach this many bytes.
	javaSyncInterval = 64000
)

// container is a parsed Avro object-container file.
type container struct {
	schema string
	codec  string
	blocks []block
}

// block is one decompressed data block.
type block struct {
	count int64
	data  []byte
}

var (
	zstdDecoder = sync.OnceValues(func() (*zstd.Decoder, error) {
		return zstd.NewReader(nil,
			zstd.WithDecoderConcurrency(0),
			zstd.WithDecoderMaxMemory(maxBlockSize))
	})
	zstdEncoder = sync.OnceValues(func() (*zstd.Encoder, error) {
		// Level 1 (SpeedFastest) and no frame checksum, like zstd-jni as
		// configured by Java Avro for file.compression.zstd-level=1.
		return zstd.NewWriter(nil,
			zstd.WithEncoderLevel(zstd.SpeedFastest),
			zstd.WithEncoderCRC(false),
			zstd.WithEncoderConcurrency(1))
	})
)

// readContainer parses an Avro object-container file and decompresses its blocks.
func readContainer(data []byte) (*container, error) {
	if err := detectForeignFormat(data); err != nil {
		return nil, err
	}
	if len(data) < len(ocfMagic) || string(data[:len(ocfMagic)]) != ocfMagic {
		return nil, errors.New("not an Avro object container file (bad magic)")
	}
	r := &binReader{buf: data, pos: len(ocfMagic)}
	meta := map[string][]byte{}
	for {
		n, err := r.blockCount()
		if err != nil {
			return nil, fmt.Errorf("reading container metadata: %w", err)
		}
		if n == 0 {
			break
		}
		if n > int64(r.remaining()) {
			return nil, fmt.Errorf("reading container metadata: %d entries exceed the file", n)
		}
		for range n {
			k, err := r.string()
			if err != nil {
				return nil, fmt.Errorf("reading container metadata key: %w", err)
			}
			v, err := r.bytes()
			if err != nil {
				return nil, fmt.Errorf("reading container metadata %q: %w", k, err)
			}
			meta[k] = v
		}
	}
	sync, err := r.fixed(ocfSyncSize)
	if err != nil {
		return nil, fmt.Errorf("reading container sync marker: %w", err)
	}
	c := &container{schema: string(meta[metaSchemaKey]), codec: string(meta[metaCodecKey])}
	if c.schema == "" {
		return nil, errors.New("container has no avro.schema metadata")
	}
	if c.codec == "" {
		c.codec = "null"
	}
	for r.remaining() > 0 {
		idx := len(c.blocks)
		count, err := r.long()
		if err != nil {
			return nil, fmt.Errorf("block %d: reading record count: %w", idx, err)
		}
		size, err := r.long()
		if err != nil {
			return nil, fmt.Errorf("block %d: reading size: %w", idx, err)
		}
		if count < 0 || size < 0 || size > int64(r.remaining()) {
			return nil, fmt.Errorf("block %d: invalid header (count %d, size %d, %d bytes left)", idx, count, size, r.remaining())
		}
		raw, _ := r.fixed(int(size))
		marker, err := r.fixed(ocfSyncSize)
		if err != nil {
			return nil, fmt.Errorf("block %d: reading sync marker: %w", idx, err)
		}
		if !bytes.Equal(marker, sync) {
			return nil, fmt.Errorf("block %d: sync marker mismatch", idx)
		}
		plain, err := decompress(c.codec, raw)
		if err != nil {
			return nil, fmt.Errorf("block %d: %s codec: %w", idx, c.codec, err)
		}
		c.blocks = append(c.blocks, block{count: count, data: plain})
	}
	return c, nil
}

func decompress(codec string, raw []byte) ([]byte, error) {
	switch codec {
	case "null":
		return raw, nil
	case "deflate":
		fr := flate.NewReader(bytes.NewReader(raw))
		defer fr.Close()
		out, err := io.ReadAll(io.LimitReader(fr, maxBlockSize+1))
		if err != nil {
			return nil, err
		}
		if len(out) > maxBlockSize {
			return nil, errors.New("decompressed block too large")
		}
		return out, nil
	case "snappy":
		// Avro snappy: raw snappy block + big-endian CRC32 of the uncompressed data.
		if len(raw) < 4 {
			return nil, errors.New("block shorter than its checksum")
		}
		body, sum := raw[:len(raw)-4], binary.BigEndian.Uint32(raw[len(raw)-4:])
		n, err := s2.DecodedLen(body)
		if err != nil {
			return nil, err
		}
		if n > maxBlockSize {
			return nil, errors.New("decompressed block too large")
		}
		out, err := s2.Decode(nil, body)
		if err != nil {
			return nil, err
		}
		if crc32.ChecksumIEEE(out) != sum {
			return nil, errors.New("checksum mismatch")
		}
		return out, nil
	case codecZstandard:
		dec, err := zstdDecoder()
		if err != nil {
			return nil, err
		}
		return dec.DecodeAll(raw, nil)
	default:
		return nil, errors.New("unsupported codec")
	}
}

// writeContainer writes an Avro object-container file the way Java's
// DataFileWriter does: metadata avro.schema then avro.codec, a random sync
// marker, and blocks of about javaSyncInterval uncompressed bytes compressed
// with codec (Paimon writes zstandard). records holds the binary encoding of
// each record.
func writeContainer(schema, codec string, records [][]byte) ([]byte, error) {
	var marker [ocfSyncSize]byte
	if _, err := rand.Read(marker[:]); err != nil {
		return nil, fmt.Errorf("generating sync marker: %w", err)
	}
	w := &binWriter{buf: append([]byte(nil), ocfMagic...)}
	w.long(2)
	w.string(metaSchemaKey)
	w.bytes([]byte(schema))
	w.string(metaCodecKey)
	w.bytes([]byte(codec))
	w.long(0)
	w.buf = append(w.buf, marker[:]...)

	var pending []byte
	var count int64
	flush := func() error {
		if count == 0 {
			return nil
		}
		compressed, err := compress(codec, pending)
		if err != nil {
			return err
		}
		w.long(count)
		w.long(int64(len(compressed)))
		w.buf = append(w.buf, compressed...)
		w.buf = append(w.buf, marker[:]...)
		pending, count = pending[:0], 0
		return nil
	}
	for _, rec := range records {
		pending = append(pending, rec...)
		count++
		if len(pending) >= javaSyncInterval {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return w.buf, nil
}

// compress compresses one block with an Avro codec.
func compress(codec string, plain []byte) ([]byte, error) {
	switch codec {
	case "null":
		return plain, nil
	case "deflate":
		var buf bytes.Buffer
		fw, err := flate.NewWriter(&buf, flate.DefaultCompression)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(plain); err != nil {
			return nil, err
		}
		if err := fw.Close(); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	case "snappy":
		out := s2.EncodeSnappy(nil, plain)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(plain)), nil
	case codecZstandard:
		enc, err := zstdEncoder()
		if err != nil {
			return nil, fmt.Errorf("creating zstd encoder: %w", err)
		}
		return enc.EncodeAll(plain, nil), nil
	}
	return nil, fmt.Errorf("unsupported codec %q", codec)
}
