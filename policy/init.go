package policy

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/token"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TODO is the owner Init gives every entry: someone must take it.
const TODO = "TODO"

// draft is one approved entry Init writes, with where it was found.
type draft struct {
	key      string
	id       Identity
	versions []string
	digests  []string
	tags     []string
	tools    []string
	found    []string
	comments []string
	// unpinned is set when some deployment pins no version: the entry then
	// allows every version, so that the estate it was written from passes.
	unpinned bool
}

// Init writes a starting policy that approves everything the subjects show
// deployed: every server (a client's, a manifest's or one behind a gateway)
// by what identifies it, pinned to the versions, digests or tags found, with
// the tools seen for it; every image of a Kubernetes workload, pinned to its
// digest or tag. Owners are TODO. An organisation adopts it as is — the
// assessment then passes the allowlist on the same estate — and tightens it
// from there. Entries the clients ignore are left out; arguments that hold a
// redacted secret become "*".
func Init(subjects []evidence.Subject) []byte {
	drafts := map[string]*draft{}
	var order []string
	add := func(key string, id Identity, where string) *draft {
		k := identityKey(id)
		d := drafts[k]
		if d == nil {
			d = &draft{key: key, id: id}
			drafts[k] = d
			order = append(order, k)
		}
		if where != "" && !slices.Contains(d.found, where) {
			d.found = append(d.found, where)
		}
		return d
	}
	servers := map[string]*draft{}
	for _, s := range subjects {
		srv, ok := s.(*evidence.Server)
		if !ok || srv.Ignored {
			continue
		}
		id, version, digest, tag, note := initIdentity(srv)
		d := add(srv.Name, id, srv.Provenance.Location())
		d.versions = appendNew(d.versions, version)
		d.digests = appendNew(d.digests, digest)
		d.tags = appendNew(d.tags, tag)
		d.note(note, note != "" && (id.Package != nil || id.Image != nil))
		servers[srv.ID] = d
	}
	for _, s := range subjects {
		switch x := s.(type) {
		case *evidence.Tool:
			if x.Type != evidence.DefinitionTool {
				continue
			}
			for _, l := range x.Links {
				if d := servers[l]; d != nil {
					d.tools = appendNew(d.tools, x.Name)
				}
			}
		case *evidence.Workload:
			for i := range x.Images {
				img := &x.Images[i]
				d := add(path.Base(img.Name), Identity{Image: &Image{Name: img.Name}}, x.Provenance.Location())
				d.digests = appendNew(d.digests, img.Digest)
				switch {
				case img.Digest != "":
				case img.Version != "" && img.Version != "latest" && !strings.Contains(img.Version, "{"):
					d.tags = appendNew(d.tags, img.Version)
				default:
					d.note("TODO: the image is not pinned; pin a digest here and in its manifests", true)
				}
			}
		}
	}
	list := make([]*draft, 0, len(order))
	for _, k := range order {
		d := drafts[k]
		if len(d.digests) > 0 && len(d.tags) > 0 {
			d.note("TODO: deployed by digest in some places and by tag in others; pin one digest everywhere", true)
		}
		list = append(list, d)
	}
	slices.SortStableFunc(list, func(a, b *draft) int { return cmp.Compare(a.key, b.key) })
	return render(list)
}

// note adds a comment to the entry, once; unpinned marks a deployment that
// pins no version.
func (d *draft) note(text string, unpinned bool) {
	d.unpinned = d.unpinned || unpinned
	if text != "" && !slices.Contains(d.comments, text) {
		d.comments = append(d.comments, text)
	}
}

// initIdentity is what identifies a server in a starting policy, with the
// version, digest or tag it is pinned to and a note when nothing pins it.
func initIdentity(s *evidence.Server) (id Identity, version, digest, tag, note string) {
	switch {
	case s.Remote != nil && s.Remote.URL != "" && !s.Remote.Templated:
		return Identity{URL: normalURL(s.Remote.URL)}, "", "", "", ""
	case s.Launch != nil && s.Launch.Package != nil && s.Launch.Package.Pinning != evidence.PinLocal && s.Launch.Package.Name != "":
		p := s.Launch.Package
		if p.Ecosystem == "oci" {
			id = Identity{Image: &Image{Name: p.Name}}
			switch {
			case p.Digest != "":
				digest = p.Digest
			case p.Pinning == evidence.PinTag:
				tag = p.Version
			default:
				note = "TODO: the image is not pinned; pin a digest here and in its configuration"
			}
			return id, "", digest, tag, note
		}
		if _, ok := ecosystems[p.Ecosystem]; ok {
			id = Identity{Package: &Package{Ecosystem: p.Ecosystem, Name: p.Name}}
			if p.Pinning == evidence.PinExact && p.Version != "" {
				version = p.Version
			} else {
				note = "TODO: the package is not pinned; pin a version here and in its configuration"
			}
			return id, version, "", "", note
		}
	}
	if s.Launch != nil && s.Launch.Command != "" {
		cmd := []string{s.Launch.Command}
		for _, a := range s.Launch.Args {
			if strings.Contains(a, "[REDACTED") {
				a = "*"
			}
			cmd = append(cmd, a)
		}
		return Identity{Command: cmd}, "", "", "", ""
	}
	return Identity{Name: s.Name}, "", "", "", "TODO: nothing but its name identifies this server"
}

