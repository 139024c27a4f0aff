package table

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/weir-data/weir/paimon/snapshot"
)

// TagInfo describes a tag.
type TagInfo struct {
	Name       string
	SnapshotID int64
	CreateTime *time.Time
}

func (t *Table) tagPath(name string) string { return path.Join(t.path, "tag", "tag-"+name) }

func checkTagName(name string) error {
	if name == "" || strings.ContainsAny(name, "/\\") || strings.HasPrefix(name, ".") {
		return fmt.Errorf("invalid tag name %q", name)
	}
	if _, err := strconv.ParseInt(name, 10, 64); err == nil {
		return fmt.Errorf("invalid tag name %q: a tag name cannot be a number (it would read as a snapshot id)", name)
	}
	return nil
}

// CreateTag names a snapshot (the latest when snapshotID is 0) so that it and
// its files survive snapshot expiry; retain, if positive, is recorded as the
// tag's time to live (tagTimeRetained).
func (t *Table) CreateTag(ctx context.Context, name string, snapshotID int64, retain time.Duration) error {
	if err := checkTagName(name); err != nil {
		return fmt.Errorf("table %s: %w", t.name, err)
	}
	var s *snapshot.Snapshot
	var err error
	if snapshotID == 0 {
		s, err = t.snapshots.Latest(ctx)
		if err == nil && s == nil {
			err = fmt.Errorf("the table has no snapshot to tag")
		}
	} else {
		s, err = t.snapshots.Read(ctx, snapshotID)
	}
	if err != nil {
		return fmt.Errorf("table %s: create tag %s: %w", t.name, name, err)
	}
	now := time.Now()
	tag := &snapshot.Tag{Snapshot: *s, CreateTime: &now}
	if retain > 0 {
		tag.TimeRetained = &retain
	}
	data, err := tag.MarshalTag()
	if err != nil {
		return err
	}
	ok, err := t.fio.TryCreateExclusive(ctx, t.tagPath(name), data)
	if err != nil {
		return fmt.Errorf("table %s: create tag %s: %w", t.name, name, err)
	}
	if !ok {
		return fmt.Errorf("table %s: tag %s already exists", t.name, name)
	}
	return nil
}

// ReadTag reads a tag.
func (t *Table) ReadTag(ctx context.Context, name string) (*snapshot.Tag, error) {
	p := t.tagPath(name)
	data, err := t.fio.ReadFile(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("table %s: tag %s: %w", t.name, name, err)
	}
	tag, err := snapshot.ParseTag(data)
	if err != nil {
		return nil, fmt.Errorf("table %s: tag file %s: %w", t.name, p, err)
	}
	return tag, nil
}

// Tags lists the tags, sorted by name.
func (t *Table) Tags(ctx context.Context) ([]TagInfo, error) {
	infos, err := t.fio.List(ctx, path.Join(t.path, "tag"))
	if err != nil {
		return nil, fmt.Errorf("table %s: list tags: %w", t.name, err)
	}
	var out []TagInfo
	for _, fi := range infos {
		name, ok := strings.CutPrefix(fi.Name, "tag-")
		if !ok || fi.IsDir {
			continue
		}
		tag, err := t.ReadTag(ctx, name)
		if err != nil {
			return nil, err
		}
		out = append(out, TagInfo{Name: name, SnapshotID: tag.ID, CreateTime: tag.CreateTime})
	}
	return out, nil
}

// DeleteTag removes a tag. Files that only the tag kept alive become orphans,
// which RemoveOrphanFiles deletes.
func (t *Table) DeleteTag(ctx context.Context, name string) error {
	if ok, err := t.fio.Exists(ctx, t.tagPath(name)); err != nil {
		return fmt.Errorf("table %s: delete tag %s: %w", t.name, name, err)
	} else if !ok {
		return fmt.Errorf("table %s: tag %s does not exist", t.name, name)
	}
	if err := t.fio.Delete(ctx, t.tagPath(name)); err != nil {
		return fmt.Errorf("table %s: delete tag %s: %w", t.name, name, err)
	}
	return nil
}

// taggedFiles returns every data, manifest and index file the tags reach.
func (t *Table) taggedFiles(ctx context.Context) (map[string]bool, error) {
	tags, err := t.Tags(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, info := range tags {
		tag, err := t.ReadTag(ctx, info.Name)
		if err != nil {
			return nil, err
		}
		meta, err := t.metadataFiles(ctx, &tag.Snapshot)
		if err != nil {
			return nil, err
		}
		for p := range meta {
			out[p] = true
		}
		live, err := t.liveEntries(ctx, &tag.Snapshot, nil)
		if err != nil {
			return nil, err
		}
		if err := t.addEntryFiles(out, live); err != nil {
			return nil, err
		}
	}
	return out, nil
}
