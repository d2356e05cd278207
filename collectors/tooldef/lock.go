package tooldef

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// LockFile is the conventional name of a lockfile in an assessed folder.
const LockFile = "tollgate.lock"

// LockVersion is the lockfile format version Lock writes.
const LockVersion = 1

// Lock records the approved definitions of every server: what `tollgate
// lock` wrote and `tollgate assess` compares live and saved definitions
// against. It never holds a secret: definitions are stored redacted, and
// only their hashes are taken over the original text.
type Lock struct {
	// LockfileVersion is LockVersion.
	LockfileVersion int `json:"lockfile_version"`
	// Servers are sorted by server, then endpoint.
	Servers []LockedServer `json:"servers"`
}

// LockedServer is one server's approved definitions.
type LockedServer struct {
	// Server and Endpoint identify the server as tool subjects do.
	Server   string `json:"server"`
	Endpoint string `json:"endpoint,omitempty"`
	// ServerName and ServerVersion are the server's own serverInfo, when known.
	ServerName    string `json:"server_name,omitempty"`
	ServerVersion string `json:"server_version,omitempty"`
	// ProtocolVersion is the negotiated protocol version, when known.
	ProtocolVersion string `json:"protocol_version,omitempty"`
	// Definitions are sorted by type, then name.
	Definitions []LockedDefinition `json:"definitions"`
}

// LockedDefinition is one approved definition.
type LockedDefinition struct {
	Type string `json:"type"`
	Name string `json:"name"`
	// SHA256 is the hash of the definition's canonical JSON as served.
	SHA256 string `json:"sha256"`
	// Definition is the definition, secrets redacted.
	Definition map[string]any `json:"definition"`
}

type serverKey struct{ server, endpoint string }

func (s LockedServer) key() serverKey { return serverKey{s.Server, s.Endpoint} }

// BuildLock records the definitions among subjects (tool subjects, with the
// endpoint subjects giving server versions). Removed definitions, and those
// read from an earlier lockfile rather than observed, are left out.
func BuildLock(subjects []evidence.Subject) *Lock {
	byKey := map[serverKey]*LockedServer{}
	endpoints := map[string]*evidence.Endpoint{}
	for _, s := range subjects {
		if e, ok := s.(*evidence.Endpoint); ok {
			endpoints[e.ID] = e
		}
	}
	for _, s := range subjects {
		t, ok := s.(*evidence.Tool)
		if !ok || t.Lock == evidence.LockRemoved || t.Lock == evidence.LockLocked {
			continue
		}
		k := serverKey{t.Server, t.Endpoint}
		ls := byKey[k]
		if ls == nil {
			ls = &LockedServer{Server: t.Server, Endpoint: t.Endpoint}
			for _, l := range t.Links {
				if e := endpoints[l]; e != nil {
					ls.ServerName, ls.ServerVersion, ls.ProtocolVersion = e.ServerName, e.ServerVersion, e.ProtocolVersion
				}
			}
			byKey[k] = ls
		}
		ls.Definitions = append(ls.Definitions, LockedDefinition{Type: t.Type, Name: t.Name, SHA256: t.SHA256, Definition: t.Definition})
	}
	l := &Lock{LockfileVersion: LockVersion}
	for _, ls := range byKey {
		sort.Slice(ls.Definitions, func(i, j int) bool {
			a, b := ls.Definitions[i], ls.Definitions[j]
			if a.Type != b.Type {
				return a.Type < b.Type
			}
			return a.Name < b.Name
		})
		l.Servers = append(l.Servers, *ls)
	}
	sort.Slice(l.Servers, func(i, j int) bool {
		a, b := l.Servers[i], l.Servers[j]
		if a.Server != b.Server {
			return a.Server < b.Server
		}
		return a.Endpoint < b.Endpoint
	})
	if l.Servers == nil {
		l.Servers = []LockedServer{}
	}
	return l
}

