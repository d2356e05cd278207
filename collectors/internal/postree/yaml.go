package postree

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxYAMLNodes bounds how many nodes a YAML document may expand to, so alias
// bombs ("billion laughs") are rejected instead of exhausting memory.
const maxYAMLNodes = 1 << 20

// maxYAMLAliasNodes bounds how many nodes aliases may copy into the tree.
// Real configurations alias a few small snippets; a document whose aliases
// expand to more is an alias bomb, which the clients' own YAML readers
// reject too (Continue's limits alias expansion to a hundred references),
// and expanding it would cost time out of all proportion to its size.
const maxYAMLAliasNodes = 1 << 14

var yamlLine = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// ParseYAML parses the first document of a YAML stream into a node tree
// (what a reader that loads one document sees). An empty stream is a null
// node. Repeated mapping keys are an error, merge keys ("<<") are applied,
// and aliases are expanded within bounds.
func ParseYAML(data []byte) (*Node, *SyntaxError) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &Node{Kind: Null}, nil
		}
		return nil, yamlError(data, err)
	}
	b := yamlBuilder{data: data, lines: NewLines(data), otherBreaks: hasOtherBreaks(data)}
	root, err := b.value(&doc, "", 0, false)
	if err != nil {
		return nil, err
	}
	return root, nil
}

// ParseYAMLDocuments parses every document of a YAML stream ("---"
// separated, as Kubernetes manifests are written), in order. Each document's
// pointers start at its own root; empty documents are null nodes. The node
// and alias bounds apply to the stream as a whole. A syntax error in any
// document fails the stream, as kubectl does.
func ParseYAMLDocuments(data []byte) ([]*Node, *SyntaxError) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	b := yamlBuilder{data: data, lines: NewLines(data), otherBreaks: hasOtherBreaks(data)}
	var docs []*Node
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				return docs, nil
			}
			return nil, yamlError(data, err)
		}
		root, err := b.value(&doc, "", 0, false)
		if err != nil {
			return nil, err
		}
		docs = append(docs, root)
	}
}

// yamlError turns a yaml.v3 error into a syntax error at the line where
// the problem is. For errors found while parsing a collection, yaml.v3
// names the line where the collection starts, so the line is looked for
// (locateYAMLProblem); the message is the problem alone, since the
// diagnostic carries the position.
func yamlError(data []byte, err error) *SyntaxError {
	msg := err.Error()
	perr := &SyntaxError{Msg: sanitizeMessage(msg)}
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		perr.Line, _ = strconv.Atoi(msg[m[2]:m[3]])
		if m[4] >= 0 {
			perr.Col, _ = strconv.Atoi(msg[m[4]:m[5]])
		}
		problem := strings.TrimPrefix(msg[m[1]:], ": ")
		perr.Msg = sanitizeMessage(problem)
		if line := locateYAMLProblem(data, problem, perr.Line); line > perr.Line {
			perr.Line, perr.Col = line, 0
		}
	}
	return perr
}

// maxLocateYAML bounds the size of a document whose error line is looked
// for: the search parses it a few dozen times.
const maxLocateYAML = 1 << 20

