package oscal

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
)

// WritePlan writes the OSCAL 1.1.3 assessment plan of r to w. Like Write,
// it encodes the document once, building and encoding the inventory items
// one at a time as it writes them, and does not validate it.
func WritePlan(w io.Writer, r *assess.Results, opts Options) error {
	ap, inventory, err := buildPlanParts(r, opts)
	if err != nil {
		return err
	}
	if err := writeModel(w, "assessment-plan", oscalTypes.OscalModels{AssessmentPlan: ap}, &ap.UUID, inventory); err != nil {
		return fmt.Errorf("write OSCAL assessment plan: %w", err)
	}
	return nil
}

// MarshalPlan renders the validated OSCAL 1.1.3 assessment plan of r.
func MarshalPlan(r *assess.Results, opts Options) ([]byte, error) {
	data, err := planBytes(r, opts)
	if err != nil {
		return nil, err
	}
	if err := Validate(data); err != nil {
		return nil, fmt.Errorf("assessment plan: %w", err)
	}
	return data, nil
}

// planBytes renders the assessment plan without validating it; the
// assessment results hash these bytes, which WritePlan writes.
func planBytes(r *assess.Results, opts Options) ([]byte, error) {
	ap, err := buildPlan(r, opts)
	if err != nil {
		return nil, err
	}
	compact, err := encodeModel("assessment-plan", oscalTypes.OscalModels{AssessmentPlan: ap}, &ap.UUID)
	if err != nil {
		return nil, fmt.Errorf("assessment plan: %w", err)
	}
	var out bytes.Buffer
	out.Grow(len(compact) + len(compact)/2)
	layout(&out, compact)
	return out.Bytes(), nil
}

// Activities of the plan, by method.
var activities = []struct {
	key, method, title, description string
	steps                           []string
}{
	{"examine-configuration", methodExamine, "Automated examination of MCP configuration",
		"Tollgate reads every MCP client configuration, registry and bundle manifest, gateway configuration and Kubernetes manifest or chart found under the scope, the way the client, gateway or cluster reads it, " +
			"records every server, source and setting it declares as a subject with its file, line and hash, and judges every applicable control of its catalog against each subject with the control's CUE check. " +
			"Configured servers are never started and nothing is sent over the network.",
		[]string{
			"Discover and read the configuration files under the scope; record each as a source with its parse status.",
			"Record every MCP server, gateway, workload and tool the files declare as a subject, with provenance and the file's SHA-256; redact every secret value.",
			"Judge each control against each subject of its kind: pass, fail, not applicable, or error when the evidence is missing.",
			"Apply the waivers: a failure a valid waiver covers is recorded as waived (a deviation), not as a pass.",
			"Roll the verdicts up to each framework requirement through the mappings, for the requirement's MCP scope only.",
		}},
	{"test-endpoints", methodTest, "Live test of MCP endpoints",
		"Where live endpoints were probed, what each endpoint answered is judged like configuration: the probe exercised the endpoint under stated conditions.",
		[]string{"Connect to each endpoint named in scope, list its tools, and record what it answered.", "Judge the endpoint and tool controls against what was seen."}},
	{"review-attestations", methodInterview, "Review of attestations for manual controls",
		"Controls no machine can check (an approved-server list, incident response, training) are satisfied only by an attestation: a named person's statement, " +
			"with the evidence it cites copied into the evidence bundle and hashed, valid until its expiry. Tollgate checks that the attestation is valid; it does not verify its content independently.",
		[]string{"Load the attestations; hash the evidence each names.", "Count an unexpired attestation as satisfying its manual control; report the control as awaiting attestation otherwise."}},
}

// activityUUID is the UUID of a plan activity.
func activityUUID(key string) string { return id("activity", key) }

