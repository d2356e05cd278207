package view

import (
	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
)

// Facts are the non-secret, human-readable attributes of a subject that
// reports show in inventories. They never include configured values: no
// environment values, headers, arguments or fingerprints.
type Facts struct {
	ID        string
	Kind      string
	Name      string
	Client    string
	Format    string
	Scope     string
	Transport string
	Location  string
	Collector string
	// Package is ecosystem:name@version for launched packages and images.
	Package string
	// Endpoint is the (collector-redacted) URL of a remote server or probe.
	Endpoint string
	// Status is the parse status of a source.
	Status string
	// Description is a tool's description as served (secrets redacted).
	Description string
}

// Facts returns the Facts of s, one of the results' subjects, made of
// what the index derived once for every report that lists it: its
// location, and its package, named for every subject on the first call.
// For a subject the results do not hold it is SubjectFacts.
func (x *Index) Facts(s evidence.Subject) Facts {
	m := s.Metadata()
	e := x.subjects[m.ID]
	if e == nil || e.m != m {
		return SubjectFacts(s)
	}
	x.packaged.Do(func() {
		for i := range x.entries {
			if e := &x.entries[i]; e.m != nil {
				e.pkg = packageOf(e.s)
			}
		}
	})
	return facts(s, x.loc(e), e.pkg)
}

// SubjectFacts extracts the Facts of s.
func SubjectFacts(s evidence.Subject) Facts {
	return facts(s, s.Metadata().Provenance.Location(), packageOf(s))
}

// facts are the Facts of s, at location, launching pkg.
func facts(s evidence.Subject, location, pkg string) Facts {
	m := s.Metadata()
	f := Facts{ID: m.ID, Kind: string(m.Kind), Name: m.Name, Location: location, Collector: m.Provenance.Collector, Package: pkg}
	switch v := s.(type) {
	case *evidence.Server:
		f.Client, f.Format, f.Scope, f.Transport = v.Client, v.Format, v.Scope, v.Transport
		if v.Remote != nil {
			f.Endpoint = v.Remote.URL
		}
	case *evidence.Source:
		f.Client, f.Format, f.Status = v.Client, v.Format, v.Status
	case *evidence.Client:
		f.Client, f.Format, f.Scope = v.Client, v.Format, v.Scope
	case *evidence.Gateway:
		f.Client = v.Product
	case *evidence.Endpoint:
		f.Endpoint = v.URL
	case *evidence.Tool:
		f.Client, f.Description = v.Server, v.Description
	}
	return f
}

// packageOf names the package a server launches or a workload's first
// image (see Facts.Package), "" for none.
func packageOf(s evidence.Subject) string {
	switch v := s.(type) {
	case *evidence.Server:
		if v.Launch != nil && v.Launch.Package != nil {
			return packageRef(v.Launch.Package)
		}
	case *evidence.Workload:
		if len(v.Images) > 0 {
			return packageRef(&v.Images[0])
		}
	}
	return ""
}

func packageRef(p *evidence.Package) string {
	ref := p.Name
	if p.Ecosystem != "" {
		ref = p.Ecosystem + ":" + ref
	}
	if p.Ecosystem == "oci" {
		// An image is named as a container engine names it: its tag after
		// ":", its digest after "@".
		if p.Version != "" && p.Version != p.Digest {
			ref += ":" + p.Version
		}
		if p.Digest != "" {
			ref += "@" + p.Digest
		}
		return ref
	}
	if p.Version != "" {
		ref += "@" + p.Version
	}
	return ref
}

// StatusLabel renders a control's roll-up status for people.
func StatusLabel(s assess.Status) string { return s.Label() }

// RequirementLabel renders a framework requirement's status for people,
// for its MCP scope only (assess.Status.RequirementLabel).
func RequirementLabel(s assess.Status) string { return s.RequirementLabel() }

// VerdictLabel renders a verdict for people.
func VerdictLabel(v assess.Verdict) string {
	switch v {
	case assess.VerdictPass:
		return "Pass"
	case assess.VerdictFail:
		return "Fail"
	case assess.VerdictNotApplicable:
		return "Not applicable"
	case assess.VerdictError:
		return "Error"
	case assess.VerdictWaived:
		return "Waived"
	case assess.VerdictManual:
		return "Manual"
	}
	return string(v)
}
