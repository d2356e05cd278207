// Package config reads Tollgate's configuration: tollgate.yaml, TOLLGATE_*
// environment variables and command-line flags, in that order of increasing
// precedence. Unknown keys in the file are errors that name the file and line.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"
)

// FileName is the configuration file looked for in the working directory.
const FileName = "tollgate.yaml"

// EnvPrefix prefixes environment variables: TOLLGATE_OUTPUT_DIR sets output.dir.
const EnvPrefix = "TOLLGATE"

// Config is Tollgate's configuration. Its mapstructure tags are the keys of
// tollgate.yaml; nested structs are nested maps.
type Config struct {
	Sources      Sources  `mapstructure:"sources"`
	Catalogs     []string `mapstructure:"catalogs"`
	Frameworks   []string `mapstructure:"frameworks"`
	Gate         Gate     `mapstructure:"gate"`
	Waivers      []string `mapstructure:"waivers"`
	Attestations []string `mapstructure:"attestations"`
	// Policy is the organisation policy: a folder of .cue files, or one.
	Policy      string      `mapstructure:"policy"`
	Output      Output      `mapstructure:"output"`
	History     History     `mapstructure:"history"`
	Assessment  Assessment  `mapstructure:"assessment"`
	Remediation Remediation `mapstructure:"remediation"`
}

// History says where runs are kept over time.
type History struct {
	// Store is a SQLite file or a postgres:// URL. Set for assess or
	// evaluate, each run is recorded there and trends go into the reports.
	Store string `mapstructure:"store"`
	// Scope keeps apart the histories of different estates in one store.
	Scope string `mapstructure:"scope"`
}

// Assessment says what the reports state about the engagement: who was
// assessed and by whom, which system, against which system security plan.
type Assessment struct {
	// Organization is the assessed organisation.
	Organization Party `mapstructure:"organization"`
	// Assessor is the person or team who runs the assessment and answers
	// for it.
	Assessor Party `mapstructure:"assessor"`
	// System identifies the assessed system in the organisation's inventory.
	System System `mapstructure:"system"`
	// SSP is the system security plan (a file path or an http(s) URL) the
	// OSCAL assessment plan and POA&M import.
	SSP string `mapstructure:"ssp"`
	// DocumentVersion is the revision of the documents written (default:
	// the assessment time).
	DocumentVersion string `mapstructure:"document_version"`
}

// Party is a person or organisation named in the reports.
type Party struct {
	Name  string `mapstructure:"name"`
	Email string `mapstructure:"email"`
	// Type is person or organization (default organization).
	Type string `mapstructure:"type"`
}

// System identifies the assessed system.
type System struct {
	ID   string `mapstructure:"id"`
	Name string `mapstructure:"name"`
}

// Remediation sets the deadlines and owner of open findings in the POA&M.
type Remediation struct {
	// PointOfContact owns open findings no waiver names an owner for.
	PointOfContact Party `mapstructure:"point_of_contact"`
	// Deadlines are days from detection to remediation, by severity.
	Deadlines Deadlines `mapstructure:"deadlines"`
}

// Deadlines are days allowed per severity (0 or negative: no deadline).
type Deadlines struct {
	Critical int `mapstructure:"critical"`
	High     int `mapstructure:"high"`
	Medium   int `mapstructure:"medium"`
	Low      int `mapstructure:"low"`
	Info     int `mapstructure:"info"`
}

// Sources says what to collect.
type Sources struct {
	Paths       []string `mapstructure:"paths"`
	Include     []string `mapstructure:"include"`
	Exclude     []string `mapstructure:"exclude"`
	UserConfigs bool     `mapstructure:"user_configs"`
	MaxFileSize string   `mapstructure:"max_file_size"`
	// Origin labels the evidence bundle: where it was collected.
	Origin string `mapstructure:"origin"`
	// Kubernetes says which Helm values, label selectors and cluster the
	// Kubernetes collector uses.
	Kubernetes Kubernetes `mapstructure:"kubernetes"`
}

// Kubernetes are the Kubernetes collector's sources.
type Kubernetes struct {
	Kubeconfig string   `mapstructure:"kubeconfig"`
	Context    string   `mapstructure:"context"`
	InCluster  bool     `mapstructure:"in_cluster"`
	Namespaces []string `mapstructure:"namespaces"`
	Selectors  []string `mapstructure:"selectors"`
	HelmValues []string `mapstructure:"helm_values"`
}

