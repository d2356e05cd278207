package policy

import (
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
)

// pattern matches a name, URL or command word: "*" matches any run of
// characters, everything else itself.
type pattern struct {
	literal string
	re      *regexp.Regexp
}

// newPattern compiles a pattern.
func newPattern(s string) pattern {
	if !strings.Contains(s, "*") {
		return pattern{literal: s}
	}
	parts := strings.Split(s, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return pattern{re: regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")}
}

// match reports whether s matches the pattern.
func (p pattern) match(s string) bool {
	if p.re == nil {
		return s == p.literal
	}
	return p.re.MatchString(s)
}

// patterns compiles a list of patterns.
func patterns(list []string) []pattern {
	out := make([]pattern, len(list))
	for i, s := range list {
		out[i] = newPattern(s)
	}
	return out
}

// anyMatch reports whether s matches one of ps.
func anyMatch(ps []pattern, s string) bool {
	for _, p := range ps {
		if p.match(s) {
			return true
		}
	}
	return false
}

// globs match slash-separated file paths, with the syntax of --include.
type globs []*regexp.Regexp

// compileGlobs compiles path globs; the error names the bad pattern.
func compileGlobs(list []string) (globs, error) {
	out := make(globs, 0, len(list))
	for _, g := range list {
		re, err := files.GlobRegexp(g)
		if err != nil {
			return nil, err
		}
		out = append(out, re)
	}
	return out, nil
}

// match reports whether path matches one of the globs.
func (g globs) match(path string) bool {
	for _, re := range g {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}

// matcher is an approved or denied entry's identity, compiled.
type matcher struct {
	ecosystem string
	pkg       *pattern
	image     *pattern
	url       *pattern
	command   []pattern
	name      *pattern
	// versions, digests and tags are the versions an approved entry allows
	// (a denied entry: denies).
	versions []pattern
	digests  []string
	tags     []pattern
	// versionList and tagList are versions and tags as written.
	versionList, tagList []string
	paths                globs
}

// compileIdentity compiles an entry's identity.
func compileIdentity(id Identity) matcher {
	var m matcher
	if id.Package != nil {
		m.ecosystem = id.Package.Ecosystem
		p := newPattern(id.Package.Name)
		m.pkg, m.versions, m.versionList = &p, patterns(id.Package.Versions), id.Package.Versions
	}
	if id.Image != nil {
		p := newPattern(canonicalImage(id.Image.Name))
		m.image, m.digests, m.tags, m.tagList = &p, id.Image.Digests, patterns(id.Image.Tags), id.Image.Tags
	}
	if id.URL != "" {
		p := newPattern(normalURL(id.URL))
		m.url = &p
	}
	if len(id.Command) > 0 {
		m.command = patterns(id.Command)
	}
	if id.Name != "" {
		p := newPattern(id.Name)
		m.name = &p
	}
	return m
}

// empty reports whether the identity names nothing.
func (id Identity) empty() bool {
	return id.Package == nil && id.Image == nil && id.URL == "" && len(id.Command) == 0 && id.Name == ""
}

// versioned reports whether the entry restricts versions, tags or digests.
func (m *matcher) versioned() bool {
	return len(m.versions) > 0 || len(m.digests) > 0 || len(m.tags) > 0
}

// subjectIdentity is what identifies a server or an image to the policy.
type subjectIdentity struct {
	pkg     *evidence.Package // a package other than an image
	image   *evidence.Package // a container image
	url     string
	command []string
	name    string
	file    string
}

// serverIdentity extracts a server's identity. A remote server (or a local
// bridge to one) is its URL; a package runner's server its package; a
// container its image; anything else its command.
func serverIdentity(s *evidence.Server) subjectIdentity {
	id := subjectIdentity{name: s.Name, file: s.Provenance.File}
	if s.Remote != nil && s.Remote.URL != "" {
		id.url = normalURL(s.Remote.URL)
	}
	if l := s.Launch; l != nil {
		id.command = append([]string{l.Command}, l.Args...)
		if p := l.Package; p != nil && p.Pinning != evidence.PinLocal && p.Name != "" {
			if p.Ecosystem == "oci" {
				id.image = p
			} else {
				id.pkg = p
			}
		}
	}
	return id
}

// imageIdentity is the identity of one workload image.
func imageIdentity(img *evidence.Package, name, file string) subjectIdentity {
	return subjectIdentity{image: img, name: name, file: file}
}

// identifies reports whether every identity field of the entry matches.
func (m *matcher) identifies(id subjectIdentity) bool {
	if m.pkg != nil && (id.pkg == nil || id.pkg.Ecosystem != m.ecosystem || !m.pkg.match(id.pkg.Name)) {
		return false
	}
	if m.image != nil && (id.image == nil || !m.image.match(canonicalImage(id.image.Name))) {
		return false
	}
	if m.url != nil && (id.url == "" || !m.url.match(id.url)) {
		return false
	}
	if m.command != nil {
		if len(id.command) != len(m.command) {
			return false
		}
		for i, w := range m.command {
			if !w.match(id.command[i]) {
				return false
			}
		}
	}
	if m.name != nil && !m.name.match(id.name) {
		return false
	}
	return m.pkg != nil || m.image != nil || m.url != nil || m.command != nil || m.name != nil
}

// version judges the version, tag or digest the subject runs against those
// the entry allows: approved, other, unpinned or any; with what was found.
func (m *matcher) version(id subjectIdentity) (verdict, found string, allowed []string) {
	switch {
	case m.pkg != nil && len(m.versions) > 0 && id.pkg != nil:
		allowed = m.versionList
		p := id.pkg
		if p.Pinning != evidence.PinExact || p.Version == "" {
			return evidence.PolicyUnpinned, p.Version, allowed
		}
		if anyMatch(m.versions, strings.TrimPrefix(p.Version, "v")) || anyMatch(m.versions, p.Version) {
			return evidence.PolicyApproved, p.Version, allowed
		}
		return evidence.PolicyOther, p.Version, allowed
	case m.image != nil && len(m.digests) > 0 && id.image != nil:
		img := id.image
		if img.Digest == "" {
			return evidence.PolicyUnpinned, img.Version, m.digests
		}
		for _, d := range m.digests {
			if d == img.Digest {
				return evidence.PolicyApproved, img.Digest, m.digests
			}
		}
		return evidence.PolicyOther, img.Digest, m.digests
	case m.image != nil && len(m.tags) > 0 && id.image != nil:
		img := id.image
		allowed = m.tagList
		if img.Version == "" || img.Version == "latest" {
			return evidence.PolicyUnpinned, img.Version, allowed
		}
		if anyMatch(m.tags, img.Version) {
			return evidence.PolicyApproved, img.Version, allowed
		}
		return evidence.PolicyOther, img.Version, allowed
	}
	return evidence.PolicyAny, "", nil
}

// inPaths reports whether the entry's approval covers a subject declared
// in file (every file when the entry names no paths).
func (m *matcher) inPaths(file string) bool {
	return len(m.paths) == 0 || m.paths.match(file)
}

// canonicalImage names an image repository the way registries resolve it:
// with its registry, Docker Hub's as docker.io and its official images under
// library/, and without tag or digest.
func canonicalImage(ref string) string {
	name := ref
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name = name[:i]
	}
	if slash, colon := strings.LastIndexByte(name, '/'), strings.LastIndexByte(name, ':'); colon > slash {
		name = name[:colon]
	}
	first, rest, ok := strings.Cut(name, "/")
	switch {
	case !ok:
		return "docker.io/library/" + name
	case first == "index.docker.io" || first == "docker.io":
		if !strings.Contains(rest, "/") {
			return "docker.io/library/" + rest
		}
		return "docker.io/" + rest
	case strings.ContainsAny(first, ".:") || first == "localhost":
		return name
	}
	return "docker.io/" + name
}

// normalURL lower-cases a URL's scheme and host and drops a trailing slash
// from its path, so that equal endpoints compare equal.
func normalURL(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	host, path, _ := strings.Cut(rest, "/")
	out := strings.ToLower(scheme) + "://" + strings.ToLower(host)
	if path = strings.TrimSuffix(path, "/"); path != "" {
		out += "/" + path
	}
	return out
}

// identityString renders a subject's identity for people and reports,
// e.g. "npm:@scope/name@1.2.3".
func (id subjectIdentity) String() string {
	switch {
	case id.url != "":
		return "url:" + id.url
	case id.pkg != nil:
		s := id.pkg.Ecosystem + ":" + id.pkg.Name
		if id.pkg.Version != "" {
			s += "@" + id.pkg.Version
		}
		return s
	case id.image != nil:
		s := "oci:" + id.image.Name
		if id.image.Version != "" {
			s += ":" + id.image.Version
		}
		if id.image.Digest != "" {
			s += "@" + id.image.Digest
		}
		return s
	case len(id.command) > 0:
		return "command:" + strings.Join(id.command, " ")
	}
	return "name:" + id.name
}