// Encode renders the lock as indented JSON with sorted keys and a final newline.
func (l *Lock) Encode() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		return nil, fmt.Errorf("encode lock: %w", err)
	}
	return b.Bytes(), nil
}

// WriteLock writes l to path through a temporary file renamed into place.
func WriteLock(path string, l *Lock) error {
	data, err := l.Encode()
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".tollgate-lock-*")
	if err != nil {
		return fmt.Errorf("write lock %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write lock %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write lock %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write lock %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write lock %s: %w", path, err)
	}
	return nil
}

// maxLockSize bounds the lockfile ReadLock accepts.
const maxLockSize = 64 << 20

// ReadLock reads a lockfile. A missing file is reported with fs.ErrNotExist.
func ReadLock(path string) (*Lock, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read lock %s: %w", path, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("read lock %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("read lock %s: not a regular file", path)
	}
	if info.Size() > maxLockSize {
		return nil, fmt.Errorf("read lock %s: larger than %d MB", path, maxLockSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read lock %s: %w", path, err)
	}
	return DecodeLock(path, data)
}

// DecodeLock parses a lockfile's content; name is used in errors.
func DecodeLock(name string, data []byte) (*Lock, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	var l Lock
	if err := dec.Decode(&l); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
			return nil, fmt.Errorf("read lock %s:%d: %v", name, line, err)
		}
		return nil, fmt.Errorf("read lock %s: %w", name, err)
	}
	if l.LockfileVersion != LockVersion {
		return nil, fmt.Errorf("read lock %s: lockfile_version %d is not supported (want %d)", name, l.LockfileVersion, LockVersion)
	}
	for i, s := range l.Servers {
		for j, d := range s.Definitions {
			if d.Name == "" || d.Type == "" || len(d.SHA256) != 64 {
				return nil, fmt.Errorf("read lock %s: servers[%d].definitions[%d]: type, name and a 64-digit sha256 are required", name, i, j)
			}
		}
	}
	return &l, nil
}

// Apply compares every tool subject with the lock and sets its lock state,
// locked hash and changes. Servers the lock does not know get "added";
// definitions a locked, observed server no longer offers come back as new
// tool subjects with lock state "removed". Servers in the lock that were not
// observed in this run are left alone: nothing was seen to compare.
func (l *Lock) Apply(tools []*evidence.Tool) []*evidence.Tool {
	type defKey struct {
		server    serverKey
		typ, name string
	}
	locked := map[defKey]*LockedDefinition{}
	lockedServers := map[serverKey]*LockedServer{}
	for i := range l.Servers {
		s := &l.Servers[i]
		lockedServers[s.key()] = s
		for j := range s.Definitions {
			d := &s.Definitions[j]
			locked[defKey{s.key(), d.Type, d.Name}] = d
		}
	}
	seen := map[defKey]bool{}
	observed := map[serverKey]*evidence.Tool{}
	for _, t := range tools {
		sk := serverKey{t.Server, t.Endpoint}
		k := defKey{sk, t.Type, t.Name}
		seen[k] = true
		if observed[sk] == nil {
			observed[sk] = t
		}
		d, ok := locked[k]
		if !ok {
			t.Lock = evidence.LockAdded
			t.LockedSHA256 = ""
			t.Changes = []evidence.DefinitionChange{{Field: "(definition)", After: "new " + t.Type + ", not in the lockfile"}}
			continue
		}
		t.LockedSHA256 = d.SHA256
		if d.SHA256 == t.SHA256 {
			t.Lock = evidence.LockUnchanged
			continue
		}
		t.Lock = evidence.LockChanged
		t.Changes = Diff(d.Definition, t.Definition)
		if len(t.Changes) == 0 {
			t.Changes = []evidence.DefinitionChange{{Field: "(definition)", Before: "a redacted value", After: "a different redacted value"}}
		}
	}
	var removed []*evidence.Tool
	for sk, sample := range observed {
		ls := lockedServers[sk]
		if ls == nil {
			continue
		}
		for _, d := range ls.Definitions {
			if seen[defKey{sk, d.Type, d.Name}] {
				continue
			}
			t := &evidence.Tool{
				Meta:            sample.Meta,
				Type:            d.Type,
				Server:          sample.Server,
				Endpoint:        sample.Endpoint,
				DestructiveHint: evidence.HintUnset,
				Definition:      d.Definition,
				SHA256:          d.SHA256,
				Lock:            evidence.LockRemoved,
				LockedSHA256:    d.SHA256,
				Changes:         []evidence.DefinitionChange{{Field: "(definition)", Before: d.Type + " " + d.Name, After: "no longer offered"}},
			}
			t.Name = d.Name
			t.Links = append([]string(nil), sample.Links...)
			t.ID = replaceIDName(sample, d.Type, d.Name)
			if s, ok := d.Definition["description"].(string); ok {
				t.Description = s
			}
			removed = append(removed, t)
		}
	}
	sort.Slice(removed, func(i, j int) bool { return removed[i].ID < removed[j].ID })
	return removed
}

