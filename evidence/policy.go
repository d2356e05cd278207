package evidence

// PolicyFacts is what an organisation policy says about one subject. It is
// not collected: when an assessment is given a policy, the engine adds it
// to each server, tool, workload and gateway as the field "policy" (see
// #PolicyFacts in schema.cue), and controls judge it like any other fact.
// Without a policy the field is absent, so controls that read it do not
// apply.
type PolicyFacts struct {
	// Approval is approved, unapproved or denied. A tool has its server's
	// approval.
	Approval string `json:"approval,omitempty"`
	// Identity is what identifies the server to the policy:
	// "npm:@scope/name@1.2.3", "oci:ghcr.io/org/image@sha256:…",
	// "url:https://host/path", "command:/opt/bin/server --stdio" or
	// "name:github".
	Identity string `json:"identity,omitempty"`
	// Entry names the approved entry that matched.
	Entry string `json:"entry,omitempty"`
	// DeniedBy names the denied entry that matched.
	DeniedBy string `json:"denied_by,omitempty"`
	// Detail explains an approval other than approved in words.
	Detail string `json:"detail,omitempty"`
	// Version is approved, other (not an allowed version, tag or digest),
	// unpinned (the entry allows only some versions and the server pins
	// none) or any (the entry allows every version).
	Version string `json:"version,omitempty"`
	// VersionFound is the version, tag or digest the server runs.
	VersionFound string `json:"version_found,omitempty"`
	// VersionsAllowed are the versions, tags or digests the entry allows.
	VersionsAllowed []string `json:"versions_allowed,omitempty"`
	// Transport and Auth are allowed, other or any: whether the server's
	// transport and authentication are among those its entry allows.
	Transport string `json:"transport,omitempty"`
	Auth      string `json:"auth,omitempty"`
	// Tool is allowed, not-allowed or any (the entry lists no tools), for a
	// tool subject of an approved server.
	Tool string `json:"tool,omitempty"`
	// Images are a workload's container images as the policy sees them.
	Images []PolicyImage `json:"images,omitempty"`
	// Requirements maps each requirement of the policy that applies to the
	// subject to met or unmet.
	Requirements map[string]string `json:"requirements,omitempty"`
	// Unmet says, per unmet requirement, what the requirement asks and what
	// the subject has instead.
	Unmet map[string]string `json:"unmet,omitempty"`
}

// PolicyImage is one container image of a workload, judged by the policy.
type PolicyImage struct {
	// Image is the image reference as deployed.
	Image string `json:"image"`
	// Approved is true when an approved entry names the image (and, when
	// the entry restricts it, the workload's path).
	Approved bool `json:"approved"`
	// Denied is true when a denied entry names it.
	Denied bool `json:"denied"`
	// Entry and DeniedBy name the entries that matched.
	Entry    string `json:"entry,omitempty"`
	DeniedBy string `json:"denied_by,omitempty"`
	// Version is approved, other, unpinned or any, as for servers.
	Version         string   `json:"version"`
	VersionFound    string   `json:"version_found,omitempty"`
	VersionsAllowed []string `json:"versions_allowed,omitempty"`
}

// Policy facts' values.
const (
	PolicyApproved   = "approved"
	PolicyUnapproved = "unapproved"
	PolicyDenied     = "denied"

	PolicyOther      = "other"
	PolicyUnpinned   = "unpinned"
	PolicyAny        = "any"
	PolicyAllowed    = "allowed"
	PolicyNotAllowed = "not-allowed"

	PolicyMet   = "met"
	PolicyUnmet = "unmet"
)