// locateYAMLProblem returns the line of data where yaml.v3 meets problem,
// searching from line from on, or 0. yaml.v3 reports a parse error at the
// start of the collection being parsed (a list that starts at line 2 when
// the stray key is at line 3); the problem itself is on the first line L
// such that the document cut after L, followed by a line no YAML can hold,
// still fails with the same problem: cut earlier, the parser meets that
// line first and fails otherwise. Problems a cut document would also have
// (an unexpected end, a character no token starts with) are left where
// yaml.v3 put them, which for those is the right line.
func locateYAMLProblem(data []byte, problem string, from int) int {
	if len(data) > maxLocateYAML || from < 1 ||
		strings.Contains(problem, "unexpected end") || strings.Contains(problem, "cannot start any token") {
		return 0
	}
	var ends []int // ends[i] is the offset after line i+1
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	if from > len(ends) {
		return 0
	}
	failsAt := func(line int) bool {
		cut := append(append([]byte(nil), data[:ends[line-1]]...), "\n@\n"...)
		if !bytes.HasSuffix(data[:ends[line-1]], []byte("\n")) {
			cut = append(append([]byte(nil), data[:ends[line-1]]...), "\n\n@\n"...)
		}
		dec := yaml.NewDecoder(bytes.NewReader(cut))
		for {
			var doc yaml.Node
			err := dec.Decode(&doc)
			if err == nil {
				continue
			}
			if errors.Is(err, io.EOF) {
				return false
			}
			msg := err.Error()
			if m := yamlLine.FindStringIndex(msg); m != nil {
				msg = strings.TrimPrefix(msg[m[1]:], ": ")
			}
			return msg == problem
		}
	}
	lo, hi := from, len(ends)
	if !failsAt(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if failsAt(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// yamlBuilder converts yaml.v3 nodes into nodes.
type yamlBuilder struct {
	// data is the document and lines its line index, for spans.
	data        []byte
	lines       Lines
	otherBreaks bool
	cur         yamlCursor
	// count is the number of nodes built so far.
	count int
	// aliased is the number of nodes built by expanding aliases, and
	// inAlias how many aliases enclose the node being built.
	aliased, inAlias int
}

// value converts y, whose JSON pointer is ptr; flow is true inside a flow
// collection ([…] or {…}), where plain scalars end at flow indicators.
func (b *yamlBuilder) value(y *yaml.Node, ptr string, depth int, flow bool) (*Node, *SyntaxError) {
	b.count++
	if b.count > maxYAMLNodes || depth > MaxNesting {
		return nil, &SyntaxError{Line: y.Line, Col: y.Column, Msg: "document expands to too many nodes (alias bomb?)"}
	}
	if b.inAlias > 0 {
		b.aliased++
		if b.aliased > maxYAMLAliasNodes {
			return nil, &SyntaxError{Line: y.Line, Col: y.Column, Msg: fmt.Sprintf("aliases expand to more than %d nodes (alias bomb?)", maxYAMLAliasNodes)}
		}
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &Node{Kind: Null, Pointer: ptr}, nil
		}
		return b.value(y.Content[0], ptr, depth+1, false)
	case yaml.AliasNode:
		if y.Alias == nil {
			return &Node{Kind: Null, Pointer: ptr, Line: y.Line, Col: y.Column}, nil
		}
		b.inAlias++
		// The aliased node keeps the span where its value is written (the
		// anchor), and takes the alias's position.
		n, err := b.value(y.Alias, ptr, depth+1, false)
		b.inAlias--
		if err != nil {
			return nil, err
		}
		n.Line, n.Col = y.Line, y.Column
		return n, nil
	case yaml.MappingNode:
		flow := flow || y.Style&yaml.FlowStyle != 0
		n := &Node{Kind: Object, Pointer: ptr, Line: y.Line, Col: y.Column}
		if !yamlIndexAll && len(y.Content) <= 2*maxScannedMembers && !hasMergeKey(y) {
			if err := b.smallMapping(n, y, ptr, depth, flow); err != nil {
				return nil, err
			}
			return n, nil
		}
		index := map[string]int{}
		// explicit holds the keys written in this mapping (not merged in).
		explicit := map[string]bool{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge" {
				if err := b.merge(n, index, v, ptr, depth, flow); err != nil {
					return nil, err
				}
				continue
			}
			key := k.Value
			if explicit[key] {
				// YAML requires unique keys, and the clients' readers (yaml
				// for Continue, like yaml.v3 decoding into a map) reject the
				// document rather than pick one value.
				return nil, repeatedKey(k, n.Vals[index[key]])
			}
			explicit[key] = true
			child, err := b.value(v, childPointer(ptr, key), depth+1, flow)
			if err != nil {
				return nil, err
			}
			child.Line, child.Col = k.Line, k.Column
			child.KeySpan = b.scalarSpan(k, flow)
			if j, dup := index[key]; dup {
				// A key written here overrides one merged in with "<<".
				n.Vals[j] = child
				continue
			}
			index[key] = len(n.Keys)
			n.Keys = append(n.Keys, key)
			n.Vals = append(n.Vals, child)
		}
		return n, nil
	case yaml.SequenceNode:
		flow := flow || y.Style&yaml.FlowStyle != 0
		n := &Node{Kind: Array, Pointer: ptr, Line: y.Line, Col: y.Column}
		if len(y.Content) > 0 {
			n.Items = make([]*Node, 0, len(y.Content))
		}
		for i, it := range y.Content {
			child, err := b.value(it, indexPointer(ptr, i), depth+1, flow)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, child)
		}
		return n, nil
	}
	n := &Node{Pointer: ptr, Line: y.Line, Col: y.Column, Text: y.Value, Span: b.scalarSpan(y, flow)}
	switch y.ShortTag() {
	case "!!null":
		n.Kind, n.Text = Null, ""
	case "!!bool":
		n.Kind = Bool
		var v bool
		if y.Decode(&v) == nil {
			n.Text = strconv.FormatBool(v)
		}
	case "!!int", "!!float":
		n.Kind = Number
	default:
		n.Kind = String
	}
	return n, nil
}

