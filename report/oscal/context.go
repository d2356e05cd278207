package oscal

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// File names of the OSCAL documents an assessment writes side by side; the
// documents refer to one another by these names.
const (
	PlanFile    = "assessment-plan.json"
	ResultsFile = "assessment-results.json"
	POAMFile    = "poam.json"
)

// Options configure the OSCAL documents of an assessment.
type Options struct {
	// Title is the assessment results' title; empty means one naming the
	// assessed organisation or system.
	Title string
	// EvidenceBase is the folder, relative to the OSCAL files, where the
	// evidence bundle sits (e.g. "evidence/"). Evidence hrefs are written as
	// EvidenceBase followed by the path inside the bundle; empty leaves them
	// relative to the bundle root.
	EvidenceBase string
	// ManifestSHA256 is the hex sha256 of the bundle manifest written with
	// the reports; the documents record it so the manifest, which lists
	// every subject and artifact with their hashes, has a chain of custody.
	ManifestSHA256 string
	// PlanSHA256 is the hex sha256 of the assessment plan written with the
	// results; empty makes the results compute it.
	PlanSHA256 string
	// Engagement is what the documents say about the assessment: parties,
	// system, scope, system security plan, remediation policy.
	Engagement engagement.Engagement
}

// builder holds what every part of the documents needs. It is built once
// per document from the results, which it never copies: observations,
// risks and inventory are derived from them as each document is assembled.
type builder struct {
	x    *view.Index
	r    *assess.Results
	opts Options
	eng  engagement.Engagement
	// ts is the assessment time (the end of the evidence collection), and
	// start the earliest time evidence was collected.
	ts, start time.Time
	// run scopes the UUIDs that must differ between assessments (results,
	// observations, findings) and stay equal for the same time and inputs.
	run     string
	parties *partyBook
	// subjectRefsAt and subjectRefs cache subjectRef, by the subject's
	// position among the results' subjects or, for a subject they do not
	// hold, by its ID: a subject is referenced by every observation of a
	// control that judged it.
	subjectRefsAt []*subjectRef
	subjectRefs   map[string]*subjectRef
	// The parts of a risk that are the same for every finding of a control
	// or a severity, built once and shared by those risks.
	threatIDs map[*controls.Control]*[]oscalTypes.ThreatId
	ratings   map[ratingKey]*[]oscalTypes.Characterization
	origins   *[]oscalTypes.Origin
	// observations holds, by control ID, the reference to the control's
	// observation that its risks and POA&M items cite.
	observations map[string]*[]oscalTypes.RelatedObservation
	// ownerRoles holds, by the owner's party UUID, the responsible role
	// of the milestones that owner is named for.
	ownerRoles map[string]*[]oscalTypes.ResponsibleRole
	// The same for the POA&M items: a control's requirement properties
	// and the items' origins.
	requirementProps map[*controls.Control][]oscalTypes.Property
	itemOrigins      *[]oscalTypes.PoamItemOrigin
	// parts holds the encodings of the values above that the risks and
	// items share, made as the document is written (see sharedMember).
	parts sharedParts
	// days holds the dates day writes: findings are detected on few days
	// and fall due on a few more.
	days map[time.Time]string
	// artifactLinks holds artifactLink's links by the artifact's path.
	artifactLinks map[string]string
}

// day writes t's date (2006-01-02), once for each time.
func (b *builder) day(t time.Time) string {
	d, ok := b.days[t]
	if !ok {
		d = t.Format("2006-01-02")
		b.days[t] = d
	}
	return d
}

// ratingKey is what a risk's characterizations derive from.
type ratingKey struct {
	severity string
	rating   engagement.Rating
}

// subjectRef is what an observation takes from a subject it judged: the
// UUID and title its reference names, the method the subject was assessed
// by and when its evidence was collected.
type subjectRef struct {
	uuid, title, method string
	collected           time.Time
	// passed is the encoding of the reference to the subject from the
	// observation of a control it passed (see subjectRefs.shared), made
	// the first time one is written.
	passed *sharedPart
}

// subjectRef returns the UUID, title, method and collection time of the
// subject e judged, derived once per subject.
func (b *builder) subjectRef(e *assess.Evaluation) *subjectRef {
	subject := b.x.Judged(e)
	if n := subject.Ordinal(); n >= 0 {
		if b.subjectRefsAt == nil {
			b.subjectRefsAt = make([]*subjectRef, len(b.r.Subjects))
		}
		ref := b.subjectRefsAt[n]
		if ref == nil {
			ref = newSubjectRef(e.SubjectID, subject.Meta())
			b.subjectRefsAt[n] = ref
		}
		return ref
	}
	ref, ok := b.subjectRefs[e.SubjectID]
	if !ok {
		ref = newSubjectRef(e.SubjectID, subject.Meta())
		b.subjectRefs[e.SubjectID] = ref
	}
	return ref
}

