package table

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/weir-data/weir/paimon/manifest"
)

// DefaultOrphanAge is how old an unreferenced file must be before
// RemoveOrphanFiles deletes it (Paimon's remove_orphan_files default, 1 day):
// younger files may belong to a commit in progress.
const DefaultOrphanAge = 24 * time.Hour

// OrphanOptions configure RemoveOrphanFiles.
type OrphanOptions struct {
	// OlderThan is the age guard (DefaultOrphanAge when zero).
	OlderThan time.Duration
	// DryRun lists the orphans without deleting them.
	DryRun bool
	// Now is the current time (time.Now when zero), for tests.
	Now time.Time
}

// RemoveOrphanFiles deletes data, manifest and index files that no snapshot
// references (left by failed or abandoned commits) and that are older than
// the age guard. Schema and snapshot files are never touched. It returns the
// paths of the orphans found.
func (t *Table) RemoveOrphanFiles(ctx context.Context, opts OrphanOptions) ([]string, error) {
	age := opts.OlderThan
	if age <= 0 {
		age = DefaultOrphanAge
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	used, err := t.referencedFiles(ctx)
	if err != nil {
		return nil, err
	}
	var orphans []string
	var walk func(dir string, top bool) error
	walk = func(dir string, top bool) error {
		infos, err := t.fio.List(ctx, dir)
		if err != nil {
			return fmt.Errorf("table %s: list %s: %w", t.name, dir, err)
		}
		for _, fi := range infos {
			p := path.Join(dir, fi.Name)
			if fi.IsDir {
				if top && metadataDirs[fi.Name] {
					continue
				}
				if err := walk(p, false); err != nil {
					return err
				}
				continue
			}
			if top || used[p] || now.Sub(fi.ModTime) < age || !orphanCandidate(fi.Name) {
				continue
			}
			orphans = append(orphans, p)
		}
		return nil
	}
	if err := walk(t.path, true); err != nil {
		return nil, err
	}
	// Re-read the references: a commit that landed during the walk may have
	// made a listed file live.
	if used, err = t.referencedFiles(ctx); err != nil {
		return nil, err
	}
	kept := orphans[:0]
	for _, p := range orphans {
		if !used[p] {
			kept = append(kept, p)
		}
	}
	orphans = kept
	if opts.DryRun {
		return orphans, nil
	}
	for _, p := range orphans {
		if err := t.fio.Delete(ctx, p); err != nil {
			return orphans, fmt.Errorf("table %s: delete orphan %s: %w", t.name, p, err)
		}
	}
	return orphans, nil
}

// metadataDirs are the table's top-level directories that hold no data files.
var metadataDirs = map[string]bool{"schema": true, "snapshot": true, "tag": true, "branch": true, "consumer": true, "changelog": true, "statistics": true}

// orphanCandidate reports whether a file name is one Paimon writes for data,
// manifests or indexes (so unrelated files are never deleted).
func orphanCandidate(name string) bool {
	for _, p := range []string{"data-", "changelog-", "manifest-", "index-"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// referencedFiles returns every manifest, index and data file path that some
// existing snapshot references.
func (t *Table) referencedFiles(ctx context.Context) (map[string]bool, error) {
	used := map[string]bool{}
	ids, err := t.snapshots.IDs(ctx)
	if err != nil {
		return nil, err
	}
	seenManifest := map[string]bool{}
	for _, id := range ids {
		s, err := t.snapshots.Read(ctx, id)
		if err != nil {
			return nil, err
		}
		meta, err := t.metadataFiles(ctx, s)
		if err != nil {
			return nil, err
		}
		for p := range meta {
			used[p] = true
		}
		for _, list := range []string{s.BaseManifestList, s.DeltaManifestList, s.ChangelogManifestList} {
			if list == "" {
				continue
			}
			metas, err := t.readManifestList(ctx, list)
			if err != nil {
				return nil, err
			}
			for _, m := range metas {
				if seenManifest[m.FileName] {
					continue
				}
				seenManifest[m.FileName] = true
				es, err := t.readManifest(ctx, m.FileName)
				if err != nil {
					return nil, err
				}
				if err := t.addEntryFiles(used, es); err != nil {
					return nil, err
				}
			}
		}
	}
	tagged, err := t.taggedFiles(ctx)
	if err != nil {
		return nil, err
	}
	for p := range tagged {
		used[p] = true
	}
	return used, nil
}

func (t *Table) addEntryFiles(used map[string]bool, es []manifest.Entry) error {
	for _, e := range es {
		partDir, err := t.partitionDir(e.Partition)
		if err != nil {
			return err
		}
		dir := t.bucketDir(partDir, int(e.Bucket))
		used[path.Join(dir, e.File.FileName)] = true
		for _, x := range e.File.ExtraFiles {
			used[path.Join(dir, x)] = true
		}
	}
	return nil
}
