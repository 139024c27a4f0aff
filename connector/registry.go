package connector

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
)

// Registry maps connector names to factories. It is safe for concurrent use.
type Registry struct {
	mu sync.RWMutex
	m  map[string]Factory
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{m: map[string]Factory{}} }

// Default is the registry connectors add themselves to from init.
var Default = NewRegistry()

// Register adds f to the Default registry.
func Register(f Factory) { Default.Register(f) }

// Lookup finds a connector in the Default registry.
func Lookup(name string) (Factory, error) { return Default.Lookup(name) }

// Names lists the Default registry's connectors.
func Names() []string { return Default.Names() }

// Register adds f. It panics on a nil factory or a duplicate name: both are
// programming errors.
func (r *Registry) Register(f Factory) {
	if f == nil {
		panic("connector: Register of a nil factory")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.m[f.Name()]; dup {
		panic("connector: Register called twice for " + f.Name())
	}
	r.m[f.Name()] = f
}

// Names returns the registered connector names, sorted.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.m))
	for n := range r.m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// flinkConnectors are connectors of Flink and its ecosystem that Weir may
// not provide (yet); they are suggested for typos and named as unavailable.
var flinkConnectors = []string{
	"blackhole", "datagen", "elasticsearch-6", "elasticsearch-7", "filesystem", "hbase-1.4",
	"hbase-2.2", "hive", "jdbc", "kafka", "kinesis", "mongodb", "mysql-cdc", "paimon",
	"postgres-cdc", "print", "pulsar", "upsert-kafka",
}

// Lookup returns the factory named name. For an unknown name the error
// suggests the closest connector, and names a Flink connector that Weir
// does not provide as such.
func (r *Registry) Lookup(name string) (Factory, error) {
	r.mu.RLock()
	f, ok := r.m[name]
	r.mu.RUnlock()
	if ok {
		return f, nil
	}
	names := r.Names()
	if slices.Contains(flinkConnectors, name) {
		return nil, fmt.Errorf("connector '%s' is not available in Weir yet (available: %v)", name, names)
	}
	cands := append(names, flinkConnectors...)
	if s := Suggest(name, cands); s != "" {
		return nil, fmt.Errorf("unknown connector '%s'%s", name, s)
	}
	return nil, fmt.Errorf("unknown connector '%s' (available: %v)", name, names)
}

// Validate looks up t's connector by its 'connector' option and validates
// t with it, returning the factory.
func (r *Registry) Validate(t TableInfo) (Factory, error) {
	name, ok := t.Options[ConnectorOption]
	if !ok {
		return nil, errors.New("table " + t.Name + " has no 'connector' option: add WITH ('connector' = '...')")
	}
	f, err := r.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.Name, err)
	}
	if err := f.Validate(t); err != nil {
		return nil, err
	}
	return f, nil
}
