package tooldef

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// Correlate sets the facts that need every server's definitions at once:
// name collisions (the same type and name, once look-alike letters are
// folded, offered by more than one server) and references in one server's
// texts to another server's tool names (shadowing). Tools must come from one
// collection run. Correlate may run again over a larger set (the tools of
// files and of live endpoints together): it replaces what it set before.
func Correlate(tools []*evidence.Tool) {
	for _, t := range tools {
		t.NameCollisions = nil
		kept := t.CrossServerReferences[:0]
		for _, m := range t.CrossServerReferences {
			if m.Rule != ruleOtherServerTool {
				kept = append(kept, m)
			}
		}
		t.CrossServerReferences = kept
		if len(kept) == 0 {
			t.CrossServerReferences = nil
		}
	}
	type key struct{ typ, skel string }
	servers := map[key]map[string]bool{}
	for _, t := range tools {
		if t.Type == evidence.DefinitionInstructions || t.Lock == evidence.LockRemoved {
			continue
		}
		k := key{t.Type, Skeleton(t.Name)}
		if servers[k] == nil {
			servers[k] = map[string]bool{}
		}
		servers[k][t.Server] = true
	}
	for _, t := range tools {
		k := key{t.Type, Skeleton(t.Name)}
		var others []string
		for s := range servers[k] {
			if s != t.Server {
				others = append(others, s)
			}
		}
		sort.Strings(others)
		t.NameCollisions = others
	}

	// Distinctive tool names per server: names a sentence would not contain
	// by chance (with a separator or inner capital, at least five letters).
	type named struct{ server, name string }
	var names []named
	for _, t := range tools {
		if t.Type == evidence.DefinitionTool && t.Lock != evidence.LockRemoved && distinctive(t.Name) {
			names = append(names, named{t.Server, t.Name})
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if names[i].server != names[j].server {
			return names[i].server < names[j].server
		}
		return names[i].name < names[j].name
	})
	names = slices.Compact(names)
	if len(names) == 0 {
		return
	}
	for _, t := range tools {
		if t.Lock == evidence.LockRemoved {
			continue
		}
		fields := []field{{"description", t.Description}}
		for _, p := range t.Parameters {
			if p.Description != "" {
				fields = append(fields, field{"input_schema.properties." + p.Path + ".description", p.Description})
			}
		}
		for _, f := range fields {
			plain := Reveal(f.text)
			for _, n := range names {
				if n.server == t.Server {
					continue
				}
				re := wordRE(n.name)
				if loc := re.FindStringIndex(plain); loc != nil && len(t.CrossServerReferences) < maxMatchesPerFact {
					t.CrossServerReferences = append(t.CrossServerReferences, evidence.TextMatch{
						Field: f.path, Rule: ruleOtherServerTool, Excerpt: Excerpt(plain, loc[0], loc[1]),
						Decoded: n.server + "/" + n.name,
					})
				}
			}
		}
	}
}

// ruleOtherServerTool is the rule of a mention of another server's tool.
const ruleOtherServerTool = "other-server-tool"

// distinctive reports whether a tool name is unlikely to appear in prose by chance.
func distinctive(name string) bool {
	if len(name) < 5 {
		return false
	}
	if strings.ContainsAny(name, "_-.") {
		return true
	}
	for i := 1; i < len(name); i++ {
		if name[i] >= 'A' && name[i] <= 'Z' && name[i-1] >= 'a' && name[i-1] <= 'z' {
			return true
		}
	}
	return false
}

func wordRE(name string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[^\w])` + regexp.QuoteMeta(name) + `($|[^\w])`)
}
