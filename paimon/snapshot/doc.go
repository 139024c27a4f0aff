// Package snapshot reads and writes Paimon snapshot files (snapshot/snapshot-N)
// and their LATEST/EARLIEST hint files, and implements the snapshot side of the
// commit protocol: exclusive creation of the next snapshot file, the hint rules
// for finding the latest and earliest snapshot, time travel by timestamp, and
// the exactly-once checks that look for a commit user's earlier commits.
//
// Compatibility choices for writing (Marshal): the file is version 3 in Java's
// member order and Jackson pretty style. Optional members that are absent are
// omitted, as Paimon ≥ 1.4 does, with two exceptions that keep the 0.9–1.3
// layout, which every Java reader from 0.8 on accepts (Java ≥ 0.8 ignores
// unknown members and reads missing ones as null): "changelogManifestList" is
// written as an explicit null when there is no changelog, and "logOffsets" is
// written (as `{ }` when empty), because Java releases before 1.4 read the
// log offsets map of the previous snapshot while committing. As a result the
// Java-written snapshots of 0.9–1.3 re-marshal byte for byte.
package snapshot
