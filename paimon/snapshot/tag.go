package snapshot

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/weir-data/weir/internal/jackson"
)

// Tag is a named snapshot kept beyond snapshot expiry (`tag/tag-<name>`): the
// snapshot's JSON plus tagCreateTime (a Jackson LocalDateTime array) and
// tagTimeRetained (a Duration in decimal seconds), both optional.
type Tag struct {
	Snapshot
	CreateTime   *time.Time
	TimeRetained *time.Duration
}

// MarshalTag writes the tag file as Java does.
func (t *Tag) MarshalTag() ([]byte, error) {
	return t.Snapshot.marshal(func(w *jackson.Writer) {
		if t.CreateTime != nil {
			c := t.CreateTime.UTC()
			w.Key("tagCreateTime")
			w.BeginArray()
			for _, v := range []int{c.Year(), int(c.Month()), c.Day(), c.Hour(), c.Minute(), c.Second(), c.Nanosecond()} {
				w.Int(int64(v))
			}
			w.EndArray()
		}
		if t.TimeRetained != nil {
			d := *t.TimeRetained
			w.Key("tagTimeRetained")
			w.Number(fmt.Sprintf("%d.%09d", int64(d/time.Second), int64(d%time.Second)))
		}
	})
}

// ParseTag reads a tag file.
func ParseTag(data []byte) (*Tag, error) {
	s, err := Parse(data)
	if err != nil {
		return nil, err
	}
	var extra struct {
		CreateTime   []int        `json:"tagCreateTime"`
		TimeRetained *json.Number `json:"tagTimeRetained"`
	}
	if err := json.Unmarshal(data, &extra); err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	t := &Tag{Snapshot: *s}
	if len(extra.CreateTime) >= 6 {
		ns := 0
		if len(extra.CreateTime) > 6 {
			ns = extra.CreateTime[6]
		}
		c := time.Date(extra.CreateTime[0], time.Month(extra.CreateTime[1]), extra.CreateTime[2],
			extra.CreateTime[3], extra.CreateTime[4], extra.CreateTime[5], ns, time.UTC)
		t.CreateTime = &c
	}
	if extra.TimeRetained != nil {
		secs, err := strconv.ParseFloat(string(*extra.TimeRetained), 64)
		if err != nil {
			return nil, fmt.Errorf("tag: tagTimeRetained %q: %w", *extra.TimeRetained, err)
		}
		d := time.Duration(secs * float64(time.Second))
		t.TimeRetained = &d
	}
	return t, nil
}
