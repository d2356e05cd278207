package xlsx

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/report/internal/view"
	"github.com/tollgate-dev/tollgate/templates/workbook"
)

// coverRows state what an auditor reads before any number: what was
// assessed and how, when, by whom, with which tool, the gate's verdict, the
// method, what each status means, and where the evidence is, with the hash
// of the bundle manifest.
func (b *book) coverRows() []any {
	r, eng := b.r, b.opts.Engagement
	row := func(item, statement string) coverRow { return coverRow{item: item, statement: statement} }
	org := "Not named (assessment.organization in tollgate.yaml)"
	if eng.Organization.Named() {
		org = eng.Organization.String()
	}
	assessor := fmt.Sprintf("Not named (assessment.assessor in tollgate.yaml): %s %s produced these results and no person has reviewed them.", orDefault(r.Tool, "tollgate"), r.Version)
	if eng.Assessor.Named() {
		assessor = eng.Assessor.String()
	}
	system := orDefault(eng.System.Name, "Not named")
	if eng.System.ID != "" {
		system += " (id " + eng.System.ID + ")"
	}
	scope := "The evidence bundle given to Tollgate."
	if len(eng.Scope) > 0 {
		scope = strings.Join(eng.Scope, "\n")
	}
	kinds := map[evidence.Kind]int{}
	for _, s := range r.Subjects {
		if v, ok := s.(*evidence.Server); ok && v.Ignored {
			continue
		}
		kinds[s.Metadata().Kind]++
	}
	var judged []string
	for _, k := range evidence.Kinds {
		if n := kinds[k]; n > 0 && k != evidence.KindSource {
			judged = append(judged, words.Count(n, populationNoun(k)))
		}
	}
	population := "nothing"
	if len(judged) > 0 {
		population = strings.Join(judged, ", ")
	}
	gate := "Not decided when the workbook was written."
	if eng.Gate != nil {
		gate = eng.Gate.Verdict()
		if eng.Gate.FailOn != "" {
			gate += fmt.Sprintf(" (fails on an unwaived failure of severity %s or higher)", eng.Gate.FailOn)
		}
	}
	var fws []string
	for _, fw := range r.Frameworks {
		if f := fw.Framework; f != nil {
			name := orDefault(f.Title, f.ID)
			if v := f.VersionBeyondTitle(); v != "" {
				name += " " + v
			}
			line := fmt.Sprintf("%s: %d of %d requirements assessed", name, fw.Tally.Assessed(), len(fw.Requirements))
			if f.Crosswalk != nil {
				line += "; official links rest on " + f.Crosswalk.Title
			}
			fws = append(fws, line)
		}
	}
	manifest := "The evidence bundle is written beside this workbook (evidence/manifest.json and evidence/artifacts/)."
	if h := b.opts.ManifestSHA256; h != "" {
		manifest += " SHA-256 of evidence/manifest.json: " + h + "."
	}
	manifest += " Every artifact's SHA-256 on the Evidence sheet is that of its stored (redacted) copy, which anyone can recompute; the original file's is beside it."
	rows := []any{
		row("Assessment", fmt.Sprintf("Tollgate assessment of the Model Context Protocol (MCP) configuration of %s.", orDefault(eng.System.Name, orDefault(eng.Organization.Name, "the MCP deployment")))),
		row("Assessed organisation", org),
		row("System", system),
		row("Scope", scope),
		row("Population", fmt.Sprintf("%s declared in %s (%s); every applicable subject was judged, nothing was sampled.",
			population, words.Count(kinds[evidence.KindSource], "configuration source"), words.Count(len(r.Artifacts), "artifact"))),
		row("Assessment date", r.Timestamp.UTC().Format(time.RFC3339)),
		row("Assessor", assessor),
		row("Tool", fmt.Sprintf("%s %s; workbook profile %s v%d", orDefault(r.Tool, "tollgate"), r.Version, b.p.Name, b.p.Version)),
		row("Gate verdict", gate),
		row("Methodology", "Automated examination of configuration settings (SP 800-53A EXAMINE): every MCP client configuration, registry and bundle manifest, gateway configuration and Kubernetes manifest or chart in scope is read the way the client, gateway or cluster reads it, and every applicable control of the catalog is judged against every subject with its CUE check. "+
			"Controls no machine can check are satisfied only by a valid attestation (INTERVIEW), whose evidence is copied into the bundle and hashed. "+
			"Verdicts are rolled up to framework requirements through Tollgate's mappings, each link with its provenance and rationale."),
		row("What a requirement status means", "Each requirement is judged for its MCP scope only: what the MCP controls mapped to it examine. \"MCP scope met\" never means the whole requirement is met; requirements no MCP control maps to are not assessed."),
		row("Frameworks", strings.Join(fws, "\n")),
		row("Remediation policy", b.opts.Engagement.Remediation.Describe()),
		row("Evidence", manifest),
		row("How to read the sheets", "One sheet per framework lists its requirements with their status for the MCP scope, the controls mapped (with the basis of each link), the evidence judged and the Finding IDs; "+
			"click a requirement to go to its first finding on the Findings sheet. Owner, Target date, Auditor conclusion and Auditor comment are for you to fill in; each accepts only what it is for."),
		row("OSCAL documents", "assessment-plan.json (scope, subjects, methods), assessment-results.json (observations, findings, risks), poam.json (plan of action); the Finding IDs (TG-…) here are in all three, in SARIF and in results.json."),
	}
	for _, s := range []assess.Status{assess.StatusSatisfied, assess.StatusNotSatisfied, assess.StatusWaived, assess.StatusNotAssessed, assess.StatusManual, assess.StatusError} {
		rows = append(rows, coverRow{item: statusCell{label: "Legend: " + view.RequirementLabel(s), key: string(s)}, statement: legend[s]})
	}
	return rows
}

