// Package hashtab holds the vectorized hash table that joins and aggregations
// share: it maps distinct key tuples, given as columns of a batch, to dense
// ids 0, 1, 2, ... and keeps the keys themselves in columnar chunks, so that a
// whole batch is hashed, probed and inserted with a few loops over typed
// slices and no allocation per row.
package hashtab