// ecosystems are the package ecosystems the schema accepts.
var ecosystems = map[string]bool{"npm": true, "pypi": true, "nuget": true, "cargo": true, "go": true, "jsr": true, "mcpb": true}

// identityKey is what makes two servers the same entry: their identity
// without versions.
func identityKey(id Identity) string {
	switch {
	case id.URL != "":
		return "url:" + id.URL
	case id.Package != nil:
		return id.Package.Ecosystem + ":" + id.Package.Name
	case id.Image != nil:
		return "oci:" + canonicalImage(id.Image.Name)
	case len(id.Command) > 0:
		return "command:" + strings.Join(id.Command, "\x00")
	}
	return "name:" + id.Name
}

// appendNew appends s when it is set and not already there.
func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// render writes the starting policy as formatted CUE.
func render(list []*draft) []byte {
	approved := ast.NewStruct()
	used := map[string]bool{}
	for _, d := range list {
		key := uniqueKey(d.key, used)
		f := &ast.Field{Label: ast.NewString(key), Value: entryStruct(d)}
		where := d.found
		more := ""
		if len(where) > 3 {
			more = fmt.Sprintf(" and %d more", len(where)-3)
			where = where[:3]
		}
		lines := []string{"found in " + strings.Join(where, ", ") + more}
		lines = append(lines, d.comments...)
		ast.AddComment(f, comment(lines...))
		approved.Elts = append(approved.Elts, f)
	}
	file := &ast.File{Decls: []ast.Decl{
		&ast.Package{Name: ast.NewIdent("policy")},
		field("owner", ast.NewString(TODO)),
		field("approved", approved),
	}}
	ast.AddComment(file.Decls[0], comment(
		"A starting organisation policy, written by 'tollgate policy init' from what it found",
		"deployed: every server approved at the versions, digests and tags it runs. Give each",
		"entry its owner, review it, remove what should not be there, then tighten: allowed",
		"tools, transports and authentication, denied publishers (denied), required settings",
		"(required) and time-bound exceptions (exceptions). The schema: policy/schema.cue in",
		"Tollgate's repository; check the file with 'tollgate policy check'.",
	))
	out, err := format.Node(file, format.Simplify())
	if err != nil {
		// The tree is built here from strings and lists only.
		panic(fmt.Sprintf("format the starting policy: %v", err))
	}
	return out
}

// entryStruct renders one approved entry.
func entryStruct(d *draft) *ast.StructLit {
	s := ast.NewStruct()
	id := d.id
	switch {
	case id.URL != "":
		s.Elts = append(s.Elts, field("url", ast.NewString(id.URL)))
	case id.Package != nil:
		pkg := ast.NewStruct(field("ecosystem", ast.NewString(id.Package.Ecosystem)), field("name", ast.NewString(id.Package.Name)))
		if len(d.versions) > 0 && !d.unpinned {
			pkg.Elts = append(pkg.Elts, field("versions", stringList(d.versions)))
		}
		s.Elts = append(s.Elts, field("package", pkg))
	case id.Image != nil:
		img := ast.NewStruct(field("name", ast.NewString(id.Image.Name)))
		switch {
		case d.unpinned:
		case len(d.digests) > 0 && len(d.tags) == 0:
			img.Elts = append(img.Elts, field("digests", stringList(d.digests)))
		case len(d.digests) == 0 && len(d.tags) > 0:
			img.Elts = append(img.Elts, field("tags", stringList(d.tags)))
		}
		s.Elts = append(s.Elts, field("image", img))
	case len(id.Command) > 0:
		s.Elts = append(s.Elts, field("command", stringList(id.Command)))
	default:
		s.Elts = append(s.Elts, field("name", ast.NewString(id.Name)))
	}
	s.Elts = append(s.Elts, field("owner", ast.NewString(TODO)))
	if len(d.tools) > 0 {
		tools := slices.Sorted(slices.Values(d.tools))
		s.Elts = append(s.Elts, field("tools", stringList(tools)))
	}
	return s
}

// uniqueKey returns key, or key-2, key-3 … when it is taken.
func uniqueKey(key string, used map[string]bool) string {
	if key == "" {
		key = "server"
	}
	k := key
	for n := 2; used[k]; n++ {
		k = fmt.Sprintf("%s-%d", key, n)
	}
	used[k] = true
	return k
}

func field(name string, v ast.Expr) *ast.Field {
	return &ast.Field{Label: ast.NewIdent(name), Value: v}
}

func stringList(list []string) *ast.ListLit {
	elts := make([]ast.Expr, len(list))
	for i, s := range list {
		elts[i] = ast.NewString(s)
	}
	return ast.NewList(elts...)
}

// comment builds a doc comment of the given lines.
func comment(lines ...string) *ast.CommentGroup {
	cg := &ast.CommentGroup{Doc: true}
	for _, l := range lines {
		cg.List = append(cg.List, &ast.Comment{Slash: token.NoPos, Text: "// " + l})
	}
	return cg
}
