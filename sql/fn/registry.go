package fn

import (
	"fmt"
	"github.com/weir-data/weir/internal/suggest"
	"sort"
	"strings"
	"sync"
)

// Resolver resolves a call of a scalar function with the given arguments:
// it picks the overload, the argument types the kernel expects (the planner
// inserts implicit casts to them), the result type and the kernel. It
// returns an error naming the function and the argument types when no
// overload matches.
type Resolver func(args []Arg) (*Scalar, error)

// AggregateResolver resolves a call of an aggregate function. distinct is
// true for COUNT(DISTINCT x) and the like.
type AggregateResolver func(args []Arg, distinct bool) (*Aggregate, error)

var registry = struct {
	sync.RWMutex
	scalars    map[string]Resolver
	aggregates map[string]AggregateResolver
}{scalars: map[string]Resolver{}, aggregates: map[string]AggregateResolver{}}

// RegisterScalar makes a scalar function (or operator, e.g. "+") callable by
// name. Names are case-insensitive. Registering a name twice panics: it is a
// programming error, caught by any test that loads the package.
func RegisterScalar(name string, r Resolver) {
	name = strings.ToUpper(name)
	registry.Lock()
	defer registry.Unlock()
	if _, ok := registry.scalars[name]; ok {
		panic("fn: scalar function " + name + " registered twice")
	}
	if _, ok := registry.aggregates[name]; ok {
		panic("fn: " + name + " registered as scalar and aggregate")
	}
	registry.scalars[name] = r
}

// RegisterAggregate makes an aggregate function callable by name.
func RegisterAggregate(name string, r AggregateResolver) {
	name = strings.ToUpper(name)
	registry.Lock()
	defer registry.Unlock()
	if _, ok := registry.aggregates[name]; ok {
		panic("fn: aggregate function " + name + " registered twice")
	}
	if _, ok := registry.scalars[name]; ok {
		panic("fn: " + name + " registered as scalar and aggregate")
	}
	registry.aggregates[name] = r
}

// IsAggregate reports whether name is a registered aggregate function.
func IsAggregate(name string) bool {
	registry.RLock()
	defer registry.RUnlock()
	_, ok := registry.aggregates[strings.ToUpper(name)]
	return ok
}

// ResolveScalar resolves a scalar function call by name.
func ResolveScalar(name string, args []Arg) (*Scalar, error) {
	up := strings.ToUpper(name)
	registry.RLock()
	r, ok := registry.scalars[up]
	registry.RUnlock()
	if !ok {
		if IsAggregate(up) {
			return nil, fmt.Errorf("aggregate function %s is not allowed here", up)
		}
		return nil, unknownFunction(name)
	}
	return r(args)
}

// ResolveAggregate resolves an aggregate function call by name.
func ResolveAggregate(name string, args []Arg, distinct bool) (*Aggregate, error) {
	up := strings.ToUpper(name)
	registry.RLock()
	r, ok := registry.aggregates[up]
	registry.RUnlock()
	if !ok {
		return nil, unknownFunction(name)
	}
	return r(args, distinct)
}

// Names returns the names of all registered functions, sorted.
func Names() []string {
	registry.RLock()
	defer registry.RUnlock()
	out := make([]string, 0, len(registry.scalars)+len(registry.aggregates))
	for n := range registry.scalars {
		out = append(out, n)
	}
	for n := range registry.aggregates {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func unknownFunction(name string) error {
	up := strings.ToUpper(name)
	best, bestD := "", 1<<30
	for _, n := range Names() {
		if d := suggest.Distance(up, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" && bestD <= 2 {
		return fmt.Errorf("no function named %s (did you mean %s?)", name, best)
	}
	return fmt.Errorf("no function named %s", name)
}
