package postree

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// ParseTOML decodes a TOML document into a node tree. Values come from the
// decoder (which enforces TOML's rules: duplicate keys, redefined tables);
// positions come from a first pass over the document's expressions, which
// records where each key path is first declared and rejects key paths
// nested deeper than MaxNesting (dotted keys nest without brackets, so
// bracket counting alone does not bound them). li must be NewLines(data).
func ParseTOML(data []byte, li Lines) (*Node, *SyntaxError) {
	if perr := checkNesting(data, li); perr != nil {
		return nil, perr
	}
	paths, perr := tomlKeyLines(data, li)
	if perr != nil {
		return nil, perr
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		perr := &SyntaxError{Msg: sanitizeMessage(err.Error())}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			perr.Line, perr.Col = de.Position()
		}
		return nil, perr
	}
	return paths.node(doc, tomlRoot, ""), nil
}

// tomlPos is where a key path is first declared.
type tomlPos struct{ line, col int }

// tomlRoot is the path ID of the document's root table.
const tomlRoot = 0

// tomlNoPath is the path ID of a value whose key path was never declared
// (the elements of an array of tables, for instance).
const tomlNoPath = -1

// tomlPathKey names a key path by its parent's ID and its last key.
type tomlPathKey struct {
	parent int
	key    string
}

// tomlPaths numbers the key paths declared in a document and records where
// each is first declared. Paths are identified by their parent's ID and last
// key, so recording and looking up a path costs the same at any depth.
type tomlPaths struct {
	ids   map[tomlPathKey]int
	pos   []tomlPos // by ID; pos[tomlRoot] is unused
	depth []int     // number of keys in the path, by ID
	// keys and values are where each path's last key and its value are
	// written, items the spans of the elements of an array value, by ID.
	keys, values map[int]Span
	items        map[int][]Span
}

// child returns the ID of the path parent + key, or tomlNoPath.
func (t *tomlPaths) child(parent int, key string) int {
	if parent == tomlNoPath {
		return tomlNoPath
	}
	if id, ok := t.ids[tomlPathKey{parent, key}]; ok {
		return id
	}
	return tomlNoPath
}

// position returns where path id is declared (zero when unknown).
func (t *tomlPaths) position(id int) tomlPos {
	if id <= tomlRoot {
		return tomlPos{}
	}
	return t.pos[id]
}

// declare records the path parent + key written at raw, unless it is
// already known, and returns its ID.
func (t *tomlPaths) declare(parent int, key string, raw unstable.Range, li Lines) int {
	k := tomlPathKey{parent, key}
	if id, ok := t.ids[k]; ok {
		return id
	}
	line, col := li.Position(int(raw.Offset))
	id := len(t.pos)
	t.ids[k] = id
	t.pos = append(t.pos, tomlPos{line, col})
	t.depth = append(t.depth, t.depth[parent]+1)
	t.keys[id] = rangeSpan(raw)
	return id
}

// rangeSpan converts a parser range.
func rangeSpan(r unstable.Range) Span {
	return Span{int(r.Offset), int(r.Offset + r.Length)}
}

// recordValue records where the value of path id is written: a scalar's
// span, or the spans of an array's scalar elements. The first assignment
// of a path is kept (TOML forbids a second).
func (t *tomlPaths) recordValue(id int, v *unstable.Node) {
	if v == nil {
		return
	}
	switch v.Kind {
	case unstable.InlineTable:
	case unstable.Array:
		if _, done := t.items[id]; done {
			return
		}
		spans := []Span{}
		it := v.Children()
		for it.Next() {
			el := it.Node()
			switch el.Kind {
			case unstable.Comment:
				continue
			case unstable.Array, unstable.InlineTable:
				spans = append(spans, Span{})
			default:
				spans = append(spans, rangeSpan(el.Raw))
			}
		}
		t.items[id] = spans
	default:
		if _, done := t.values[id]; !done {
			t.values[id] = rangeSpan(v.Raw)
		}
	}
}