// BuildPlan assembles the assessment plan for r without validating it: the
// system security plan it rests on, every subject as an inventory item (the
// shared inventory the assessment results and POA&M refer to), the
// activities and their SP 800-53A methods, the requirements reviewed, the
// assessment subjects, Tollgate as the assessment platform, the task that
// ran, and the terms (methodology, assumptions, exclusions) an auditor
// reads before the results.
func BuildPlan(r *assess.Results, opts Options) (*oscalTypes.AssessmentPlan, error) {
	ap, err := buildPlan(r, opts)
	if err != nil {
		return nil, err
	}
	if ap.UUID, err = contentUUID("assessment-plan", ap); err != nil {
		return nil, fmt.Errorf("build OSCAL assessment plan: %w", err)
	}
	return ap, nil
}

// buildPlan is BuildPlan without the document's UUID.
func buildPlan(r *assess.Results, opts Options) (*oscalTypes.AssessmentPlan, error) {
	ap, inventory, err := buildPlanParts(r, opts)
	if err != nil {
		return nil, err
	}
	ap.LocalDefinitions.InventoryItems = list(inventory.all())
	return ap, nil
}

// buildPlanParts is buildPlan with the inventory items left to be built
// as they are written.
func buildPlanParts(r *assess.Results, opts Options) (*oscalTypes.AssessmentPlan, *lazyArray[oscalTypes.InventoryItem], error) {
	b, err := newBuilder(r, opts, "assessment plan")
	if err != nil {
		return nil, nil, err
	}
	items, components := b.lazyInventory(nil)
	usedMethods := map[string]bool{methodExamine: true}
	for _, s := range r.Subjects {
		usedMethods[methodOf(*s.Metadata())] = true
	}
	var attestors []oscalTypes.SelectSubjectById
	for _, a := range r.Attestations {
		if a.Status != assess.AttestationValid {
			continue
		}
		usedMethods[methodInterview] = true
		if u := b.parties.addText(a.AttestedBy, roleAttestor); u != "" {
			attestors = append(attestors, oscalTypes.SelectSubjectById{Type: "party", SubjectUuid: u})
		}
	}
	var acts []oscalTypes.Activity
	var assoc []oscalTypes.AssociatedActivity
	subjects := b.assessmentSubjects(attestors)
	for _, a := range activities {
		if !usedMethods[a.method] {
			continue
		}
		var steps []oscalTypes.Step
		for i, s := range a.steps {
			steps = append(steps, oscalTypes.Step{UUID: id("step", a.key, fmt.Sprint(i)), Description: s})
		}
		acts = append(acts, oscalTypes.Activity{
			UUID:        activityUUID(a.key),
			Title:       a.title,
			Description: a.description,
			Props:       &[]oscalTypes.Property{{Name: "method", Value: a.method}},
			Steps:       list(steps),
		})
		assoc = append(assoc, oscalTypes.AssociatedActivity{ActivityUuid: activityUUID(a.key),
			Subjects: []oscalTypes.AssessmentSubject{{Type: "inventory-item", IncludeAll: &oscalTypes.IncludeAll{}, Description: "Every inventory item of this plan."}}})
	}
	ap := &oscalTypes.AssessmentPlan{
		Metadata:  b.metadata("Assessment plan: " + b.subjectName()),
		ImportSsp: oscalTypes.ImportSsp{Href: "#" + sspResourceID(), Remarks: "The back-matter resource says which system security plan this plan rests on, or that none was supplied."},
		LocalDefinitions: &oscalTypes.LocalDefinitions{
			Components:     list(components),
			InventoryItems: items.list(),
			Activities:     list(acts),
			Remarks:        "Every subject collected is an inventory item here, once; the assessment results and the POA&M refer to these items by UUID.",
		},
		TermsAndConditions: &oscalTypes.AssessmentPlanTermsAndConditions{Parts: b.terms()},
		ReviewedControls:   b.reviewedControls(),
		AssessmentSubjects: &subjects,
		AssessmentAssets:   b.assessmentAssets(),
		Tasks: &[]oscalTypes.Task{{
			UUID:                 id("task", b.run),
			Type:                 "action",
			Title:                "Collect and evaluate MCP configuration",
			Description:          b.scopeStatement(),
			Timing:               &oscalTypes.EventTiming{WithinDateRange: &oscalTypes.OnDateRangeCondition{Start: b.start, End: b.ts}},
			AssociatedActivities: list(assoc),
		}},
	}
	resources := append([]oscalTypes.Resource{b.sspResource()}, b.frameworkResources()...)
	resources = append(resources, b.evidenceResources()...)
	ap.BackMatter = backMatter(resources...)
	return ap, items, nil
}

