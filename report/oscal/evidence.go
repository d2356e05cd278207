package oscal

import (
	"fmt"
	"path"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/policy"
)

// Back-matter resources. Every piece of evidence a document cites is a
// resource with a link to the file and the SHA-256 of the file the link
// names (the redacted copy stored in the evidence bundle), and citations go
// through the resource ("#uuid"), so a reader re-performing the assessment
// checks one hash per file.

// artifactResourceID is the UUID of the back-matter resource for an artifact.
func artifactResourceID(a *evidence.Artifact) string { return id("artifact", a.Path) }

// artifactLink links the back-matter resource for an artifact, derived
// once per artifact: the observations of every control that judged a
// subject read from it link it.
func (b *builder) artifactLink(a *evidence.Artifact) string {
	link, ok := b.artifactLinks[a.Path]
	if !ok {
		link = "#" + artifactResourceID(a)
		b.artifactLinks[a.Path] = link
	}
	return link
}

// manifestResourceID is the resource for the evidence bundle's manifest.
func manifestResourceID() string { return id("resource", "bundle-manifest") }

// attestationResourceID is the resource for an attestation's evidence.
func attestationResourceID(attestationID string) string {
	return id("attestation-evidence", attestationID)
}

// frameworkResourceID is the resource that stands for a framework.
func frameworkResourceID(frameworkID string) string { return id("framework", frameworkID) }

// planResourceID is the resource that points at the assessment plan.
func planResourceID() string { return id("resource", "assessment-plan") }

// resultsResourceID is the resource that points at the assessment results.
func resultsResourceID() string { return id("resource", "assessment-results") }

// resultsHref links the assessment results resource; every POA&M item
// links it.
var resultsHref = "#" + resultsResourceID()

// sspResourceID is the resource that stands for the system security plan.
func sspResourceID() string { return id("resource", "system-security-plan") }

// bundleHref is where a file of the evidence bundle sits, relative to the
// OSCAL documents.
func (b *builder) bundleHref(p string) string {
	return pathHref(path.Join(b.opts.EvidenceBase, p))
}

// artifactHref is where an artifact sits: its redacted copy in the bundle
// when there is one, else its path relative to the scan root.
func (b *builder) artifactHref(a *evidence.Artifact) string {
	if a.BundlePath != "" {
		return b.bundleHref(a.BundlePath)
	}
	return pathHref(a.Path)
}

// artifactDigest is the sha256 of the file at artifactHref.
func artifactDigest(a *evidence.Artifact) string {
	if a.BundlePath != "" {
		return a.RedactedSHA256
	}
	return a.SHA256
}

// hashes is a SHA-256 hash list, or nil when digest is not one.
func hashes(digest string) *[]oscalTypes.Hash {
	if !isHex64(digest) {
		return nil
	}
	return &[]oscalTypes.Hash{{Algorithm: "SHA-256", Value: strings.ToLower(digest)}}
}

// artifactResource describes an artifact: a link to the redacted copy in the
// bundle with its hash, and the original's hash as a property.
func (b *builder) artifactResource(a *evidence.Artifact) oscalTypes.Resource {
	desc := fmt.Sprintf("Configuration file %s (%d bytes), as collected; the link names its copy in the evidence bundle, with secrets redacted.", a.Path, a.Size)
	if a.Format == policy.Format {
		desc = fmt.Sprintf("Organisation policy file %s (%d bytes), as given to the assessment; the link names its copy in the evidence bundle.", a.Path, a.Size)
	}
	if a.BundlePath == "" {
		desc = fmt.Sprintf("Configuration file %s (%d bytes), not stored in the evidence bundle; the link names it relative to the scan root.", a.Path, a.Size)
	}
	return oscalTypes.Resource{
		UUID:        artifactResourceID(a),
		Title:       a.Path,
		Description: desc,
		Props:       props("artifact-path", a.Path, "format", a.Format, "original-sha256", a.SHA256),
		Rlinks:      &[]oscalTypes.ResourceLink{{Href: b.artifactHref(a), MediaType: mediaType(a.Path), Hashes: hashes(artifactDigest(a))}},
	}
}

// manifestResource points at the bundle manifest, which lists every subject
// collected (those that passed included) and every artifact with its
// original and redacted hashes.
func (b *builder) manifestResource() oscalTypes.Resource {
	return oscalTypes.Resource{
		UUID:  manifestResourceID(),
		Title: "Evidence bundle manifest",
		Description: fmt.Sprintf("The manifest of the evidence bundle: all %s collected, with their provenance (collector, file, line, collection time), "+
			"and all %s with their original and redacted SHA-256.", words.Count(len(b.r.Subjects), "subject"), words.Count(len(b.r.Artifacts), "artifact")),
		Props:  props("evidence-kind", "bundle-manifest"),
		Rlinks: &[]oscalTypes.ResourceLink{{Href: b.bundleHref(evidence.ManifestFile), MediaType: "application/json", Hashes: hashes(b.opts.ManifestSHA256)}},
	}
}

// attestationResource describes an attestation's evidence: its copy in the
// bundle with its hash, or the URL it was given as.
func (b *builder) attestationResource(a assess.AttestationRecord) (oscalTypes.Resource, bool) {
	res := oscalTypes.Resource{
		UUID:        attestationResourceID(a.ID),
		Title:       "Evidence of attestation " + a.ID,
		Description: fmt.Sprintf("The evidence %s named for attestation %s (%s): %s", orDefault(a.AttestedBy, "the attestor"), a.ID, a.Control, clean(a.Statement)),
		Props:       props("attestation", a.ID, "control-id", a.Control, "attested-by", a.AttestedBy, "evidence", a.Evidence, "attestation-status", a.Status),
	}
	switch bp := a.BundlePath(); {
	case bp != "":
		res.Rlinks = &[]oscalTypes.ResourceLink{{Href: b.bundleHref(bp), MediaType: mediaType(bp), Hashes: hashes(a.EvidenceSHA256)}}
	case a.Evidence != "":
		if href := uriReference(a.Evidence); href != "" {
			res.Rlinks = &[]oscalTypes.ResourceLink{{Href: href}}
		}
	}
	return res, res.Rlinks != nil
}

