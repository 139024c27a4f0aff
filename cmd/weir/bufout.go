package main

import (
	"bufio"
	"io"
)

// newBufferedOut buffers command output (large scans print many lines).
func newBufferedOut(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, 64<<10) }
