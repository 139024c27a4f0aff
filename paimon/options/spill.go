package options

// WriteBufferSpillable returns write-buffer-spillable; set is false when the
// table does not set it (Java then spills when the table is on an object
// store or the write is a batch write).
func (o Options) WriteBufferSpillable() (spill, set bool) {
	if _, ok := o.m["write-buffer-spillable"]; !ok {
		return false, false
	}
	return o.bool("write-buffer-spillable"), true
}

// WriteBufferSpillMaxDiskSize returns write-buffer-spill.max-disk-size in bytes.
func (o Options) WriteBufferSpillMaxDiskSize() int64 {
	n, _ := o.memory("write-buffer-spill.max-disk-size")
	return n
}

// LocalSortMaxNumFileHandles returns local-sort.max-num-file-handles.
func (o Options) LocalSortMaxNumFileHandles() int { return o.int("local-sort.max-num-file-handles") }

// SpillCompression returns spill-compression.
func (o Options) SpillCompression() string { return o.str("spill-compression") }
