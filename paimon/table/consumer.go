package table

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/internal/jackson"
)

// Consumers are Paimon's `consumer/consumer-<id>` files: a streaming reader's
// progress ({"nextSnapshot": N}). Snapshot expiry keeps every snapshot from
// the smallest nextSnapshot on, so a running job never finds its next snapshot
// expired; a reader restarting with the same id resumes where it stopped.

func (t *Table) consumerPath(id string) string {
	return path.Join(t.path, "consumer", "consumer-"+id)
}

// RecordConsumer stores a consumer's next snapshot id.
func (t *Table) RecordConsumer(ctx context.Context, id string, nextSnapshot int64) error {
	if id == "" || strings.ContainsAny(id, "/\\") {
		return fmt.Errorf("table %s: invalid consumer id %q", t.name, id)
	}
	w := &jackson.Writer{}
	w.BeginObject()
	w.Key("nextSnapshot")
	w.Int(nextSnapshot)
	w.EndObject()
	if err := t.fio.WriteFile(ctx, t.consumerPath(id), w.Bytes()); err != nil {
		return fmt.Errorf("table %s: record consumer %s: %w", t.name, id, err)
	}
	return nil
}

// Consumer returns a consumer's next snapshot id (ok false when unknown).
func (t *Table) Consumer(ctx context.Context, id string) (next int64, ok bool, err error) {
	data, err := t.fio.ReadFile(ctx, t.consumerPath(id))
	if err != nil {
		if fileio.IsNotExist(err) {
			return 0, false, nil
		}
		return 0, false, fmt.Errorf("table %s: consumer %s: %w", t.name, id, err)
	}
	var c struct {
		NextSnapshot *int64 `json:"nextSnapshot"`
	}
	if err := json.Unmarshal(data, &c); err != nil || c.NextSnapshot == nil {
		return 0, false, fmt.Errorf("table %s: consumer file %s is not {\"nextSnapshot\": N}: %v", t.name, t.consumerPath(id), err)
	}
	return *c.NextSnapshot, true, nil
}

// Consumers returns every consumer's next snapshot id.
func (t *Table) Consumers(ctx context.Context) (map[string]int64, error) {
	infos, err := t.fio.List(ctx, path.Join(t.path, "consumer"))
	if err != nil {
		return nil, fmt.Errorf("table %s: list consumers: %w", t.name, err)
	}
	out := map[string]int64{}
	for _, fi := range infos {
		id, ok := strings.CutPrefix(fi.Name, "consumer-")
		if !ok || fi.IsDir {
			continue
		}
		next, ok, err := t.Consumer(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = next
		}
	}
	return out, nil
}

// DeleteConsumer forgets a consumer (its snapshots become expirable).
func (t *Table) DeleteConsumer(ctx context.Context, id string) error {
	return t.fio.Delete(ctx, t.consumerPath(id))
}
