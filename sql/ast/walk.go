package ast

import "reflect"

var nodeType = reflect.TypeOf((*Node)(nil)).Elem()

// Inspect visits n and then, if f returns true, each of n's children in
// source order (depth first). Children are the nodes in n's fields, including
// those inside slices, Alias-free helper structs (When, OrderItem, ...) and
// pointers. nil children are skipped. Inspect uses reflection; it is meant for
// analysis passes over statements, not for per-row work.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || isNilNode(n) {
		return
	}
	if !f(n) {
		return
	}
	walkValue(reflect.ValueOf(n), f, true)
}

func isNilNode(n Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// walkValue visits the nodes reachable from v. top is true for the node
// already passed to f, whose own value must not be reported again.
func walkValue(v reflect.Value, f func(Node) bool, top bool) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			walkValue(v.Elem(), f, false)
		}
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if !top && v.Type().Implements(nodeType) {
			Inspect(v.Interface().(Node), f)
			return
		}
		walkValue(v.Elem(), f, false)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).Type == reflect.TypeOf(Pos{}) {
				continue
			}
			walkValue(v.Field(i), f, false)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkValue(v.Index(i), f, false)
		}
	}
}
