package clientconfig

import (
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// dedicated is implemented by formats whose files exist only to declare MCP
// servers (.mcp.json, .cursor/mcp.json, .vscode/mcp.json, …): readKeys are
// the top-level keys the client reads in them. Anything else at the top of
// such a file looks configured but is not.
type dedicated interface {
	readKeys() map[string]bool
}

// unreadKeys returns the top-level keys of a dedicated file that the client
// does not read, other than those already reported as ignored server
// entries and annotations ("$schema", "//" comments), sorted.
func unreadKeys(f format, d *document) []string {
	ded, ok := f.(dedicated)
	if !ok || !d.root.IsObject() {
		return nil
	}
	read := ded.readKeys()
	var out []string
	for _, k := range d.root.Keys {
		if read[k] || d.strayKeys[k] || strings.HasPrefix(k, "$") || strings.HasPrefix(k, "//") || strings.HasPrefix(k, "_comment") {
			continue
		}
		out = append(out, secrets.RedactName(k))
	}
	sort.Strings(out)
	return out
}

// fileCredentials walks the whole document for credentials written outside
// the server entries it declares (which server controls judge): a model
// provider's API key in Continue, Zed, Codex or Cline settings, a token
// under any key. Every string is classified under the key it is written
// under; literal secrets become credentials of the file and are handed to it
// for redaction. Credentials a format recorded itself come first, in place.
func fileCredentials(file *files.File, d *document, syn secrets.Syntax, servers []*evidence.Server) []evidence.Credential {
	skip := make(map[string]bool, len(servers))
	for _, s := range servers {
		skip[s.Provenance.Pointer] = true
	}
	var out []evidence.Credential
	var walk func(n *postree.Node, key string)
	walk = func(n *postree.Node, key string) {
		if n == nil || skip[n.Pointer] && n.Pointer != "" {
			return
		}
		if c, ok := d.credentials[n.Pointer]; ok {
			out = append(out, c)
			return
		}
		switch n.Kind {
		case postree.Object:
			for i, k := range n.Keys {
				walk(n.Vals[i], k)
			}
		case postree.Array:
			for _, item := range n.Items {
				walk(item, key)
			}
		case postree.String:
			v := secrets.Classify(key, n.Text, syn)
			if v.Kind != evidence.ValueLiteralSecret {
				return
			}
			file.SecretAt(n)
			out = append(out, evidence.Credential{Setting: settingPath(n.Pointer), Line: n.Line, Value: v})
		}
	}
	walk(d.root, "")
	return out
}

// settingPath turns a JSON pointer into the path people read:
// /models/0/apiKey is models[0].apiKey. Each segment that is itself a
// credential is redacted.
func settingPath(ptr string) string {
	var b strings.Builder
	for _, seg := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch {
		case seg != "" && strings.Trim(seg, "0123456789") == "":
			b.WriteString("[" + seg + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(secrets.RedactName(seg))
		}
	}
	return b.String()
}
