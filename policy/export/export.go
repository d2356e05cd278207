// Package export turns an organisation policy into what clients and
// gateways enforce themselves, so the policy is enforced where it can be and
// assessed everywhere: Claude Code's managed configuration, a Docker MCP
// Gateway catalog and an agentgateway configuration. Each target is one file
// here, behind Target.
package export

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/policy"
)

// File is one file an export writes.
type File struct {
	// Path is relative to the output folder.
	Path        string
	Description string
	Data        []byte
}

// Skipped is a policy entry a target cannot express, and why.
type Skipped struct {
	Target string
	Entry  string
	Reason string
}

// String renders the skipped entry for people.
func (s Skipped) String() string {
	return fmt.Sprintf("%s: %s left out: %s", s.Target, s.Entry, s.Reason)
}

// Target is one product an export writes for.
type Target interface {
	// Name is the target's name on the command line.
	Name() string
	// Export renders the policy for the product, listing the entries it
	// cannot express.
	Export(p *policy.Policy) ([]File, []Skipped, error)
}

// Targets are every target, in the order "all" writes them.
var Targets = []Target{claudeCode{}, dockerCatalog{}, agentgateway{}}

// Names lists the targets' names.
func Names() []string {
	out := make([]string, len(Targets))
	for i, t := range Targets {
		out[i] = t.Name()
	}
	return out
}

// Lookup returns the target named name.
func Lookup(name string) (Target, bool) {
	i := slices.IndexFunc(Targets, func(t Target) bool { return t.Name() == name })
	if i < 0 {
		return nil, false
	}
	return Targets[i], true
}

// Export renders the policy for the named targets ("all" for every one).
func Export(p *policy.Policy, names []string) ([]File, []Skipped, error) {
	var targets []Target
	for _, n := range names {
		if n == "all" {
			targets = Targets
			break
		}
		t, ok := Lookup(n)
		if !ok {
			return nil, nil, fmt.Errorf("unknown export target %q (want %s or all)", n, strings.Join(Names(), ", "))
		}
		if !slices.Contains(targets, t) {
			targets = append(targets, t)
		}
	}
	var (
		files   []File
		skipped []Skipped
	)
	for _, t := range targets {
		f, s, err := t.Export(p)
		if err != nil {
			return nil, nil, fmt.Errorf("export for %s: %w", t.Name(), err)
		}
		files, skipped = append(files, f...), append(skipped, s...)
	}
	return files, skipped, nil
}