// assessmentSubjects are every collected subject (the inventory items of
// this plan, a full population, no sampling) and the parties whose
// attestations were reviewed.
func (b *builder) assessmentSubjects(attestors []oscalTypes.SelectSubjectById) []oscalTypes.AssessmentSubject {
	out := []oscalTypes.AssessmentSubject{{
		Type:        "inventory-item",
		Description: "Every MCP server, gateway, workload, endpoint, tool and configuration source collected in scope: the inventory items of this plan. " + b.scopeStatement(),
		IncludeAll:  &oscalTypes.IncludeAll{},
		Props:       props("sampling", "none (full population)"),
	}}
	if len(attestors) > 0 {
		out = append(out, oscalTypes.AssessmentSubject{
			Type:            "party",
			Description:     "The people who attested that manual controls are in place.",
			IncludeSubjects: &attestors,
		})
	}
	return out
}

// terms states the methodology, assumptions, exclusions and rules of
// engagement.
func (b *builder) terms() *[]oscalTypes.AssessmentPart {
	part := func(name, title, prose string, items ...string) oscalTypes.AssessmentPart {
		p := oscalTypes.AssessmentPart{Name: name, Title: title, Prose: prose}
		var sub []oscalTypes.AssessmentPart
		for _, it := range items {
			sub = append(sub, oscalTypes.AssessmentPart{Name: "item", Prose: it})
		}
		p.Parts = list(sub)
		return p
	}
	var fws []string
	for _, fw := range b.r.Frameworks {
		if fw.Framework != nil {
			fws = append(fws, frameworkName(fw.Framework))
		}
	}
	frameworks := "no framework (the MCP controls themselves are reviewed)"
	if len(fws) > 0 {
		frameworks = strings.Join(fws, "; ")
	}
	return &[]oscalTypes.AssessmentPart{
		part("methodology", "Methodology",
			fmt.Sprintf("Automated examination of configuration settings (SP 800-53A EXAMINE) by Tollgate %s against its catalog of %s, "+
				"live tests where endpoints were probed (TEST), and review of attestations for manual controls (INTERVIEW). "+
				"Verdicts are rolled up to %s through Tollgate's mappings, each link with its provenance (official where a published crosswalk backs it) and rationale. "+
				"The whole population in scope is judged; nothing is sampled. %s",
				orDefault(b.r.Version, ""), words.Count(len(b.r.Controls), "MCP control"), frameworks, b.eng.Remediation.Describe())),
		part("assumptions", "Assumptions", "",
			"A client uses the configuration files found under the scope as Tollgate reads them (Tollgate parses each file the way its client does).",
			"What a requirement demands beyond the MCP controls mapped to it is assessed elsewhere: a finding states only the requirement's MCP scope.",
			"An attestation is a named person's statement; Tollgate checks its validity and hashes its evidence, it does not verify the evidence's content."),
		part("assessment-exclusions", "Exclusions", "",
			"Configured MCP servers are never started, and no request is sent to a server unless a live probe was asked for.",
			"Secret values are never recorded: the evidence bundle stores configuration files with secrets redacted, and reports name a secret by kind and shape only.",
			"Requirements no MCP control maps to are not assessed (the reviewed controls name them)."),
		part("results-delivery", "Results delivery",
			fmt.Sprintf("The results are written beside this plan: %s (OSCAL assessment results), %s (OSCAL POA&M), the auditor workbook, SARIF, JUnit, results.json, "+
				"and the evidence bundle (%s) the documents cite with hashes.", ResultsFile, POAMFile, orDefault(b.opts.EvidenceBase, evidence.OutputFolder+"/"))),
	}
}
