package oscal

import (
	"fmt"
	"path"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/evidence"
)

// roleAssessor is the role Tollgate plays in the documents it writes.
const roleAssessor = "assessor"

// toolParty returns the UUID of the party that stands for Tollgate.
func toolParty() string { return id("party", "tollgate") }

// metadata builds the document metadata shared by every export.
func metadata(title, version string, ts time.Time) oscalTypes.Metadata {
	party := toolParty()
	return oscalTypes.Metadata{
		Title:        title,
		LastModified: ts,
		Version:      orDefault(version, "0.0.0-dev"),
		OscalVersion: Version,
		Props:        props("tool", "tollgate", "tool-version", orDefault(version, "0.0.0-dev")),
		Roles: &[]oscalTypes.Role{{
			ID:          roleAssessor,
			Title:       "Assessor",
			Description: "Runs the assessment and records its results.",
		}},
		Parties: &[]oscalTypes.Party{{
			UUID:      party,
			Type:      "organization",
			Name:      "Tollgate",
			ShortName: "tollgate",
			Remarks:   "Compliance-as-code for Model Context Protocol deployments (automated assessment tool).",
		}},
		ResponsibleParties: &[]oscalTypes.ResponsibleParty{{RoleId: roleAssessor, PartyUuids: []string{party}}},
	}
}

// stamp normalises a timestamp to UTC with second precision, and rejects a
// time OSCAL cannot express.
func stamp(t time.Time) (time.Time, error) {
	if t.IsZero() {
		return t, fmt.Errorf("the results carry no timestamp")
	}
	t = t.UTC().Truncate(time.Second)
	if t.Year() < 1900 || t.Year() > 2999 {
		return t, fmt.Errorf("timestamp %s is outside the years OSCAL accepts", t.Format(time.RFC3339))
	}
	return t, nil
}

// artifactResourceID is the UUID of the back-matter resource for an artifact.
func artifactResourceID(a *evidence.Artifact) string { return id("artifact", a.Path) }

// artifactHref is where the artifact sits, as a URI reference: its redacted
// copy in the bundle (under base) when there is one, else its path relative
// to the scan root.
func artifactHref(base string, a *evidence.Artifact) string {
	if a.BundlePath != "" {
		if base != "" {
			return pathHref(path.Join(base, a.BundlePath))
		}
		return pathHref(a.BundlePath)
	}
	return pathHref(a.Path)
}

// artifactDigest is the sha256 of the file at artifactHref.
func artifactDigest(a *evidence.Artifact) string {
	if a.BundlePath != "" && a.RedactedSHA256 != "" {
		return a.RedactedSHA256
	}
	if a.BundlePath == "" {
		return a.SHA256
	}
	return ""
}

// artifactResource describes an artifact in the back matter, with a link to
// the file and its hash.
func artifactResource(base string, a *evidence.Artifact) oscalTypes.Resource {
	link := oscalTypes.ResourceLink{Href: artifactHref(base, a), MediaType: mediaType(a)}
	if d := artifactDigest(a); isHex64(d) {
		link.Hashes = &[]oscalTypes.Hash{{Algorithm: "SHA-256", Value: d}}
	}
	return oscalTypes.Resource{
		UUID:        artifactResourceID(a),
		Title:       a.Path,
		Description: fmt.Sprintf("Evidence artifact %s (%d bytes), stored redacted in the evidence bundle.", a.Path, a.Size),
		Props: props("artifact-path", a.Path, "format", a.Format,
			"sha256", a.SHA256, "redacted-sha256", a.RedactedSHA256),
		Rlinks: &[]oscalTypes.ResourceLink{link},
	}
}

func mediaType(a *evidence.Artifact) string {
	switch path.Ext(a.Path) {
	case ".json":
		return "application/json"
	case ".yaml", ".yml":
		return "application/yaml"
	case ".toml":
		return "application/toml"
	}
	return ""
}
