package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tollgate-dev/tollgate/controls"
	"gopkg.in/yaml.v3"
)

// A tollgate.yaml that Load finds by itself (not named with --config) inside
// a folder being assessed belongs to what is being judged: in a CI job on a
// pull request, its author wrote it. Such a file may make the gate stricter,
// but its settings that would weaken the assessment or write elsewhere are
// ignored, and Loaded.Ignored names them:
//
//   - gate.fail_on laxer than the default (critical, none), and
//     gate.min_coverage lower than the default;
//   - gate.baseline (an earlier run whose failures no longer count);
//   - catalogs (extra controls are code);
//   - waiver and attestation files outside the assessed folder that holds
//     the file (those inside apply: every report shows them with their
//     owner and approver);
//   - a policy outside that folder (one inside applies: a policy can only
//     add findings, of the policy controls, compared with no policy, and
//     every report cites its files with their hashes; an organisation
//     that wants its own policy to decide names it with --policy or in a
//     file given with --config, and the repository's is then not read);
//   - output.dir outside that folder;
//   - history.store outside that folder, or a database URL;
//   - assessment.ssp outside it (the file is read to be hashed).
//
// Named with --config, the same file applies in full.

// ignoredKey is a key of a discovered file that was not applied, and why.
type ignoredKey struct {
	key, reason string
}

// confine removes from values (the settings of the discovered file, paths
// already resolved against its folder) what a file inside the assessed tree
// may not set. tree is the assessed folder that holds the file; data is the
// file's text, for quoting values as written.
func confine(data []byte, values map[string]any, tree string) []ignoredKey {
	var ignored []ignoredKey
	drop := func(key, reason string) {
		parts := strings.Split(key, ".")
		m := values
		for _, p := range parts[:len(parts)-1] {
			m, _ = m[p].(map[string]any)
		}
		delete(m, parts[len(parts)-1])
		ignored = append(ignored, ignoredKey{key, reason})
	}
	gate, _ := values["gate"].(map[string]any)
	if s, ok := gate["fail_on"].(string); ok && laxer(s, Defaults["gate.fail_on"].(string)) {
		drop("gate.fail_on", fmt.Sprintf("%q is laxer than the default %q", s, Defaults["gate.fail_on"]))
	}
	if n, ok := number(gate["min_coverage"]); ok && n < 0 {
		drop("gate.min_coverage", "it is lower than the default 0")
	}
	if _, ok := gate["baseline"]; ok {
		drop("gate.baseline", "it would excuse the failures of an earlier run")
	}
	if _, ok := values["catalogs"]; ok {
		drop("catalogs", "a catalog's checks are code")
	}
	for _, key := range []string{"waivers", "attestations"} {
		list, _ := values[key].([]any)
		var kept []any
		var outside []string
		for _, item := range list {
			if p, ok := item.(string); ok && !within(tree, p) {
				outside = append(outside, p)
				continue
			}
			kept = append(kept, item)
		}
		if len(outside) > 0 {
			values[key] = kept
			ignored = append(ignored, ignoredKey{key, fmt.Sprintf("%s outside %s", strings.Join(outside, ", "), tree)})
		}
	}
	if p, ok := values["policy"].(string); ok && p != "" && !within(tree, p) {
		drop("policy", fmt.Sprintf("%s lies outside %s", p, tree))
	}
	assessment, _ := values["assessment"].(map[string]any)
	if ssp, ok := assessment["ssp"].(string); ok && ssp != "" && !isURL(ssp) && !within(tree, ssp) {
		drop("assessment.ssp", fmt.Sprintf("%q leads outside %s", ssp, tree))
	}
	output, _ := values["output"].(map[string]any)
	if dir, ok := output["dir"].(string); ok && dir != "" && !within(tree, dir) {
		var raw struct {
			Output struct{ Dir string } `yaml:"output"`
		}
		if yaml.Unmarshal(data, &raw) == nil && raw.Output.Dir != "" {
			dir = raw.Output.Dir
		}
		drop("output.dir", fmt.Sprintf("%q leads outside %s", dir, tree))
	}
	history, _ := values["history"].(map[string]any)
	if store, ok := history["store"].(string); ok && store != "" && (strings.Contains(store, "://") || !within(tree, store)) {
		drop("history.store", "it would record the results outside the assessed folder")
	}
	return ignored
}

// laxer reports whether the fail-on severity s fails the gate on fewer
// findings than def does.
func laxer(s, def string) bool {
	if s == "none" {
		return true
	}
	rank, defRank := controls.SeverityRank(s), controls.SeverityRank(def)
	return rank >= 0 && rank < defRank
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// treeHolding returns the assessed folder that holds file, or "" when the
// file lies outside every assessed folder.
func treeHolding(file string, assessed []string) string {
	dir := filepath.Dir(file)
	for _, p := range assessed {
		if info, err := os.Stat(p); err == nil && info.IsDir() && within(p, dir) {
			return p
		}
	}
	return ""
}

// within reports whether p is root or lies below it, once both are made
// absolute and the symbolic links in their existing parts resolved.
func within(root, p string) bool {
	r, q := realPath(root), realPath(p)
	rel, err := filepath.Rel(r, q)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// realPath makes p absolute and resolves symbolic links in the longest
// part of it that exists.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(cur) == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// Warning says which settings of a discovered configuration file were not
// applied and why, or "" when all were.
func (l *Loaded) Warning() string {
	if len(l.Ignored) == 0 {
		return ""
	}
	var reasons []string
	for _, k := range l.ignored {
		reasons = append(reasons, fmt.Sprintf("%s (%s)", k.key, k.reason))
	}
	return fmt.Sprintf("%s lies inside the folder being assessed, so these settings of it are ignored: %s. "+
		"Name the file with --config to apply them, or set them with flags.", l.File, strings.Join(reasons, "; "))
}
