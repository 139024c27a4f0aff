package parser

import (
	"os"
	"testing"
)

// BenchmarkParseSeed000 parses the whole SQL script of seed 000.
func BenchmarkParseSeed000(b *testing.B) {
	src, err := os.ReadFile("testdata/seeds/000.sql")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(string(src)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLex measures the lexer alone on the same script.
func BenchmarkLex(b *testing.B) {
	src, err := os.ReadFile("testdata/seeds/000.sql")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lex(string(src)); err != nil {
			b.Fatal(err)
		}
	}
}
