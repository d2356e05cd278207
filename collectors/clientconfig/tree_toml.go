package clientconfig

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// parseTOML decodes a TOML document into a node tree. Values come from the
// decoder (which enforces TOML's rules: duplicate keys, redefined tables);
// positions come from a second pass over the document's expressions, which
// records where each key path is first declared.
func parseTOML(data []byte, li lineIndex) (*node, *parseError) {
	if perr := checkNesting(data, li); perr != nil {
		return nil, perr
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		perr := &parseError{msg: sanitizeMessage(err.Error())}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			perr.line, perr.col = de.Position()
		}
		return nil, perr
	}
	lines := tomlKeyLines(data, li)
	return tomlNode(doc, nil, lines), nil
}

// tomlPos is where a key path is first declared.
type tomlPos struct{ line, col int }

// tomlKeyLines maps dotted key paths (joined with "\x00") to the position of
// their first declaration: a [table] header, a key = value line or a key in
// an inline table.
func tomlKeyLines(data []byte, li lineIndex) map[string]tomlPos {
	out := map[string]tomlPos{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = tomlRecordKey(out, nil, e.Key(), li)
		case unstable.KeyValue:
			path := tomlRecordKey(out, table, e.Key(), li)
			tomlRecordInline(out, path, e.Value(), li)
		}
	}
	return out
}

func tomlRecordKey(out map[string]tomlPos, prefix []string, it unstable.Iterator, li lineIndex) []string {
	path := append([]string(nil), prefix...)
	for it.Next() {
		k := it.Node()
		path = append(path, string(k.Data))
		key := strings.Join(path, "\x00")
		if _, seen := out[key]; !seen {
			line, col := li.position(int(k.Raw.Offset))
			out[key] = tomlPos{line, col}
		}
	}
	return path
}

func tomlRecordInline(out map[string]tomlPos, path []string, v *unstable.Node, li lineIndex) {
	if v == nil || v.Kind != unstable.InlineTable {
		return
	}
	it := v.Children()
	for it.Next() {
		kv := it.Node()
		if kv.Kind != unstable.KeyValue {
			continue
		}
		sub := tomlRecordKey(out, path, kv.Key(), li)
		tomlRecordInline(out, sub, kv.Value(), li)
	}
}

// tomlNode converts a decoded TOML value into a node, ordering table members
// by where they are declared.
func tomlNode(v any, path []string, lines map[string]tomlPos) *node {
	n := &node{ptr: tomlPointer(path)}
	if pos, ok := lines[strings.Join(path, "\x00")]; ok {
		n.line, n.col = pos.line, pos.col
	}
	switch t := v.(type) {
	case map[string]any:
		n.kind = kindObject
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a := lines[strings.Join(append(path[:len(path):len(path)], keys[i]), "\x00")]
			b := lines[strings.Join(append(path[:len(path):len(path)], keys[j]), "\x00")]
			if a.line != b.line {
				return a.line < b.line
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, tomlNode(t[k], append(path[:len(path):len(path)], k), lines))
		}
	case []any:
		n.kind = kindArray
		for i, it := range t {
			child := tomlNode(it, append(path[:len(path):len(path)], strconv.Itoa(i)), lines)
			if child.line == 0 {
				child.line, child.col = n.line, n.col
			}
			n.items = append(n.items, child)
		}
	case string:
		n.kind, n.text = kindString, t
	case bool:
		n.kind, n.text = kindBool, strconv.FormatBool(t)
	case int64:
		n.kind, n.text = kindNumber, strconv.FormatInt(t, 10)
	case float64:
		n.kind, n.text = kindNumber, strconv.FormatFloat(t, 'g', -1, 64)
	case time.Time:
		n.kind, n.text = kindString, t.Format(time.RFC3339Nano)
	case toml.LocalDate, toml.LocalTime, toml.LocalDateTime:
		n.kind, n.text = kindString, fmt.Sprint(t)
	default:
		n.kind = kindNull
	}
	return n
}

// tomlPointer renders a key path as a JSON pointer.
func tomlPointer(path []string) string {
	ptr := ""
	for _, p := range path {
		ptr = childPointer(ptr, p)
	}
	return ptr
}