// Gate decides the exit code.
type Gate struct {
	FailOn      string  `mapstructure:"fail_on"`
	MinCoverage float64 `mapstructure:"min_coverage"`
	// Baseline is an earlier run (results.json, output folder or bundle):
	// only failures absent from it fail the gate.
	Baseline string `mapstructure:"baseline"`
}

// Output says where reports go.
type Output struct {
	Dir             string   `mapstructure:"dir"`
	Formats         []string `mapstructure:"formats"`
	WorkbookProfile string   `mapstructure:"workbook_profile"`
	// SARIFRoot is the scan root's path in the repository, prefixed to SARIF
	// file paths ("." for none; empty: the folder assessed).
	SARIFRoot string `mapstructure:"sarif_root"`
}

// Defaults are the values used when nothing else sets a key.
var Defaults = map[string]any{
	"output.dir":              "tollgate-out",
	"output.workbook_profile": "default",
	"gate.fail_on":            "high",
	"sources.max_file_size":   "10MB",
	// Remediation deadlines in days (see engagement.DefaultDays).
	"remediation.deadlines.critical": 15,
	"remediation.deadlines.high":     30,
	"remediation.deadlines.medium":   90,
	"remediation.deadlines.low":      180,
	"remediation.deadlines.info":     365,
}

// Loaded is a configuration together with where it came from.
type Loaded struct {
	Config Config
	// File is the configuration file read, or "" when none was found.
	File string
	// Scope names what the command assesses, for the reports (set by the
	// command: the paths collected, or the bundles evaluated).
	Scope []string
	// ScanRoot is the scan root's path relative to the working directory
	// when one folder inside it is assessed (subject paths are relative to
	// it), else "".
	ScanRoot string
	// Ignored are the keys of File that were not applied because Load found
	// the file inside a folder being assessed (see trust.go); Warning says
	// so in words.
	Ignored []string
	ignored []ignoredKey
	viper   *viper.Viper
}

// Load reads the configuration. path names a file explicitly; when it is ""
// Load looks for tollgate.yaml in the working directory and then, when
// assessed (the paths being assessed) is exactly one directory, in that
// directory, and is quiet when there is none. Relative paths in the file
// (sources.paths, catalogs, waivers, attestations, policy, gate.baseline,
// output.dir) are taken relative to the file's own folder. A file found
// inside a folder being assessed cannot weaken the gate, add catalogs or
// send outputs outside that folder: those settings are left out and listed
// in Ignored. flags, when non-nil, are bound so that set flags win over file
// and env; bindings maps configuration keys to flag names.
func Load(path string, assessed []string, flags *pflag.FlagSet, bindings map[string]string) (*Loaded, error) {
	v := viper.New()
	for k, val := range Defaults {
		v.SetDefault(k, val)
	}
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	for _, key := range Keys() {
		if err := v.BindEnv(key); err != nil {
			return nil, fmt.Errorf("bind env for %s: %w", key, err)
		}
	}

	explicit := path != ""
	if !explicit {
		path = find(assessed)
	}
	var ignored []ignoredKey
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read config: %w", err)
		}
		if err := CheckKeys(path, data); err != nil {
			return nil, err
		}
		values, err := fileValues(path, data)
		if err != nil {
			return nil, err
		}
		if !explicit {
			if len(assessed) == 0 {
				assessed = pathsOf(values)
			}
			if tree := treeHolding(path, assessed); tree != "" {
				ignored = confine(data, values, tree)
			}
		}
		if err := v.MergeConfigMap(values); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}

	if flags != nil {
		for key, name := range bindings {
			if f := flags.Lookup(name); f != nil {
				if err := v.BindPFlag(key, f); err != nil {
					return nil, fmt.Errorf("bind flag --%s: %w", name, err)
				}
			}
		}
	}
	var cfg Config
	if err := v.Unmarshal(&cfg); err != nil {
		return nil, fmt.Errorf("decode config %s: %w", path, err)
	}
	l := &Loaded{Config: cfg, File: path, viper: v}
	for _, k := range ignored {
		// A flag or variable that sets the key wins anyway: nothing to say.
		if flags != nil {
			if f := flags.Lookup(bindings[k.key]); f != nil && f.Changed {
				continue
			}
		}
		if _, set := os.LookupEnv(EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(k.key, ".", "_"))); set {
			continue
		}
		l.ignored = append(l.ignored, k)
		l.Ignored = append(l.Ignored, k.key)
	}
	return l, nil
}

