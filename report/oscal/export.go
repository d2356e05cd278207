package oscal

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"
)

// ExportOptions configure the catalog and component-definition exports.
type ExportOptions struct {
	// Title overrides the document title.
	Title string
	// Version is the Tollgate version that wrote the document.
	Version string
	// Timestamp becomes metadata.last-modified; pin it for reproducible files.
	Timestamp time.Time
}

// contentUUID derives a document's UUID from the document itself (built
// with an empty UUID), so the UUID changes exactly when the content does.
func contentUUID(kind string, doc any) (string, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("digest %s: %w", kind, err)
	}
	sum := sha256.Sum256(data)
	return id(kind, hex.EncodeToString(sum[:])), nil
}

// exportMetadata is the metadata of the catalog and the component
// definition: the Tollgate project wrote them (role "creator"); they name
// no assessor, since they describe controls, not an assessment.
func exportMetadata(title, version string, ts time.Time) oscalTypes.Metadata {
	party := id("party", "tollgate-project")
	version = orDefault(version, "0.0.0-dev")
	return oscalTypes.Metadata{
		Title:        title,
		LastModified: ts,
		Version:      version,
		OscalVersion: Version,
		Props:        props("tool", "Tollgate", "tool-version", version),
		Roles:        &[]oscalTypes.Role{{ID: "creator", Title: "Creator", Description: "Wrote the controls and their mappings."}},
		Parties: &[]oscalTypes.Party{{
			UUID:      party,
			Type:      "organization",
			Name:      "Tollgate project",
			ShortName: "tollgate",
			Remarks:   "Maintains Tollgate, compliance-as-code for Model Context Protocol deployments, and its control catalog.",
		}},
		ResponsibleParties: &[]oscalTypes.ResponsibleParty{{RoleId: "creator", PartyUuids: []string{party}}},
	}
}
