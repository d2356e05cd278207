package definitions

import (
	"context"
	"fmt"
	"path"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
)

// LockFormat is the source format of a Tollgate lockfile.
const LockFormat = "tollgate/lock"

// lockfile reads a lockfile (tollgate.lock) met in the walk: the approved
// definitions of every locked server become tool subjects with lock state
// "locked", so that a run without network access still judges what those
// servers tell the model. The pipeline keeps them only for servers the run
// does not observe itself (live or in other definition files), whose
// definitions are judged and compared with the lock instead.
type lockfile struct{}

// Label names the format and collector.
func (lockfile) Label() files.Label {
	return files.Label{Format: LockFormat, Collector: collectorName}
}

// Match: the lockfile's own name.
func (lockfile) Match(p string) files.Strength {
	if path.Base(p) == tooldef.LockFile {
		return files.Strong
	}
	return files.None
}

// Analyze reads the lockfile as `tollgate lock` writes it; one that does not
// parse or is not a lockfile of a known version is reported with its line
// or reason.
func (l lockfile) Analyze(_ context.Context, file *files.File, _ files.Strength) *files.Analysis {
	src := file.NewSource(l.Label())
	parsed := file.Parse(postree.JSON)
	if perr := parsed.Err; perr != nil {
		src.Status = evidence.StatusParseError
		src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: file.Path, Line: perr.Line, Column: perr.Col,
			Message: "lockfile syntax error: " + perr.Msg}}
		return &files.Analysis{Source: src, Store: true}
	}
	lock, err := tooldef.DecodeLock(file.Path, file.Data)
	if err != nil {
		src.Status = evidence.StatusSchemaError
		src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: file.Path, Message: err.Error()}}
		return &files.Analysis{Source: src, Store: true}
	}
	src.Status = evidence.StatusOK
	servers := parsed.Root.Get("servers")
	var subjects []evidence.Subject
	for i, ls := range lock.Servers {
		defs := item(servers, i).Get("definitions")
		for j, d := range ls.Definitions {
			node := item(defs, j)
			if node == nil {
				node = parsed.Root
			}
			o := tooldef.Origin{Server: ls.Server, Endpoint: ls.Endpoint, Collector: collectorName, Version: file.Version,
				File: file.Path, Line: node.Line, Pointer: node.Pointer, SHA256: file.SHA256, Collected: file.Now,
				Links: []string{src.ID}}
			t := tooldef.Subject(tooldef.Definition{Type: d.Type, Raw: d.Definition}, o, file.Redactor())
			t.ID = evidence.MakeID(evidence.KindTool, fmt.Sprintf("%s#%s@%s", file.Path, ls.Server, ls.Endpoint), d.Type+":"+d.Name)
			t.Name = d.Name
			t.Provenance.Column = node.Col
			t.SHA256, t.LockedSHA256, t.Lock = d.SHA256, d.SHA256, evidence.LockLocked
			subjects = append(subjects, t)
		}
	}
	return &files.Analysis{Source: src, Subjects: subjects, Store: true}
}

// item is the i-th element of an array node, or nil.
func item(n *postree.Node, i int) *postree.Node {
	if !n.IsArray() || i >= len(n.Items) {
		return nil
	}
	return n.Items[i]
}