// pathsOf returns the sources.paths of a file's values.
func pathsOf(values map[string]any) []string {
	src, _ := values["sources"].(map[string]any)
	list, _ := src["paths"].([]any)
	var out []string
	for _, p := range list {
		if s, ok := p.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// find returns the configuration file Load reads when none is named, or "".
func find(assessed []string) string {
	candidates := []string{FileName}
	if len(assessed) == 1 {
		if info, err := os.Stat(assessed[0]); err == nil && info.IsDir() {
			candidates = append(candidates, filepath.Join(assessed[0], FileName))
		}
	}
	for _, c := range candidates {
		if info, err := os.Stat(c); err == nil && info.Mode().IsRegular() {
			return c
		}
	}
	return ""
}

// pathKeys are the keys whose values are file paths, resolved against the
// configuration file's folder.
var pathKeys = [][]string{{"sources", "paths"}, {"catalogs"}, {"waivers"}, {"attestations"}, {"policy"}, {"gate", "baseline"}, {"output", "dir"}, {"history", "store"}, {"assessment", "ssp"},
	{"sources", "kubernetes", "kubeconfig"}, {"sources", "kubernetes", "helm_values"}}

// singlePathKeys are the path keys that hold one path rather than a list.
var singlePathKeys = map[string]bool{"policy": true, "gate.baseline": true, "output.dir": true, "history.store": true, "assessment.ssp": true,
	"sources.kubernetes.kubeconfig": true}

// fileValues decodes a configuration file and resolves its relative paths.
func fileValues(path string, data []byte) (map[string]any, error) {
	values := map[string]any{}
	if err := yaml.Unmarshal(data, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	base := filepath.Dir(path)
	for _, key := range pathKeys {
		m := values
		for _, part := range key[:len(key)-1] {
			next, ok := m[part].(map[string]any)
			if !ok {
				m = nil
				break
			}
			m = next
		}
		if m == nil {
			continue
		}
		last := key[len(key)-1]
		switch list := m[last].(type) {
		case []any:
			for i, item := range list {
				if p, ok := item.(string); ok && p != "" && !filepath.IsAbs(p) {
					list[i] = filepath.Join(base, p)
				}
			}
		case string:
			switch {
			case list == "" || filepath.IsAbs(list) || strings.Contains(list, "://"):
			case singlePathKeys[strings.Join(key, ".")]:
				m[last] = filepath.Join(base, list)
			default:
				m[last] = []any{filepath.Join(base, list)}
			}
		}
	}
	return values, nil
}

// Keys lists every known configuration key in dotted form, sorted.
func Keys() []string {
	var keys []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			key := prefix + f.Tag.Get("mapstructure")
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, key+".")
				continue
			}
			keys = append(keys, key)
		}
	}
	walk(reflect.TypeOf(Config{}), "")
	sort.Strings(keys)
	return keys
}

// CheckKeys reports the first unknown or misplaced key of a YAML config file,
// as "file:line:column: unknown key …", and YAML syntax errors with their line.
func CheckKeys(path string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return nil // empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d:%d: the configuration must be a mapping of keys", path, root.Line, root.Column)
	}
	return checkMapping(path, root, reflect.TypeOf(Config{}), "")
}

func checkMapping(path string, node *yaml.Node, t reflect.Type, prefix string) error {
	fields := map[string]reflect.StructField{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("mapstructure")
		fields[name] = f
		names = append(names, name)
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, val := node.Content[i], node.Content[i+1]
		f, ok := fields[k.Value]
		if !ok {
			msg := fmt.Sprintf("%s:%d:%d: unknown key %q", path, k.Line, k.Column, prefix+k.Value)
			if s := suggest(k.Value, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", prefix+s)
			} else if full := elsewhere(k.Value); full != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", full)
			}
			return errors.New(msg + "; known keys: " + strings.Join(qualify(prefix, names), ", "))
		}
		if f.Type.Kind() == reflect.Struct {
			if val.Kind != yaml.MappingNode {
				return fmt.Errorf("%s:%d:%d: %q must be a mapping", path, val.Line, val.Column, prefix+k.Value)
			}
			if err := checkMapping(path, val, f.Type, prefix+k.Value+"."); err != nil {
				return err
			}
		}
	}
	return nil
}

// elsewhere finds a known key, at any depth, whose last segment is name.
func elsewhere(name string) string {
	for _, key := range Keys() {
		if strings.HasSuffix(key, "."+name) {
			return key
		}
	}
	return ""
}

func qualify(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}

// suggest returns the known name closest to s when it is close enough.
func suggest(s string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := distance(strings.ToLower(s), n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// isURL reports whether s is an http(s) URL rather than a path.
func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
