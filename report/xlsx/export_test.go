package xlsx

import (
	"io"
	"maps"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
)

// WriteThroughStreamWriter is Write with the rows of streamed sheets set
// through excelize's StreamWriter, the reference for the rows Write puts
// straight into the package.
func WriteThroughStreamWriter(w io.Writer, r *assess.Results, opts Options) error {
	return write(w, r, opts, true)
}

// Fields lists the fields a kind of sheet provides, sorted.
func Fields(kind string) []string {
	return slices.Sorted(maps.Keys(fields[kind]))
}

// Parts are the parts of a workbook's package, by name.
func Parts(t *testing.T, data []byte) map[string]string { return parts(t, data) }
