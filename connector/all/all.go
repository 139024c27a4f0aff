// Package all registers every connector of Weir in connector.Default:
// import it for its side effect.
//
//	import _ "github.com/weir-data/weir/connector/all"
package all

import (
	// Registered connectors.
	_ "github.com/weir-data/weir/connector/blackhole"
	_ "github.com/weir-data/weir/connector/cdc"
	_ "github.com/weir-data/weir/connector/datagen"
	_ "github.com/weir-data/weir/connector/filesystem"
	_ "github.com/weir-data/weir/connector/print"
)