// replaceIDName derives the ID of a sibling definition of sample.
func replaceIDName(sample *evidence.Tool, typ, name string) string {
	return toolID(Origin{Endpoint: sample.Endpoint, File: sample.Provenance.File, Server: sample.Server}, typ, name)
}

// diffValueMax is how long a before/after value may be in a change.
const diffValueMax = 160

// maxChanges bounds how many changes one definition reports.
const maxChanges = 12

// Diff lists the fields that differ between a locked and a current
// definition, as JSON paths with readable before/after values.
func Diff(before, after map[string]any) []evidence.DefinitionChange {
	var out []evidence.DefinitionChange
	var walk func(path string, a, b any)
	walk = func(path string, a, b any) {
		if len(out) > maxChanges {
			return
		}
		am, aok := a.(map[string]any)
		bm, bok := b.(map[string]any)
		if aok && bok {
			keys := map[string]bool{}
			for k := range am {
				keys[k] = true
			}
			for k := range bm {
				keys[k] = true
			}
			sorted := make([]string, 0, len(keys))
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				p := k
				if path != "" {
					p = path + "." + k
				}
				walk(p, am[k], bm[k])
			}
			return
		}
		if equalJSON(a, b) {
			return
		}
		if as, ok := a.(string); ok {
			if bs, ok := b.(string); ok {
				before, after := stringChange(as, bs)
				out = append(out, evidence.DefinitionChange{Field: path, Before: before, After: after})
				return
			}
		}
		out = append(out, evidence.DefinitionChange{Field: path, Before: render(a), After: render(b)})
	}
	walk("", before, after)
	if len(out) > maxChanges {
		out = append(out[:maxChanges], evidence.DefinitionChange{Field: "…", After: "more changes not shown"})
	}
	return out
}

func equalJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb) || reflect.DeepEqual(a, b)
}

// render shows a definition value for a person: strings made visible,
// other values as compact JSON, cut to a readable length.
func render(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return Cut(Visible(s), diffValueMax)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return Cut(Visible(strings.TrimSpace(string(data))), diffValueMax)
}

// stringChange shows where two strings differ: the differing middle with a
// little shared context either side, made visible and cut.
func stringChange(a, b string) (string, string) {
	ar, br := []rune(a), []rune(b)
	pre := 0
	for pre < len(ar) && pre < len(br) && ar[pre] == br[pre] {
		pre++
	}
	suf := 0
	for suf < len(ar)-pre && suf < len(br)-pre && ar[len(ar)-1-suf] == br[len(br)-1-suf] {
		suf++
	}
	const context = 30
	show := func(r []rune) string {
		lo := max(pre-context, 0)
		hi := min(len(r)-suf+context, len(r))
		out := Visible(string(r[lo:hi]))
		if lo > 0 {
			out = "…" + out
		}
		if hi < len(r) {
			out += "…"
		}
		return Cut(out, diffValueMax)
	}
	return show(ar), show(br)
}