// frameworkResource stands for a framework: its publication and, where NIST
// publishes one, its OSCAL catalog; the crosswalk its official links rest
// on; and how its requirement ids are written as OSCAL tokens.
func frameworkResource(f *mappings.Framework) oscalTypes.Resource {
	var links []oscalTypes.ResourceLink
	if f.Catalog != "" {
		links = append(links, oscalTypes.ResourceLink{Href: f.Catalog, MediaType: "application/oscal.catalog+json"})
	}
	if f.Source != "" {
		links = append(links, oscalTypes.ResourceLink{Href: f.Source})
	}
	desc := fmt.Sprintf("%s, version %s: %d requirements in Tollgate's mappings.", orDefault(f.Title, f.ID), orDefault(f.Version, "unspecified"), len(f.Requirements))
	if isNIST(f) {
		desc += " Requirement ids are written as NIST's OSCAL catalog writes them (AC-6(1) is ac-6.1); findings target a control's statement (ac-6.1_smt) or an SP 800-53A objective (ac-6.1_obj)."
	} else {
		desc += " The framework publishes no OSCAL catalog Tollgate cites: a requirement's OSCAL id is its own id as an OSCAL token " +
			"(spaces dropped, other characters that a token does not allow replaced by '-', a leading '_' where it starts with a digit; " +
			"Art. 32 is Art.32, MCP01:2025 is MCP01-2025), and each finding states the id as the framework writes it in its requirement-id property."
	}
	var remarks string
	if f.Crosswalk != nil {
		remarks = fmt.Sprintf("Official links into this framework rest on the published crosswalk %q (%s): each names the SP 800-53 control (via) whose crosswalk row relates it to the requirement.",
			f.Crosswalk.Title, f.Crosswalk.Source)
	}
	return oscalTypes.Resource{
		UUID:        frameworkResourceID(f.ID),
		Title:       orDefault(f.Title, f.ID),
		Description: desc,
		Props:       props("framework", f.ID, "framework-version", f.Version),
		Rlinks:      list(links),
		Remarks:     remarks,
	}
}

// sspResource stands for the system security plan: the one given, with its
// hash when it was read, or a statement that none was given.
func (b *builder) sspResource() oscalTypes.Resource {
	ssp := b.eng.SSP
	res := oscalTypes.Resource{UUID: sspResourceID(), Title: "System security plan"}
	if href := uriReference(ssp.Href); href != "" {
		res.Description = fmt.Sprintf("The system security plan of %s, as given to Tollgate (--ssp or assessment.ssp).", b.subjectName())
		res.Rlinks = &[]oscalTypes.ResourceLink{{Href: href, MediaType: mediaType(ssp.Href), Hashes: hashes(ssp.SHA256)}}
		return res
	}
	res.Title = "System security plan: not supplied"
	res.Description = fmt.Sprintf("No system security plan was given (--ssp, or assessment.ssp in tollgate.yaml). The assessed system is %s, identified by %s; "+
		"the assessment plan's local definitions describe every assessed subject instead.", b.subjectName(), b.systemID().ID)
	res.Props = props("ssp-supplied", "false")
	return res
}

// documentResource points at another OSCAL document written beside this one.
func documentResource(uuid, title, file, mt, digest string) oscalTypes.Resource {
	return oscalTypes.Resource{
		UUID:   uuid,
		Title:  title,
		Rlinks: &[]oscalTypes.ResourceLink{{Href: file, MediaType: mt, Hashes: hashes(digest)}},
	}
}

// mediaType guesses a media type from a file name.
func mediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return "application/json"
	case ".yaml", ".yml":
		return "application/yaml"
	case ".toml":
		return "application/toml"
	case ".md":
		return "text/markdown"
	case ".pdf":
		return "application/pdf"
	case ".txt":
		return "text/plain"
	}
	return ""
}

// backMatter collects resources, in the order given, once each.
func backMatter(res ...oscalTypes.Resource) *oscalTypes.BackMatter {
	if len(res) == 0 {
		return nil
	}
	return &oscalTypes.BackMatter{Resources: &res}
}

// streamResources streams the resources of m, a document's back matter
// (nil for none): one per artifact, they grow with the fleet.
func streamResources(m *oscalTypes.BackMatter) array {
	if m == nil {
		return nil
	}
	return streamArray(m.Resources, func(r *oscalTypes.Resource, id string) { r.UUID = id }, (*objectWriter).resource)
}

// evidenceResources are the resources every document that cites evidence
// carries: the artifacts, the bundle manifest and the attestations'
// evidence.
func (b *builder) evidenceResources() []oscalTypes.Resource {
	out := make([]oscalTypes.Resource, 0, len(b.r.Artifacts)+len(b.r.Attestations)+1)
	out = append(out, b.manifestResource())
	for i := range b.r.Artifacts {
		out = append(out, b.artifactResource(&b.r.Artifacts[i]))
	}
	for _, a := range b.r.Attestations {
		if res, ok := b.attestationResource(a); ok {
			out = append(out, res)
		}
	}
	return out
}

// frameworkResources stand for every framework assessed.
func (b *builder) frameworkResources() []oscalTypes.Resource {
	var out []oscalTypes.Resource
	for _, fw := range b.r.Frameworks {
		if fw.Framework != nil {
			out = append(out, frameworkResource(fw.Framework))
		}
	}
	return out
}
