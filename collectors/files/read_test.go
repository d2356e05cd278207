package files

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadAllIsIOReadAll checks that readAll returns what io.ReadAll does
// whether the file holds the size it had, less (truncated meanwhile) or
// more (grown meanwhile), read in any chunks, and passes errors on.
func TestReadAllIsIOReadAll(t *testing.T) {
	content := strings.Repeat("0123456789abcdef", 300)
	for _, n := range []int{0, 1, 511, 512, 513, 4096, len(content)} {
		for _, size := range []int64{0, 1, int64(n) - 1, int64(n), int64(n) + 1, 3 * int64(n)} {
			for name, r := range map[string]func() io.Reader{
				"whole":      func() io.Reader { return strings.NewReader(content[:n]) },
				"byte":       func() io.Reader { return iotest.OneByteReader(strings.NewReader(content[:n])) },
				"half":       func() io.Reader { return iotest.HalfReader(strings.NewReader(content[:n])) },
				"data+EOF":   func() io.Reader { return iotest.DataErrReader(strings.NewReader(content[:n])) },
				"limited":    func() io.Reader { return io.LimitReader(strings.NewReader(content), int64(n)) },
				"then error": func() io.Reader { return io.MultiReader(strings.NewReader(content[:n]), iotest.ErrReader(errBoom)) },
			} {
				got, gerr := readAll(r(), size)
				want, werr := io.ReadAll(r())
				if !bytes.Equal(got, want) || !errors.Is(gerr, werr) && gerr != werr {
					t.Errorf("%s, %d bytes, size %d: %d bytes, %v; want %d bytes, %v", name, n, size, len(got), gerr, len(want), werr)
				}
			}
		}
	}
}

var errBoom = errors.New("boom")