// legend explains each requirement status.
var legend = map[assess.Status]string{
	assess.StatusSatisfied:    "Every mapped MCP control that had something to judge passed on every applicable subject. Only the MCP scope of the requirement was assessed.",
	assess.StatusNotSatisfied: "A mapped MCP control failed on at least one subject without a waiver. The Finding IDs name each failure; the Findings sheet says where and how to fix it.",
	assess.StatusWaived:       "Mapped controls failed only on subjects covered by valid waivers: a deviation approved until the waiver expires (see Waivers), not compliance.",
	assess.StatusNotAssessed:  "Nothing was judged: no MCP control maps to the requirement, or no applicable subject was found. No conclusion is drawn.",
	assess.StatusManual:       "Only manual controls map to the requirement and none has a valid attestation. No conclusion is drawn.",
	assess.StatusError:        "Evidence was missing (a configuration file could not be read), so the requirement could not be decided.",
}

// conclusions are what an auditor may record against a requirement.
var conclusions = []string{"Agree", "Disagree", "Evidence requested", "Not tested"}

// restrictInput limits what may be typed into column col (rows 2 to
// lastRow) to the column's input kind.
func (b *book) restrictInput(f *excelize.File, sheet string, col, lastRow int, input string) error {
	colName, _ := excelize.ColumnNumberToName(col)
	ref := fmt.Sprintf("%s2:%s%d", colName, colName, max(lastRow, 2))
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	switch input {
	case workbook.InputDate:
		if err := dv.SetRange(excelSerial(b.r.Timestamp), 0, excelize.DataValidationTypeDate, excelize.DataValidationOperatorGreaterThanOrEqual); err != nil {
			return fmt.Errorf("sheet %q date input: %w", sheet, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Target date", "Enter a date on or after the assessment date ("+b.r.Timestamp.UTC().Format("2006-01-02")+").")
		dv.SetInput("Target date", "A date (YYYY-MM-DD) on or after the assessment date.")
	case workbook.InputOwner:
		owners := b.owners()
		if len(owners) == 0 {
			return nil
		}
		if err := dv.SetDropList(owners); err != nil {
			return fmt.Errorf("sheet %q owner input: %w", sheet, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleInformation, "Owner", "This owner is not among those the assessment knows; it is kept as typed.")
		dv.SetInput("Owner", "Choose an owner, or type another name.")
	case workbook.InputConclusion:
		if err := dv.SetDropList(conclusions); err != nil {
			return fmt.Errorf("sheet %q conclusion input: %w", sheet, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Auditor conclusion", "Choose one of: "+strings.Join(conclusions, ", ")+".")
	case workbook.InputText:
		if err := dv.SetRange(0, 1000, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
			return fmt.Errorf("sheet %q text input: %w", sheet, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Comment", "Keep the comment under 1,000 characters.")
	default:
		return nil
	}
	if err := f.AddDataValidation(sheet, dv); err != nil {
		return fmt.Errorf("sheet %q input %s: %w", sheet, input, err)
	}
	return nil
}

// owners are the owners the assessment knows, for the Owner drop-down: the
// point of contact, the assessed organisation and the waivers' owners.
// Commas are dropped, since a drop-down list separates items with them.
func (b *book) owners() []string {
	set := map[string]bool{}
	eng := b.opts.Engagement
	for _, p := range []string{eng.Remediation.PointOfContact.Name, eng.Organization.Name} {
		if p = strings.TrimSpace(strings.ReplaceAll(p, ",", " ")); p != "" {
			set[p] = true
		}
	}
	for _, w := range b.r.Waivers {
		if o := strings.TrimSpace(strings.ReplaceAll(w.Owner, ",", " ")); o != "" {
			set[o] = true
		}
	}
	out := slices.Sorted(maps.Keys(set))
	// A drop-down list's source is at most 255 characters.
	for len(strings.Join(out, ",")) > 255 {
		out = out[:len(out)-1]
	}
	return out
}

// excelSerial is the spreadsheet date serial of t's day.
func excelSerial(t time.Time) int {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return int(day.Sub(epoch).Hours() / 24)
}

// populationNoun names a kind of subject on the cover: "MCP server",
// "gateway", "tool definition", "client".
func populationNoun(k evidence.Kind) string {
	switch k {
	case evidence.KindServer:
		return "MCP server"
	case evidence.KindEndpoint:
		return "live endpoint"
	case evidence.KindTool:
		return "tool definition"
	case evidence.KindClient:
		return "client"
	}
	return string(k)
}
