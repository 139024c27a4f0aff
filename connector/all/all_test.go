package all

import (
	"strings"
	"testing"

	"github.com/weir-data/weir/connector"
)

func TestAllRegistered(t *testing.T) {
	if got := strings.Join(connector.Names(), ","); got != "blackhole,datagen,filesystem,print" {
		t.Errorf("Names() = %s", got)
	}
}
