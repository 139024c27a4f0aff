package all

import (
	"strings"
	"testing"

	"github.com/weir-data/weir/connector"
)

func TestAllRegistered(t *testing.T) {
	if got := strings.Join(connector.Names(), ","); got != "blackhole,datagen,filesystem,mysql-cdc,postgres-cdc,print,sqlserver-cdc" {
		t.Errorf("Names() = %s", got)
	}
}