// repeatedKey is the error for the mapping key k written again, first
// written for the value first.
func repeatedKey(k *yaml.Node, first *Node) *SyntaxError {
	return &SyntaxError{Line: k.Line, Col: k.Column,
		Msg: fmt.Sprintf("mapping key %s already defined at line %d", QuoteKey(k.Value), first.Line)}
}

// yamlIndexAll makes every mapping go through the general path, with maps
// of its keys, for the tests that compare the two paths.
var yamlIndexAll = false

// hasMergeKey reports whether the mapping y has a merge key ("<<").
func hasMergeKey(y *yaml.Node) bool {
	for i := 0; i+1 < len(y.Content); i += 2 {
		if k := y.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge" {
			return true
		}
	}
	return false
}

// smallMapping reads a mapping y of at most maxScannedMembers keys and no
// merge key into n, as the general path of value does: with every key
// written in the mapping itself, a repeated key is found by a look through
// the keys so far instead of maps of them.
func (b *yamlBuilder) smallMapping(n *Node, y *yaml.Node, ptr string, depth int, flow bool) *SyntaxError {
	if len(y.Content) >= 2 {
		n.Keys = make([]string, 0, len(y.Content)/2)
		n.Vals = make([]*Node, 0, len(y.Content)/2)
	}
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		key := k.Value
		if j := slices.Index(n.Keys, key); j >= 0 {
			return repeatedKey(k, n.Vals[j])
		}
		child, err := b.value(v, childPointer(ptr, key), depth+1, flow)
		if err != nil {
			return err
		}
		child.Line, child.Col = k.Line, k.Column
		child.KeySpan = b.scalarSpan(k, flow)
		n.Keys = append(n.Keys, key)
		n.Vals = append(n.Vals, child)
	}
	return nil
}

// merge applies a YAML merge key ("<<: *anchor"): members not already set
// are copied from the merged mapping(s).
func (b *yamlBuilder) merge(n *Node, index map[string]int, v *yaml.Node, ptr string, depth int, flow bool) *SyntaxError {
	src, err := b.value(v, ptr, depth+1, flow)
	if err != nil {
		return err
	}
	sources := []*Node{src}
	if src.Kind == Array {
		sources = src.Items
	}
	for _, s := range sources {
		if s.Kind != Object {
			continue
		}
		for i, k := range s.Keys {
			if _, dup := index[k]; dup {
				continue
			}
			index[k] = len(n.Keys)
			n.Keys = append(n.Keys, k)
			n.Vals = append(n.Vals, s.Vals[i])
		}
	}
	return nil
}
