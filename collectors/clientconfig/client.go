package clientconfig

import (
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// settingsReader is implemented by formats whose files hold client-wide
// settings (approval modes, sandboxing, which project servers start): they
// read them into the file's client subject.
type settingsReader interface {
	readSettings(d *document, cs *clientSettings)
}

// clientSettings builds the client subject of one settings file.
type clientSettings struct {
	d     *document
	c     *evidence.Client
	tools map[string]bool
}

// newClientSettings starts the client subject of the document d, read as
// format f.
func newClientSettings(d *document, f format) *clientSettings {
	c := &evidence.Client{
		Meta: evidence.Meta{
			Kind:       evidence.KindClient,
			ID:         evidence.MakeID(evidence.KindClient, d.path, ""),
			Name:       f.Client(),
			Provenance: d.file.Provenance(collectorName+"/"+f.Client(), nil),
			Links:      []string{d.sourceID},
		},
		Client: f.Client(),
		Format: f.ID(),
		Scope:  d.scope(),
	}
	return &clientSettings{d: d, c: c, tools: map[string]bool{}}
}

// add records a setting at n with its effect.
func (cs *clientSettings) add(n *postree.Node, key, value, effect, note string) {
	st := evidence.ClientSetting{Key: key, Value: cs.d.file.RedactString(value), Effect: effect, Note: note}
	if n != nil {
		st.Line = n.Line
	}
	cs.c.Settings = append(cs.c.Settings, st)
	switch effect {
	case evidence.EffectApproveAll:
		cs.c.AutoApproveAll = true
	case evidence.EffectSandboxOff:
		cs.c.SandboxDisabled = true
	case evidence.EffectProjectTrusted:
		cs.c.ProjectServersTrusted = true
	}
}

// approveTools records MCP tools approved client-wide by the setting at n:
// each as "server/tool", "server/*" or "*".
func (cs *clientSettings) approveTools(n *postree.Node, key string, tools []string, note string) {
	if len(tools) == 0 {
		return
	}
	for i, t := range tools {
		tools[i] = secrets.RedactName(t)
		cs.tools[tools[i]] = true
	}
	cs.add(n, key, strings.Join(tools, ", "), evidence.EffectApproveTools, note)
}

// subject returns the finished client subject.
func (cs *clientSettings) subject() *evidence.Client {
	for t := range cs.tools {
		cs.c.AutoApproveTools = append(cs.c.AutoApproveTools, t)
	}
	sort.Strings(cs.c.AutoApproveTools)
	if cs.tools["*"] {
		// every MCP tool of every server: nothing is left to confirm
		cs.c.AutoApproveAll = true
	}
	return cs.c
}
