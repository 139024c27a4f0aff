package snapshot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/weir-data/weir/fileio"
)

const (
	snapshotPrefix = "snapshot-"
	latestHint     = "LATEST"
	earliestHint   = "EARLIEST"
)

// ErrStop may be returned by an Iterate callback to end the iteration early
// without an error.
var ErrStop = errors.New("stop iteration")

// Manager reads and commits the snapshots of one table.
type Manager struct {
	fs    fileio.FileIO
	table string
}

// NewManager returns a Manager for the table at tablePath (relative to fs's root).
func NewManager(fs fileio.FileIO, tablePath string) *Manager {
	return &Manager{fs: fs, table: strings.TrimSuffix(tablePath, "/")}
}

// Dir returns the snapshot directory.
func (m *Manager) Dir() string { return path.Join(m.table, "snapshot") }

// Path returns the path of snapshot-id.
func (m *Manager) Path(id int64) string {
	return path.Join(m.Dir(), snapshotPrefix+strconv.FormatInt(id, 10))
}

// Read reads snapshot-id. A missing, empty, truncated or otherwise corrupt
// file gives an error naming the file and what is wrong; a missing file's
// error wraps fileio.ErrNotExist.
func (m *Manager) Read(ctx context.Context, id int64) (*Snapshot, error) {
	p := m.Path(id)
	data, err := m.fs.ReadFile(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("read snapshot file %s: %w", p, err)
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("snapshot file %s: %w", p, err)
	}
	if s.ID != id {
		return nil, fmt.Errorf("snapshot file %s holds snapshot id %d", p, s.ID)
	}
	return s, nil
}

// Exists reports whether snapshot-id exists.
func (m *Manager) Exists(ctx context.Context, id int64) (bool, error) {
	ok, err := m.fs.Exists(ctx, m.Path(id))
	if err != nil {
		return false, fmt.Errorf("stat %s: %w", m.Path(id), err)
	}
	return ok, nil
}

// IDs lists the ids of the existing snapshot files in ascending order.
func (m *Manager) IDs(ctx context.Context) ([]int64, error) {
	infos, err := m.fs.List(ctx, m.Dir())
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", m.Dir(), err)
	}
	var ids []int64
	for _, fi := range infos {
		if fi.IsDir || !strings.HasPrefix(fi.Name, snapshotPrefix) {
			continue
		}
		id, err := strconv.ParseInt(fi.Name[len(snapshotPrefix):], 10, 64)
		if err != nil || id <= 0 {
			continue // temporary or foreign file
		}
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, nil
}