// tomlKeyLines records the position of the first declaration of every key
// path: a [table] header, a key = value line or a key in an inline table.
// It fails when a key path is nested deeper than MaxNesting.
func tomlKeyLines(data []byte, li Lines) (*tomlPaths, *SyntaxError) {
	t := &tomlPaths{ids: map[tomlPathKey]int{}, pos: []tomlPos{{}}, depth: []int{0},
		keys: map[int]Span{}, values: map[int]Span{}, items: map[int][]Span{}}
	var p unstable.Parser
	p.Reset(data)
	table := tomlRoot
	for p.NextExpression() {
		e := p.Expression()
		var perr *SyntaxError
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table, perr = t.record(tomlRoot, e.Key(), li)
		case unstable.KeyValue:
			var path int
			if path, perr = t.record(table, e.Key(), li); perr == nil {
				t.recordValue(path, e.Value())
				perr = t.recordInline(path, e.Value(), li)
			}
		}
		if perr != nil {
			return nil, perr
		}
	}
	return t, nil
}

// record declares every prefix of the dotted key it under prefix and
// returns the ID of the whole path.
func (t *tomlPaths) record(prefix int, it unstable.Iterator, li Lines) (int, *SyntaxError) {
	id := prefix
	for it.Next() {
		k := it.Node()
		id = t.declare(id, string(k.Data), k.Raw, li)
		if t.depth[id] > MaxNesting {
			line, col := li.Position(int(k.Raw.Offset))
			return 0, &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("keys nested deeper than %d levels", MaxNesting)}
		}
	}
	return id, nil
}

// recordInline declares the keys of an inline table assigned to path.
func (t *tomlPaths) recordInline(path int, v *unstable.Node, li Lines) *SyntaxError {
	if v == nil || v.Kind != unstable.InlineTable {
		return nil
	}
	it := v.Children()
	for it.Next() {
		kv := it.Node()
		if kv.Kind != unstable.KeyValue {
			continue
		}
		sub, perr := t.record(path, kv.Key(), li)
		if perr == nil {
			t.recordValue(sub, kv.Value())
			perr = t.recordInline(sub, kv.Value(), li)
		}
		if perr != nil {
			return perr
		}
	}
	return nil
}

// node converts a decoded TOML value whose key path is id (tomlNoPath when
// undeclared) and whose JSON pointer is ptr into a node, ordering table
// members by where they are declared.
func (t *tomlPaths) node(v any, id int, ptr string) *Node {
	n := &Node{Pointer: ptr}
	if id != tomlNoPath {
		pos := t.position(id)
		n.Line, n.Col = pos.line, pos.col
		n.Span, n.KeySpan = t.values[id], t.keys[id]
	}
	switch tv := v.(type) {
	case map[string]any:
		n.Kind = Object
		type member struct {
			key string
			id  int
			pos tomlPos
		}
		members := make([]member, 0, len(tv))
		for k := range tv {
			cid := t.child(id, k)
			var pos tomlPos
			if cid != tomlNoPath {
				pos = t.position(cid)
			}
			members = append(members, member{k, cid, pos})
		}
		sort.Slice(members, func(i, j int) bool {
			a, b := members[i], members[j]
			if a.pos.line != b.pos.line {
				return a.pos.line < b.pos.line
			}
			return a.key < b.key
		})
		n.Keys = make([]string, 0, len(members))
		n.Vals = make([]*Node, 0, len(members))
		for _, m := range members {
			n.Keys = append(n.Keys, m.key)
			n.Vals = append(n.Vals, t.node(tv[m.key], m.id, childPointer(ptr, m.key)))
		}
	case []any:
		n.Kind = Array
		for i, it := range tv {
			idx := strconv.Itoa(i)
			child := t.node(it, t.child(id, idx), childPointer(ptr, idx))
			if items := t.items[id]; id != tomlNoPath && i < len(items) && !child.Span.Known() {
				child.Span = items[i]
			}
			if child.Line == 0 {
				child.Line, child.Col = n.Line, n.Col
			}
			n.Items = append(n.Items, child)
		}
	case string:
		n.Kind, n.Text = String, tv
	case bool:
		n.Kind, n.Text = Bool, strconv.FormatBool(tv)
	case int64:
		n.Kind, n.Text = Number, strconv.FormatInt(tv, 10)
	case float64:
		n.Kind, n.Text = Number, strconv.FormatFloat(tv, 'g', -1, 64)
	case time.Time:
		n.Kind, n.Text = String, tv.Format(time.RFC3339Nano)
	case toml.LocalDate, toml.LocalTime, toml.LocalDateTime:
		n.Kind, n.Text = String, fmt.Sprint(tv)
	default:
		n.Kind = Null
	}
	return n
}
