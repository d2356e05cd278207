package launch

import (
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// Package ecosystems.
const (
	EcosystemNPM     = "npm"
	EcosystemPyPI    = "pypi"
	EcosystemOCI     = "oci"
	EcosystemNuGet   = "nuget"
	EcosystemGo      = "go"
	EcosystemJSR     = "jsr"
	EcosystemUnknown = "unknown"
)

var (
	reExactSemver = regexp.MustCompile(`^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.\-]+)?(?:\+[0-9A-Za-z.\-]+)?$`)
	reRange       = regexp.MustCompile(`^[\^~<>=*]|[\s|*]|^\d+(\.\d+)?$|\.x$|\.\*$|^x$`)
	rePyName      = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9._\-]*)(\[[^\]]*\])?\s*(.*)$`)
	reCommitSHA   = regexp.MustCompile(`^[0-9a-f]{40}$`)
	rePyVersion   = regexp.MustCompile(`^\d+(\.\d+)*([a-z]+\d*)?$`)
)

// pinned fills Pinned from Pinning.
func pinned(p *evidence.Package) *evidence.Package {
	p.Pinned = p.Pinning == evidence.PinExact || p.Pinning == evidence.PinDigest
	return p
}

// isLocalSpec reports whether a package spec names a local path or file.
func isLocalSpec(spec string) bool {
	return strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.HasPrefix(spec, "~") ||
		strings.HasPrefix(spec, "file:") || (len(spec) > 2 && spec[1] == ':' && (spec[2] == '\\' || spec[2] == '/')) ||
		strings.HasSuffix(spec, ".tgz") && !strings.Contains(spec, "://")
}

// npmVersionPinning classifies an npm version or dist-tag.
func npmVersionPinning(v string) string {
	switch {
	case v == "":
		return evidence.PinNone
	case v == "latest":
		return evidence.PinLatest
	case reExactSemver.MatchString(v):
		return evidence.PinExact
	case reRange.MatchString(v):
		return evidence.PinRange
	}
	return evidence.PinTag // a dist-tag such as next or beta: mutable
}

// parseNPM parses an npm package spec: name, @scope/name, name@version,
// @scope/name@^1, npm:name@1, a local path or a git/URL spec.
func parseNPM(spec string) *evidence.Package {
	spec = strings.TrimPrefix(spec, "npm:")
	if isLocalSpec(spec) {
		return pinned(&evidence.Package{Ecosystem: EcosystemNPM, Name: spec, Pinning: evidence.PinLocal})
	}
	if strings.Contains(spec, "://") || strings.HasPrefix(spec, "github:") || strings.HasPrefix(spec, "git+") {
		p := &evidence.Package{Ecosystem: EcosystemNPM, Name: spec, Pinning: evidence.PinNone}
		if _, ref, ok := strings.Cut(spec, "#"); ok && reCommitSHA.MatchString(ref) {
			p.Pinning, p.Version = evidence.PinExact, ref
		}
		return pinned(p)
	}
	name, version := spec, ""
	at := strings.LastIndexByte(spec, '@')
	if at > 0 {
		name, version = spec[:at], spec[at+1:]
	}
	return pinned(&evidence.Package{Ecosystem: EcosystemNPM, Name: name, Version: version, Pinning: npmVersionPinning(version)})
}

// parsePyPI parses a Python requirement: name, name==1.2.3, name>=1,
// name[extra]==1, or the uvx form name@1.2.3 / name@latest.
func parsePyPI(spec string) *evidence.Package {
	if isLocalSpec(spec) {
		return pinned(&evidence.Package{Ecosystem: EcosystemPyPI, Name: spec, Pinning: evidence.PinLocal})
	}
	if strings.Contains(spec, "://") || strings.HasPrefix(spec, "git+") {
		p := &evidence.Package{Ecosystem: EcosystemPyPI, Name: spec, Pinning: evidence.PinNone}
		if i := strings.LastIndexByte(spec, '@'); i >= 0 && reCommitSHA.MatchString(spec[i+1:]) {
			p.Pinning = evidence.PinExact
		}
		return pinned(p)
	}
	if name, version, ok := strings.Cut(spec, "@"); ok && !strings.ContainsAny(name, "=<>~!") {
		p := &evidence.Package{Ecosystem: EcosystemPyPI, Name: name, Version: version}
		switch {
		case version == "latest":
			p.Pinning = evidence.PinLatest
		case version == "":
			p.Pinning = evidence.PinNone
		case rePyVersion.MatchString(version):
			p.Pinning = evidence.PinExact
		default:
			p.Pinning = evidence.PinRange
		}
		return pinned(p)
	}
	m := rePyName.FindStringSubmatch(strings.TrimSpace(spec))
	if m == nil {
		return pinned(&evidence.Package{Ecosystem: EcosystemPyPI, Name: spec, Pinning: evidence.PinNone})
	}
	p := &evidence.Package{Ecosystem: EcosystemPyPI, Name: m[1]}
	constraint := strings.TrimSpace(m[3])
	switch {
	case constraint == "":
		p.Pinning = evidence.PinNone
	case strings.HasPrefix(constraint, "===") || strings.HasPrefix(constraint, "==") && !strings.ContainsAny(constraint, "*,"):
		p.Pinning, p.Version = evidence.PinExact, strings.TrimLeft(constraint, "=")
	default:
		p.Pinning, p.Version = evidence.PinRange, constraint
	}
	return pinned(p)
}

// ImagePackage parses an OCI image reference ([registry/]repo[:tag][@digest])
// into a package with its pinning, as container launches are analysed.
func ImagePackage(ref string) *evidence.Package { return parseImage(ref) }

// parseImage parses an OCI image reference: [registry/]repo[:tag][@digest].
func parseImage(ref string) *evidence.Package {
	p := &evidence.Package{Ecosystem: EcosystemOCI}
	rest := ref
	if name, digest, ok := strings.Cut(rest, "@"); ok {
		rest, p.Digest = name, digest
	}
	if slash := strings.LastIndexByte(rest, '/'); strings.LastIndexByte(rest, ':') > slash {
		colon := strings.LastIndexByte(rest, ':')
		rest, p.Version = rest[:colon], rest[colon+1:]
	}
	p.Name = rest
	p.Registry = "docker.io"
	if first, _, ok := strings.Cut(rest, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		p.Registry = first
	}
	switch {
	case p.Digest != "":
		p.Pinning = evidence.PinDigest
	case p.Version == "" || strings.Contains(p.Version, "${"):
		p.Pinning = evidence.PinNone
	case p.Version == "latest":
		p.Pinning = evidence.PinLatest
	default:
		p.Pinning = evidence.PinTag
	}
	return pinned(p)
}

// parseGo parses a go run package path: module/path@version.
func parseGo(spec string) *evidence.Package {
	if isLocalSpec(spec) {
		return pinned(&evidence.Package{Ecosystem: EcosystemGo, Name: spec, Pinning: evidence.PinLocal})
	}
	name, version, _ := strings.Cut(spec, "@")
	p := &evidence.Package{Ecosystem: EcosystemGo, Name: name, Version: version}
	switch {
	case version == "":
		p.Pinning = evidence.PinNone
	case version == "latest":
		p.Pinning = evidence.PinLatest
	case reExactSemver.MatchString(version):
		p.Pinning = evidence.PinExact
	default:
		p.Pinning = evidence.PinRange
	}
	return pinned(p)
}

// parseNuGet parses a dnx/dotnet tool package: Name[@version].
func parseNuGet(spec string) *evidence.Package {
	name, version, _ := strings.Cut(spec, "@")
	p := &evidence.Package{Ecosystem: EcosystemNuGet, Name: name, Version: version, Pinning: npmVersionPinning(version)}
	return pinned(p)
}