// readHint reads a hint file; ok is false when it is missing or unreadable
// (hints are advisory, so a bad hint falls back to listing).
func (m *Manager) readHint(ctx context.Context, name string) (int64, bool) {
	data, err := m.fs.ReadFile(ctx, path.Join(m.Dir(), name))
	if err != nil {
		return 0, false
	}
	id, err := strconv.ParseInt(string(bytes.TrimSpace(data)), 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// LatestID returns the id of the latest snapshot; ok is false when the table
// has none. The LATEST hint is trusted when snapshot-(hint+1) does not exist;
// otherwise (stale or missing hint) the directory is listed.
func (m *Manager) LatestID(ctx context.Context) (id int64, ok bool, err error) {
	if h, hok := m.readHint(ctx, latestHint); hok {
		next, err := m.Exists(ctx, h+1)
		if err != nil {
			return 0, false, err
		}
		if !next {
			return h, true, nil
		}
	}
	ids, err := m.IDs(ctx)
	if err != nil || len(ids) == 0 {
		return 0, false, err
	}
	return ids[len(ids)-1], true, nil
}

// EarliestID returns the id of the earliest snapshot; ok is false when the
// table has none. The EARLIEST hint is trusted when that snapshot exists;
// otherwise the directory is listed.
func (m *Manager) EarliestID(ctx context.Context) (id int64, ok bool, err error) {
	if h, hok := m.readHint(ctx, earliestHint); hok {
		exists, err := m.Exists(ctx, h)
		if err != nil {
			return 0, false, err
		}
		if exists {
			return h, true, nil
		}
	}
	ids, err := m.IDs(ctx)
	if err != nil || len(ids) == 0 {
		return 0, false, err
	}
	return ids[0], true, nil
}

// Latest reads the latest snapshot; nil, nil when the table has none.
func (m *Manager) Latest(ctx context.Context) (*Snapshot, error) {
	id, ok, err := m.LatestID(ctx)
	if err != nil || !ok {
		return nil, err
	}
	return m.Read(ctx, id)
}

// Earliest reads the earliest snapshot; nil, nil when the table has none.
func (m *Manager) Earliest(ctx context.Context) (*Snapshot, error) {
	id, ok, err := m.EarliestID(ctx)
	if err != nil || !ok {
		return nil, err
	}
	return m.Read(ctx, id)
}

// TryCommit creates snapshot/snapshot-<s.ID> if it does not exist, in one
// atomic step, and then rewrites the LATEST hint (errors writing the hint are
// ignored: hints are advisory and readers verify them). It returns false, nil
// when another committer took the id — unless the existing file has exactly
// the bytes this commit would write, which Java also counts as success (a
// retried commit whose first attempt did land).
func (m *Manager) TryCommit(ctx context.Context, s *Snapshot) (bool, error) {
	if s.ID <= 0 {
		return false, fmt.Errorf("commit snapshot: invalid id %d", s.ID)
	}
	data, err := s.Marshal()
	if err != nil {
		return false, err
	}
	p := m.Path(s.ID)
	ok, err := m.fs.TryCreateExclusive(ctx, p, data)
	if err != nil {
		return false, fmt.Errorf("commit snapshot file %s: %w", p, err)
	}
	if !ok {
		existing, err := m.fs.ReadFile(ctx, p)
		if err != nil || !bytes.Equal(existing, data) {
			return false, nil
		}
	}
	_ = m.fs.WriteFile(ctx, path.Join(m.Dir(), latestHint), []byte(strconv.FormatInt(s.ID, 10)))
	return true, nil
}

// CommitLatestHint rewrites the LATEST hint file.
func (m *Manager) CommitLatestHint(ctx context.Context, id int64) error {
	return m.writeHint(ctx, latestHint, id)
}

// CommitEarliestHint rewrites the EARLIEST hint file (after expiration).
func (m *Manager) CommitEarliestHint(ctx context.Context, id int64) error {
	return m.writeHint(ctx, earliestHint, id)
}

func (m *Manager) writeHint(ctx context.Context, name string, id int64) error {
	p := path.Join(m.Dir(), name)
	if err := m.fs.WriteFile(ctx, p, []byte(strconv.FormatInt(id, 10))); err != nil {
		return fmt.Errorf("write hint %s: %w", p, err)
	}
	return nil
}

// Iterate calls fn for every existing snapshot with from ≤ id ≤ to, in
// ascending order. Snapshots that disappear while iterating (expired
// concurrently) are skipped. fn may return ErrStop to end early.
func (m *Manager) Iterate(ctx context.Context, from, to int64, fn func(*Snapshot) error) error {
	ids, err := m.IDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id < from || id > to {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		s, err := m.Read(ctx, id)
		if fileio.IsNotExist(err) {
			continue
		}
		if err != nil {
			return err
		}
		if err := fn(s); err != nil {
			if errors.Is(err, ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// Range reads the existing snapshots with from ≤ id ≤ to, ascending.
func (m *Manager) Range(ctx context.Context, from, to int64) ([]*Snapshot, error) {
	var out []*Snapshot
	err := m.Iterate(ctx, from, to, func(s *Snapshot) error {
		out = append(out, s)
		return nil
	})
	return out, err
}

// EarlierOrEqualTime returns the latest snapshot whose timeMillis ≤ millis
// (time travel "FOR SYSTEM_TIME AS OF"); nil, nil when every snapshot is
// later or the table has none. Snapshot times grow with ids, so it binary
// searches the existing ids.
func (m *Manager) EarlierOrEqualTime(ctx context.Context, millis int64) (*Snapshot, error) {
	ids, err := m.IDs(ctx)
	if err != nil {
		return nil, err
	}
	var found *Snapshot
	lo, hi := 0, len(ids)-1
	for lo <= hi {
		mid := lo + (hi-lo)/2
		s, err := m.Read(ctx, ids[mid])
		if err != nil {
			return nil, err
		}
		if s.TimeMillis <= millis {
			found = s
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	return found, nil
}

// scanBack calls fn on snapshots from the latest down to the earliest until
// fn returns true. A snapshot expired during the scan ends it.
func (m *Manager) scanBack(ctx context.Context, fn func(*Snapshot) bool) error {
	latest, ok, err := m.LatestID(ctx)
	if err != nil || !ok {
		return err
	}
	earliest, ok, err := m.EarliestID(ctx)
	if err != nil || !ok {
		return err
	}
	for id := latest; id >= earliest; id-- {
		if err := ctx.Err(); err != nil {
			return err
		}
		s, err := m.Read(ctx, id)
		if fileio.IsNotExist(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if fn(s) {
			return nil
		}
	}
	return nil
}

// LatestOfUser returns the newest snapshot committed by commitUser; nil, nil
// when there is none (the exactly-once filter of Java's filterCommitted:
// committables with identifier ≤ its CommitIdentifier are already committed).
func (m *Manager) LatestOfUser(ctx context.Context, commitUser string) (*Snapshot, error) {
	var found *Snapshot
	err := m.scanBack(ctx, func(s *Snapshot) bool {
		if s.CommitUser == commitUser {
			found = s
			return true
		}
		return false
	})
	return found, err
}

// FindCommitted reports whether a snapshot with this commitUser and
// identifier (and, when kinds are given, one of those kinds) exists: the
// check made after a commit attempt of unknown outcome. The scan runs back
// from the latest snapshot and stops at the first snapshot of the same user
// with a smaller identifier, since identifiers increase per user.
func (m *Manager) FindCommitted(ctx context.Context, commitUser string, identifier int64, kinds ...CommitKind) (bool, error) {
	found := false
	err := m.scanBack(ctx, func(s *Snapshot) bool {
		if s.CommitUser != commitUser {
			return false
		}
		if s.CommitIdentifier < identifier {
			return true
		}
		if s.CommitIdentifier == identifier && (len(kinds) == 0 || containsKind(kinds, s.CommitKind)) {
			found = true
			return true
		}
		return false
	})
	return found, err
}

func containsKind(kinds []CommitKind, k CommitKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}
