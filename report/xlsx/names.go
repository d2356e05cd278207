package xlsx

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/templates/workbook"
)

// namer hands out valid, unique sheet names.
type namer struct{ used map[string]bool }

func newNamer(p *workbook.Profile) *namer {
	n := &namer{used: map[string]bool{}}
	for _, s := range p.Sheets {
		if s.Kind != workbook.KindFramework && s.Name != "" {
			n.used[strings.ToLower(s.Name)] = true
		}
	}
	return n
}

// framework returns a sheet name for a framework ID: invalid characters
// replaced, at most 31 characters, unique (case-insensitively) in the book.
func (n *namer) framework(id string) string {
	base := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(id))
	if base == "" {
		base = "framework"
	}
	base = truncate(base, workbook.MaxSheetName)
	name := base
	for i := 2; n.used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf("~%d", i)
		name = truncate(base, workbook.MaxSheetName-len(suffix)) + suffix
	}
	n.used[strings.ToLower(name)] = true
	return name
}

func truncate(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max])
	}
	return s
}
