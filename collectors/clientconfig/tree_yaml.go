package clientconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

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

// parseYAML parses the first document of a YAML stream into a node tree.
func parseYAML(data []byte) (*node, *parseError) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &node{kind: kindNull}, nil
		}
		return nil, yamlError(err)
	}
	b := yamlBuilder{}
	root, err := b.value(&doc, "", 0)
	if err != nil {
		return nil, err
	}
	return root, nil
}

func yamlError(err error) *parseError {
	msg := err.Error()
	perr := &parseError{msg: sanitizeMessage(msg)}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		perr.line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			perr.col, _ = strconv.Atoi(m[2])
		}
	}
	return perr
}

// yamlBuilder converts yaml.v3 nodes into nodes.
type yamlBuilder struct {
	// count is the number of nodes built so far.
	count int
	// aliased is the number of nodes built by expanding aliases, and
	// inAlias how many aliases enclose the node being built.
	aliased, inAlias int
}

func (b *yamlBuilder) value(y *yaml.Node, ptr string, depth int) (*node, *parseError) {
	b.count++
	if b.count > maxYAMLNodes || depth > maxNesting {
		return nil, &parseError{line: y.Line, col: y.Column, msg: "document expands to too many nodes (alias bomb?)"}
	}
	if b.inAlias > 0 {
		b.aliased++
		if b.aliased > maxYAMLAliasNodes {
			return nil, &parseError{line: y.Line, col: y.Column, msg: fmt.Sprintf("aliases expand to more than %d nodes (alias bomb?)", maxYAMLAliasNodes)}
		}
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &node{kind: kindNull, ptr: ptr}, nil
		}
		return b.value(y.Content[0], ptr, depth+1)
	case yaml.AliasNode:
		if y.Alias == nil {
			return &node{kind: kindNull, ptr: ptr, line: y.Line, col: y.Column}, nil
		}
		b.inAlias++
		n, err := b.value(y.Alias, ptr, depth+1)
		b.inAlias--
		if err != nil {
			return nil, err
		}
		n.line, n.col = y.Line, y.Column
		return n, nil
	case yaml.MappingNode:
		n := &node{kind: kindObject, ptr: ptr, line: y.Line, col: y.Column}
		index := map[string]int{}
		// explicit holds the keys written in this mapping (not merged in).
		explicit := map[string]bool{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge" {
				if err := b.merge(n, index, v, ptr, depth); err != nil {
					return nil, err
				}
				continue
			}
			key := k.Value
			if explicit[key] {
				// YAML requires unique keys, and the clients' readers (yaml
				// for Continue, like yaml.v3 decoding into a map) reject the
				// document rather than pick one value.
				first := n.vals[index[key]]
				return nil, &parseError{line: k.Line, col: k.Column,
					msg: fmt.Sprintf("mapping key %s already defined at line %d", quoteKey(key), first.line)}
			}
			explicit[key] = true
			child, err := b.value(v, childPointer(ptr, key), depth+1)
			if err != nil {
				return nil, err
			}
			child.line, child.col = k.Line, k.Column
			if j, dup := index[key]; dup {
				// A key written here overrides one merged in with "<<".
				n.vals[j] = child
				continue
			}
			index[key] = len(n.keys)
			n.keys = append(n.keys, key)
			n.vals = append(n.vals, child)
		}
		return n, nil
	case yaml.SequenceNode:
		n := &node{kind: kindArray, ptr: ptr, line: y.Line, col: y.Column}
		for i, it := range y.Content {
			child, err := b.value(it, indexPointer(ptr, i), depth+1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, child)
		}
		return n, nil
	}
	n := &node{ptr: ptr, line: y.Line, col: y.Column, text: y.Value}
	switch y.ShortTag() {
	case "!!null":
		n.kind, n.text = kindNull, ""
	case "!!bool":
		n.kind = kindBool
		var v bool
		if y.Decode(&v) == nil {
			n.text = strconv.FormatBool(v)
		}
	case "!!int", "!!float":
		n.kind = kindNumber
	default:
		n.kind = kindString
	}
	return n, nil
}

// merge applies a YAML merge key ("<<: *anchor"): members not already set
// are copied from the merged mapping(s).
func (b *yamlBuilder) merge(n *node, index map[string]int, v *yaml.Node, ptr string, depth int) *parseError {
	src, err := b.value(v, ptr, depth+1)
	if err != nil {
		return err
	}
	sources := []*node{src}
	if src.kind == kindArray {
		sources = src.items
	}
	for _, s := range sources {
		if s.kind != kindObject {
			continue
		}
		for i, k := range s.keys {
			if _, dup := index[k]; dup {
				continue
			}
			index[k] = len(n.keys)
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, s.vals[i])
		}
	}
	return nil
}
