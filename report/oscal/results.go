package oscal

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
)

// Write writes r as OSCAL 1.1.3 assessment results to w. The document is
// encoded once and streamed out as it is laid out; it is not validated
// here (the tests validate the documents this package writes against the
// OSCAL schema), so its cost stays proportional to its size.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	ar, lazy, err := build(r, opts)
	if err != nil {
		return err
	}
	res := &ar.Results[0]
	var arrays []array
	if lazy.observations.n > 0 {
		res.Observations = lazy.observations.s
		arrays = append(arrays, lazy.observations)
	}
	if lazy.risks.n > 0 {
		res.Risks = lazy.risks.s
		lazy.risks.gen = lazy.streamedRisk
		arrays = append(arrays, lazy.risks)
	}
	arrays = append(arrays, streamArray(res.Findings, func(f *oscalTypes.Finding, id string) { f.UUID = id }, (*objectWriter).finding),
		streamResources(ar.BackMatter))
	if err := writeModel(w, "assessment-results", oscalTypes.OscalModels{AssessmentResults: ar}, &ar.UUID, arrays...); err != nil {
		return fmt.Errorf("write OSCAL assessment results: %w", err)
	}
	return nil
}

// Marshal renders r as validated OSCAL 1.1.3 assessment-results JSON.
func Marshal(r *assess.Results, opts Options) ([]byte, error) {
	ar, err := Build(r, opts)
	if err != nil {
		return nil, err
	}
	data, err := encode(oscalTypes.OscalModels{AssessmentResults: ar})
	if err != nil {
		return nil, fmt.Errorf("assessment results: %w", err)
	}
	return data, nil
}

// Build assembles the assessment results for r without validating them.
//
// The document holds one result: this assessment, from the earliest
// evidence collection to the assessment time. Its reviewed controls list,
// per framework, the requirements in the MCP scope, grouped by whether they
// were concluded; its observations record every control against every
// applicable subject (subjects refer to the inventory items of the
// assessment plan, which import-ap names with its hash); its risks are the
// findings (a control failing on a subject, or accepted under a waiver),
// each once, with the UUID the POA&M gives it too; and its findings state,
// for every requirement whose MCP scope was assessed, whether that scope
// was met. UUIDs of the result, its observations and findings include the
// assessment time, so successive assessments never collide; those of risks
// and inventory items do not, so they can be followed from one assessment
// to the next.
func Build(r *assess.Results, opts Options) (*oscalTypes.AssessmentResults, error) {
	ar, lazy, err := build(r, opts)
	if err != nil {
		return nil, err
	}
	ar.Results[0].Observations = list(lazy.observations.all())
	ar.Results[0].Risks = list(lazy.risks.all())
	if ar.UUID, err = contentUUID("assessment-results", ar); err != nil {
		return nil, fmt.Errorf("build OSCAL assessment results: %w", err)
	}
	return ar, nil
}

// resultsArrays are the observations and risks of the assessment results,
// built as they are written.
type resultsArrays struct {
	observations *lazyArray[oscalTypes.Observation]
	risks        *lazyArray[oscalTypes.Risk]
	// streamedRisk builds risk i for the risks encoded one at a time (see
	// builder.streamedRisks).
	streamedRisk func(i int) oscalTypes.Risk
}

// build is Build without the document's UUID, and with the observations
// and risks left to be built as they are written.
func build(r *assess.Results, opts Options) (*oscalTypes.AssessmentResults, resultsArrays, error) {
	b, err := newBuilder(r, opts, "assessment results")
	if err != nil {
		return nil, resultsArrays{}, err
	}
	planDigest := opts.PlanSHA256
	if planDigest == "" {
		plan, err := planBytes(r, opts)
		if err != nil {
			return nil, resultsArrays{}, fmt.Errorf("build OSCAL assessment results: %w", err)
		}
		sum := sha256.Sum256(plan)
		planDigest = hex.EncodeToString(sum[:])
	}
	plan := b.x.Plan(b.eng)
	b.bookParties(plan)
	byControl := map[string][]string{}
	for i := range plan.Len() {
		f := plan.Finding(i)
		byControl[f.Control.ID] = append(byControl[f.Control.ID], riskUUID(f.Fingerprint()))
	}
	observations := b.lazyObservations(b.observedControls())
	result := oscalTypes.Result{
		UUID:             id("result", b.run),
		Title:            clean(fmt.Sprintf("Assessment of %s, %s", b.subjectName(), b.ts.Format("2006-01-02"))),
		Description:      b.scopeStatement(),
		Start:            b.start,
		End:              &b.ts,
		Props:            props("tool", b.toolName(), "tool-version", orDefault(r.Version, "unknown"), "scope", "mcp"),
		ReviewedControls: b.reviewedControls(),
		Findings:         list(b.findings(byControl)),
	}
	resources := append([]oscalTypes.Resource{documentResource(planResourceID(), "Assessment plan", PlanFile, "application/oscal.ap+json", planDigest)},
		b.frameworkResources()...)
	resources = append(resources, b.evidenceResources()...)
	ar := &oscalTypes.AssessmentResults{
		Metadata: b.metadata(orDefault(opts.Title, "Assessment results: "+b.subjectName())),
		ImportAp: oscalTypes.ImportAp{
			Href:    "#" + planResourceID(),
			Remarks: "The assessment plan (" + PlanFile + ", hash in the back matter) defines the scope, the assessment subjects (inventory items the observations refer to), the methods and the tool.",
		},
		Results:    []oscalTypes.Result{result},
		BackMatter: backMatter(resources...),
	}
	return ar, resultsArrays{observations: observations, risks: b.lazyRisks(plan), streamedRisk: b.streamedRisks(plan.Item)}, nil
}
