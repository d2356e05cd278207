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
	owners := map[string][]string{}
	for _, t := range tools {
		if t.Type == evidence.DefinitionTool && t.Lock != evidence.LockRemoved && distinctive(t.Name) {
			owners[t.Name] = append(owners[t.Name], t.Server)
		}
	}
	if len(owners) == 0 {
		return
	}
	for name, servers := range owners {
		sort.Strings(servers)
		owners[name] = slices.Compact(servers)
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
			seen := map[string]bool{}
			for _, loc := range wordRE.FindAllStringIndex(plain, -1) {
				word := strings.TrimRight(plain[loc[0]:loc[1]], ".-")
				servers, ok := owners[word]
				if !ok || seen[word] {
					continue
				}
				seen[word] = true
				for _, server := range servers {
					if server == t.Server || len(t.CrossServerReferences) >= maxMatchesPerFact {
						continue
					}
					t.CrossServerReferences = append(t.CrossServerReferences, evidence.TextMatch{
						Field: f.path, Rule: ruleOtherServerTool, Excerpt: Excerpt(plain, loc[0], loc[0]+len(word)),
						Decoded: server + "/" + word,
					})
				}
			}
		}
	}
}

// wordRE matches identifier-like words, in which tool names are written.
var wordRE = regexp.MustCompile(`[A-Za-z0-9_][A-Za-z0-9_.-]*`)

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
