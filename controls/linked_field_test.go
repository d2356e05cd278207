package controls_test

import (
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
)

// TestLinkedField checks that the loader admits the field the engine adds
// to subjects under the name the engine uses.
func TestLinkedField(t *testing.T) {
	if controls.LinkedFieldName != assess.LinkedField {
		t.Errorf("controls admit %q, the engine adds %q", controls.LinkedFieldName, assess.LinkedField)
	}
}
