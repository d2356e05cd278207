package html

import (
	"fmt"
	"iter"
	"sort"
	"strings"
	"unicode"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// kindTable lists the subjects of one kind. Its columns are the facts that
// at least one subject of the kind has, so a kind added later gets a table
// without any change here.
type kindTable struct {
	Kind, Title string
	Columns     []string
	// Count is the number of rows; Rows makes them one at a time as the
	// report is written, so that the rows of every subject are never held
	// at once.
	Count int
	Rows  iter.Seq[inventoryRow]
}

type inventoryRow struct {
	Cells   []string
	Failing int
	Search  string
	// search, when set, is the search text in place of Search, valid
	// until the next row is made.
	search []byte
}

// kindOrder puts the kinds people look for first; kinds not listed follow
// in alphabetical order, sources (the files read) last.
var kindOrder = []string{string(evidence.KindServer), string(evidence.KindGateway), string(evidence.KindWorkload),
	string(evidence.KindEndpoint), string(evidence.KindTool), "client"}

// kindTitles names the known kinds' tables; others are titled by their kind.
var kindTitles = map[string]string{
	string(evidence.KindServer):   "Servers",
	string(evidence.KindGateway):  "Gateways",
	string(evidence.KindWorkload): "Workloads",
	string(evidence.KindEndpoint): "Endpoints",
	string(evidence.KindTool):     "Tools",
	string(evidence.KindSource):   "Files and sources read",
	"client":                      "Clients",
}

// fact is one column of an inventory table.
type fact struct {
	title string
	get   func(view.Facts) string
}

// facts are the inventory columns, in order; the first is the name.
var facts = []fact{
	{"Name", func(f view.Facts) string { return f.Name }},
	{"Client, product or server", func(f view.Facts) string { return f.Client }},
	{"Format", func(f view.Facts) string { return f.Format }},
	{"Scope", func(f view.Facts) string { return f.Scope }},
	{"Transport", func(f view.Facts) string { return f.Transport }},
	{"Package or image", func(f view.Facts) string { return f.Package }},
	{"Endpoint", func(f view.Facts) string { return f.Endpoint }},
	{"Status", func(f view.Facts) string { return f.Status }},
	{"Description", func(f view.Facts) string { return visible(f.Description, maxDescription) }},
	{"Location", func(f view.Facts) string { return f.Location }},
}

// columnTitles renames a column for a kind where the generic title says
// less than it could.
var columnTitles = map[string]map[string]string{
	string(evidence.KindServer):  {"Client, product or server": "Client"},
	string(evidence.KindSource):  {"Client, product or server": "Client"},
	string(evidence.KindGateway): {"Client, product or server": "Product"},
	string(evidence.KindTool):    {"Client, product or server": "Server"},
}

// inventory builds one table per subject kind.
func inventory(x *view.Index, failing map[string]int) []kindTable {
	// Each kind's facts are held at once, so their lists are made at their
	// final size.
	counts := map[evidence.Kind]int{}
	for _, s := range x.R.Subjects {
		if s != nil && s.Metadata() != nil {
			counts[s.Metadata().Kind]++
		}
	}
	byKind := map[string][]view.Facts{}
	for _, s := range x.R.Subjects {
		if s == nil || s.Metadata() == nil {
			continue
		}
		f := x.Facts(s)
		if byKind[f.Kind] == nil {
			byKind[f.Kind] = make([]view.Facts, 0, counts[s.Metadata().Kind])
		}
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	kinds := make(map[string]bool, len(byKind))
	for k := range byKind {
		kinds[k] = true
	}
	var out []kindTable
	for _, kind := range orderKinds(sortedKeys(kinds)) {
		subjects := byKind[kind]
		sort.SliceStable(subjects, func(i, j int) bool { return subjects[i].ID < subjects[j].ID })
		var cols []fact
		for i, c := range facts {
			if i == 0 || anyFact(subjects, c) && !sameAsName(subjects, c) {
				cols = append(cols, c)
			}
		}
		t := kindTable{Kind: kind, Title: kindTitle(kind)}
		for _, c := range cols {
			title := c.title
			if alt, ok := columnTitles[kind][title]; ok {
				title = alt
			}
			t.Columns = append(t.Columns, title)
		}
		t.Count = len(subjects)
		t.Rows = func(yield func(inventoryRow) bool) {
			var parts []string // the search text's
			var search []byte
			cells := make([]string, len(cols))
			for _, f := range subjects {
				row := inventoryRow{Failing: failing[f.ID], Cells: cells[:0]}
				for _, c := range cols {
					row.Cells = append(row.Cells, c.get(f))
				}
				if row.Cells[0] == "" {
					row.Cells[0] = f.ID
				}
				parts = append(append(parts[:0], f.ID, kind), row.Cells...)
				search = appendSearchText(search[:0], parts...)
				row.search = search
				if !yield(row) {
					return
				}
			}
		}
		out = append(out, t)
	}
	return out
}

// maxDescription is how many characters of a description the inventory
// shows; the evidence bundle has the whole of it.
const maxDescription = 400

// visible shortens s to at most max characters and makes characters that
// render as nothing or move the cursor visible as ⟨U+XXXX⟩: hidden
// instructions in a tool description are what a reviewer looks for.
func visible(s string, max int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == max {
			b.WriteString("…")
			break
		}
		n++
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || (r >= 0xE0000 && r <= 0xE007F):
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameAsName reports whether a column only repeats each subject's name (a
// file's location is its name).
func sameAsName(fs []view.Facts, c fact) bool {
	for _, f := range fs {
		if c.get(f) != f.Name {
			return false
		}
	}
	return true
}

func anyFact(fs []view.Facts, c fact) bool {
	for _, f := range fs {
		if c.get(f) != "" {
			return true
		}
	}
	return false
}

// orderKinds sorts kinds as kindOrder says.
func orderKinds(kinds []string) []string {
	rank := func(k string) int {
		for i, known := range kindOrder {
			if k == known {
				return i
			}
		}
		if k == string(evidence.KindSource) {
			return len(kindOrder) + 1
		}
		return len(kindOrder)
	}
	out := append([]string(nil), kinds...)
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(out[i]), rank(out[j])
		if ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}

func kindTitle(kind string) string {
	if t, ok := kindTitles[kind]; ok {
		return t
	}
	if kind == "" {
		return "Other subjects"
	}
	return "Subjects of kind " + kind
}