func newSubjectRef(id string, meta *evidence.Meta) *subjectRef {
	return &subjectRef{uuid: subjectUUID(id), title: subjectTitle(*meta), method: methodOf(*meta), collected: meta.Provenance.Collected}
}

// newBuilder checks the results and prepares a builder.
func newBuilder(r *assess.Results, opts Options, doc string) (*builder, error) {
	if r == nil {
		return nil, fmt.Errorf("build OSCAL %s: no results", doc)
	}
	ts, err := stamp(r.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("build OSCAL %s: %w", doc, err)
	}
	eng := opts.Engagement
	if eng.Remediation.Days == nil {
		eng.Remediation = engagement.DefaultPolicy()
	}
	b := &builder{x: view.For(r), r: r, opts: opts, eng: eng, ts: ts, start: ts,
		run: ts.Format(time.RFC3339), parties: newPartyBook(), subjectRefs: map[string]*subjectRef{},
		threatIDs: map[*controls.Control]*[]oscalTypes.ThreatId{}, ratings: map[ratingKey]*[]oscalTypes.Characterization{},
		origins: &[]oscalTypes.Origin{toolOrigin()}, observations: map[string]*[]oscalTypes.RelatedObservation{},
		ownerRoles:       map[string]*[]oscalTypes.ResponsibleRole{},
		requirementProps: map[*controls.Control][]oscalTypes.Property{}, parts: sharedParts{}, days: map[time.Time]string{},
		artifactLinks: map[string]string{},
		itemOrigins:   &[]oscalTypes.PoamItemOrigin{{Actors: []oscalTypes.OriginActor{{Type: "tool", ActorUuid: toolComponentUUID()}}}}}
	for _, s := range r.Subjects {
		if c := s.Metadata().Provenance.Collected; !c.IsZero() {
			if c, err := stamp(c); err == nil && c.Before(b.start) {
				b.start = c
			}
		}
	}
	if eng.Organization.Named() {
		b.parties.add(eng.Organization, roleOrganization)
	}
	if eng.Assessor.Named() {
		b.parties.add(eng.Assessor, roleAssessor)
	}
	return b, nil
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

// Roles parties play in the documents.
const (
	roleOrganization = "prepared-for"
	roleAssessor     = "assessor"
	roleOwner        = "risk-owner"
	roleApprover     = "risk-approver"
	roleAttestor     = "attestor"
)

var roleTitles = map[string][2]string{
	roleOrganization: {"Assessed organisation", "The organisation whose MCP deployment was assessed; the documents are prepared for it."},
	roleAssessor:     {"Assessor", "The person or team who ran the assessment and answers for its results."},
	roleOwner:        {"Risk owner", "Owns a finding: remediates it by its deadline, or answers for the waiver that accepts it."},
	roleApprover:     {"Risk approver", "Approved a waiver that accepts a failure as a deviation until the waiver expires."},
	roleAttestor:     {"Attestor", "Attested that a control no machine can check is in place, with the evidence named."},
}

// partyBook collects the parties a document names, once each, with the
// roles they play.
type partyBook struct {
	byKey map[string]*bookedParty
}

type bookedParty struct {
	party engagement.Party
	uuid  string
	roles map[string]bool
}

func newPartyBook() *partyBook { return &partyBook{byKey: map[string]*bookedParty{}} }

// add records a party in a role and returns its UUID ("" for an unnamed
// party). The same name and email address is one party.
func (pb *partyBook) add(p engagement.Party, role string) string {
	if !p.Named() {
		return ""
	}
	key := strings.ToLower(strings.TrimSpace(p.Name)) + "\x00" + strings.ToLower(strings.TrimSpace(p.Email))
	bp := pb.byKey[key]
	if bp == nil {
		bp = &bookedParty{party: p, uuid: id("party", key), roles: map[string]bool{}}
		pb.byKey[key] = bp
	}
	if p.Type == "person" {
		bp.party.Type = "person"
	}
	bp.roles[role] = true
	return bp.uuid
}

// addText records a party written as free text (a waiver's owner, an
// attestation's attestor).
func (pb *partyBook) addText(s, role string) string {
	return pb.add(engagement.ParseParty(s), role)
}

// metadata builds the document metadata: the title, the document's own
// version (apart from the tool's, which is a property), the parties named
// and the roles they play.
func (b *builder) metadata(title string) oscalTypes.Metadata {
	version := strings.TrimSpace(b.eng.DocumentVersion)
	if version == "" {
		version = b.run
	}
	m := oscalTypes.Metadata{
		Title:        clean(title),
		LastModified: b.ts,
		Version:      version,
		OscalVersion: Version,
		Props: props("tool", b.toolName(), "tool-version", orDefault(b.r.Version, "unknown"),
			"document-version-source", versionSource(b.eng.DocumentVersion)),
	}
	var parties []oscalTypes.Party
	byRole := map[string][]string{}
	for _, bp := range slices.SortedFunc(maps.Values(b.parties.byKey), func(a, c *bookedParty) int { return cmp.Compare(a.uuid, c.uuid) }) {
		p := oscalTypes.Party{UUID: bp.uuid, Type: bp.party.Kind(), Name: clean(orDefault(bp.party.Name, bp.party.Email))}
		if e := strings.TrimSpace(bp.party.Email); e != "" {
			p.EmailAddresses = &[]string{e}
		}
		parties = append(parties, p)
		for role := range bp.roles {
			byRole[role] = append(byRole[role], bp.uuid)
		}
	}
	var roles []oscalTypes.Role
	var responsible []oscalTypes.ResponsibleParty
	for _, role := range slices.Sorted(maps.Keys(byRole)) {
		t := roleTitles[role]
		roles = append(roles, oscalTypes.Role{ID: role, Title: t[0], Description: t[1]})
		responsible = append(responsible, oscalTypes.ResponsibleParty{RoleId: role, PartyUuids: byRole[role]})
	}
	m.Parties, m.Roles, m.ResponsibleParties = list(parties), list(roles), list(responsible)
	var remarks []string
	if !b.eng.Assessor.Named() {
		remarks = append(remarks, fmt.Sprintf("No assessor is named (assessment.assessor in tollgate.yaml): %s %s produced these results, and no person has reviewed them.",
			b.toolName(), orDefault(b.r.Version, "")))
	}
	if !b.eng.Organization.Named() {
		remarks = append(remarks, "The assessed organisation is not named (assessment.organization in tollgate.yaml).")
	}
	m.Remarks = strings.Join(remarks, "\n\n")
	return m
}

// versionSource says where metadata.version came from.
func versionSource(configured string) string {
	if strings.TrimSpace(configured) != "" {
		return "configured"
	}
	return "assessment-time"
}

func (b *builder) toolName() string {
	name := orDefault(b.r.Tool, "tollgate")
	return strings.ToUpper(name[:1]) + name[1:]
}

// toolComponentUUID is the component that stands for Tollgate in the
// assessment assets; observations, findings and risks name it as their
// origin (actor type "tool").
func toolComponentUUID() string { return toolComponent }

// toolComponent is toolComponentUUID, which every origin cites.
var toolComponent = id("component", "tollgate")

// platformUUID is the assessment platform that uses the tool.
func platformUUID() string { return id("assessment-platform", "tollgate") }

// toolOrigin names Tollgate as the actor that produced an observation,
// finding or risk.
func toolOrigin() oscalTypes.Origin {
	return oscalTypes.Origin{Actors: []oscalTypes.OriginActor{{Type: "tool", ActorUuid: toolComponentUUID()}}}
}

// assessmentAssets describes Tollgate as the tool and platform the
// assessment ran on.
func (b *builder) assessmentAssets() *oscalTypes.AssessmentAssets {
	version := orDefault(b.r.Version, "unknown")
	return &oscalTypes.AssessmentAssets{
		Components: &[]oscalTypes.SystemComponent{{
			UUID:        toolComponentUUID(),
			Type:        "software",
			Title:       fmt.Sprintf("%s %s", b.toolName(), version),
			Description: "Compliance-as-code for Model Context Protocol deployments: reads MCP client configurations, registry manifests and bundles, judges them against its control catalog with CUE, and maps the verdicts onto frameworks.",
			Purpose:     "Automated examination of MCP configuration and evaluation of the MCP control catalog.",
			Props:       props("version", version, "asset-type", "software"),
			Status:      oscalTypes.SystemComponentStatus{State: "operational"},
		}},
		AssessmentPlatforms: []oscalTypes.AssessmentPlatform{{
			UUID:           platformUUID(),
			Title:          b.toolName() + " assessment platform",
			UsesComponents: &[]oscalTypes.UsesComponent{{ComponentUuid: toolComponentUUID()}},
		}},
	}
}

// systemID identifies the assessed system: the configured id, or else a
// UUID derived from the assessed organisation and scope, so the same
// organisation and scope always get the same one.
func (b *builder) systemID() *oscalTypes.SystemId {
	if sid := strings.TrimSpace(b.eng.System.ID); sid != "" {
		return &oscalTypes.SystemId{IdentifierType: NS + "/system-id", ID: sid}
	}
	return &oscalTypes.SystemId{IdentifierType: "https://ietf.org/rfc/rfc4122",
		ID: id(append([]string{"system", b.eng.Organization.String()}, b.eng.Scope...)...)}
}

// subjectName is the name of the assessed organisation or system for titles.
func (b *builder) subjectName() string {
	switch {
	case b.eng.System.Name != "":
		return b.eng.System.Name
	case b.eng.Organization.Named():
		return orDefault(b.eng.Organization.Name, b.eng.Organization.Email) + " MCP deployment"
	}
	return "the MCP deployment"
}
