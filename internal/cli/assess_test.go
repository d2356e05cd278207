package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/internal/canary"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/console"
	jsonreport "github.com/tollgate-dev/tollgate/report/json"
	"github.com/tollgate-dev/tollgate/report/oscal"
	"github.com/tollgate-dev/tollgate/report/oscal/oscaltest"
	"github.com/tollgate-dev/tollgate/report/reporttest"
)

// The files `tollgate assess` writes into its output folder.
const (
	fileAP       = "assessment-plan.json"
	fileOSCAL    = "assessment-results.json"
	filePOAM     = "poam.json"
	fileWorkbook = "tollgate-report.xlsx"
	fileSARIF    = "tollgate.sarif"
	fileJUnit    = "junit.xml"
	fileJSON     = "results.json"
	fileHTML     = "tollgate-report.html"
	fileMarkdown = "summary.md"
)

// reportFiles are every report of a default run.
var reportFiles = []string{fileAP, fileOSCAL, filePOAM, fileWorkbook, fileSARIF, fileJUnit, fileJSON, fileMarkdown, fileHTML}

// assessInto runs `tollgate assess dir` into a new output folder with a
// pinned timestamp, a JSON console summary and the gate off, and returns the
// folder and the summary.
func assessInto(t *testing.T, dir string, extra ...string) (string, console.Summary) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	args := append([]string{"assess", dir, "-o", out, "--timestamp", fixedTimestamp, "--summary", "json", "--fail-on", "none"}, extra...)
	run := runTollgate(t, args...)
	if run.code != 0 {
		t.Fatalf("assess %s: exit %d: %v\nstderr: %s", dir, run.code, run.err, run.stderr)
	}
	var s console.Summary
	if err := json.Unmarshal([]byte(run.stdout), &s); err != nil {
		t.Fatalf("console summary is not JSON: %v\n%s", err, run.stdout)
	}
	return out, s
}

// tally counts the outcomes of control × subject pairs and of framework
// requirements, as one output format reports them.
type tally struct {
	// fail is the number of unwaived failing control × subject pairs.
	fail int
	// waived is the number of failing pairs accepted under a waiver.
	waived int
	// errors is the number of pairs that could not be evaluated (-1: the
	// format does not report it).
	errors int
	// frameworks holds, per framework ID, the requirement statuses
	// (satisfied, not-satisfied, not-assessed, manual, error) and their
	// counts (nil: the format does not report them).
	frameworks map[string]map[string]int
}

// TestOutputsAgree runs assess over the example and over the shared corpus
// and checks that every output tells the same story. The counts compared:
//
//   - unwaived failures (control × subject pairs with verdict fail): the
//     console summary's counts.fail and its failures list, results.json's
//     summary.failures and its findings with verdict fail, SARIF results
//     without a suppression, JUnit's failures attribute and <failure>
//     elements, and workbook Findings rows with status Fail;
//   - waived failures: console counts.waived and waived list, results.json
//     summary.waived and waived findings, SARIF results with a suppression,
//     workbook Findings rows with status Waived;
//   - evaluation errors: console counts.error, results.json summary.errors,
//     JUnit's errors attribute;
//   - per framework, the number of requirements in each status: the console
//     summary, results.json tallies, the workbook Summary sheet, and the
//     OSCAL result's findings by their "status" property, whose
//     not-satisfied state must cover exactly the requirements that are not
//     satisfied (not satisfied, not assessed, manual, error);
//   - per framework, the unwaived failures of the controls mapped to it:
//     results.json findings naming a requirement of the framework, and the
//     OSCAL result's observation subjects with verdict fail (observations
//     list the subjects that did not pass; their fail, waived and error
//     counts must match the subjects listed);
//   - the Markdown headline's failure count.
func TestOutputsAgree(t *testing.T) {
	trees := []struct {
		name, dir string
		optional  bool
		// fleet generates a varied fleet of this many servers (with 200
		// workloads, gateways and waivers) instead of reading dir.
		fleet int
	}{
		{name: "example", dir: exampleDir},
		{name: "corpus", dir: corpusDir, optional: true},
		{name: "generated fleet", fleet: 2000},
	}
	for _, tree := range trees {
		t.Run(tree.name, func(t *testing.T) {
			if tree.optional {
				requireTree(t, tree.dir)
			}
			dir, extra := tree.dir, []string(nil)
			if tree.fleet > 0 {
				dir, extra = generatedFleet(t, tree.fleet)
			}
			out, sum := assessInto(t, dir, extra...)
			if tree.fleet > 0 && sum.Counts.Waived == 0 {
				t.Fatal("the waiver matched no failure of the generated fleet; the comparison would prove little")
			}
			read := func(name string) []byte {
				t.Helper()
				data, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				return data
			}

			truth := tally{fail: sum.Counts.Fail, waived: sum.Counts.Waived, errors: sum.Counts.Error,
				frameworks: map[string]map[string]int{}}
			for _, f := range sum.Frameworks {
				truth.frameworks[f.ID] = map[string]int{"satisfied": f.Satisfied, "not-satisfied": f.NotSatisfied,
					"waived": f.Waived, "not-assessed": f.NotAssessed, "manual": f.Manual, "error": f.Error}
			}
			if truth.fail == 0 || len(truth.frameworks) == 0 {
				t.Fatalf("%s has no failure or no framework; the comparison would prove little", tree.dir)
			}
			js := jsonTally(t, read(fileJSON))
			formats := []struct {
				name string
				got  tally
			}{
				{"console failures/waived lists", tally{fail: len(sum.Failures), waived: len(sum.Waived), errors: -1}},
				{fileJSON, js.tally},
				{fileSARIF, sarifTally(t, read(fileSARIF))},
				{fileJUnit, junitTally(t, read(fileJUnit))},
				{fileWorkbook, workbookTally(t, filepath.Join(out, fileWorkbook))},
				{fileOSCAL, oscalTally(t, read(fileOSCAL))},
				{fileHTML, htmlTally(t, read(fileHTML))},
			}
			for _, f := range formats {
				if f.got.fail >= 0 && f.got.fail != truth.fail {
					t.Errorf("%s: %d unwaived failures, console summary %d", f.name, f.got.fail, truth.fail)
				}
				if f.got.waived >= 0 && f.got.waived != truth.waived {
					t.Errorf("%s: %d waived failures, console summary %d", f.name, f.got.waived, truth.waived)
				}
				if f.got.errors >= 0 && f.got.errors != truth.errors {
					t.Errorf("%s: %d errors, console summary %d", f.name, f.got.errors, truth.errors)
				}
				if f.got.frameworks == nil {
					continue
				}
				if len(f.got.frameworks) != len(truth.frameworks) {
					t.Errorf("%s: %d frameworks, console summary %d", f.name, len(f.got.frameworks), len(truth.frameworks))
				}
				for id, want := range truth.frameworks {
					if got := f.got.frameworks[id]; fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("%s: %s requirement statuses %v, console summary %v", f.name, id, got, want)
					}
				}
			}

			// OSCAL reports verdicts per framework result: across results, the
			// distinct control × subject pairs with verdict fail (or waived)
			// are the failures (waived failures) of controls mapped to some
			// framework, and per result they are those of the controls mapped
			// to that framework.
			pairs, perFramework := oscalVerdicts(t, read(fileOSCAL), read(fileAP))
			if pairs["fail"] != js.mappedFail || pairs["waived"] != js.mappedWaived {
				t.Errorf("%s: %d fail and %d waived pairs, results.json %d and %d (of mapped controls)",
					fileOSCAL, pairs["fail"], pairs["waived"], js.mappedFail, js.mappedWaived)
			}
			for id := range truth.frameworks {
				if perFramework[id] != js.failsByFramework[id] {
					t.Errorf("%s: result %s records %d fail verdicts, results.json %d findings", fileOSCAL, id, perFramework[id], js.failsByFramework[id])
				}
			}

			headline := fmt.Sprintf("**%d failure", truth.fail)
			if md := string(read(fileMarkdown)); !strings.Contains(md, headline) {
				t.Errorf("%s does not contain %q", fileMarkdown, headline)
			}
		})
	}
}

// generatedFleet writes a varied fleet of n servers, 200 workloads and 6
// gateways, and a waiver file accepting some of its failures, and returns
// the fleet's folder and the flags that apply the waivers.
func generatedFleet(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fleet")
	if _, err := assesstest.WriteFleetFiles(dir, assesstest.FilesSpec{Servers: n, Workloads: 200, Gateways: 6, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	waivers := filepath.Join(t.TempDir(), "waivers.hcl")
	const hcl = `waiver "FLEET-W-1" {
  control       = "MCP-SECRETS-01"
  subjects      = ["github-*"]
  justification = "Tokens of the GitHub servers move to the vault in Q3."
  owner         = "platform"
  approved_by   = "security@example.com"
  expires       = "2099-01-01"
}
`
	if err := os.WriteFile(waivers, []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, []string{"--waivers", waivers}
}

// jsonCounts is what results.json says, with the failures of controls
// mapped to each framework, and the failures and waived failures of
// controls mapped to any framework.
type jsonCounts struct {
	tally
	failsByFramework         map[string]int
	mappedFail, mappedWaived int
}

func jsonTally(t *testing.T, data []byte) jsonCounts {
	t.Helper()
	var doc jsonreport.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", fileJSON, err)
	}
	// The raw document, for the findings' fields.
	var raw struct {
		Findings []struct {
			Verdict      string   `json:"verdict"`
			Requirements []string `json:"requirements"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", fileJSON, err)
	}
	c := jsonCounts{failsByFramework: map[string]int{}}
	c.errors = doc.Summary.Errors
	c.frameworks = map[string]map[string]int{}
	for _, fw := range doc.Frameworks {
		tl := fw.Tally
		c.frameworks[fw.ID] = map[string]int{"satisfied": tl.Satisfied, "not-satisfied": tl.NotSatisfied,
			"waived": tl.Waived, "not-assessed": tl.NotAssessed, "manual": tl.Manual, "error": tl.Error}
	}
	var fail, waived int
	for _, f := range raw.Findings {
		switch f.Verdict {
		case "fail":
			fail++
			if len(f.Requirements) > 0 {
				c.mappedFail++
			}
			seen := map[string]bool{}
			for _, req := range f.Requirements {
				fw, _, _ := strings.Cut(req, ":")
				if !seen[fw] {
					seen[fw] = true
					c.failsByFramework[fw]++
				}
			}
		case "waived":
			waived++
			if len(f.Requirements) > 0 {
				c.mappedWaived++
			}
		}
	}
	if fail != doc.Summary.Failures || waived != doc.Summary.Waived {
		t.Errorf("%s: summary says %d failures and %d waived, findings hold %d and %d",
			fileJSON, doc.Summary.Failures, doc.Summary.Waived, fail, waived)
	}
	c.fail, c.waived = fail, waived
	return c
}

// htmlTally reads the finding rows and the framework charts' tables of the
// HTML report.
func htmlTally(t *testing.T, data []byte) tally {
	t.Helper()
	page, err := reporttest.ReadHTML(data)
	if err != nil {
		t.Fatalf("%s: %v", fileHTML, err)
	}
	if page.Cards["failures"] != page.Rows["fail"] || page.Cards["waived"] != page.Rows["waived"] || page.Cards["errors"] != page.Rows["error"] {
		t.Errorf("%s: headline %v disagrees with the finding rows %v", fileHTML, page.Cards, page.Rows)
	}
	return tally{fail: page.Rows["fail"], waived: page.Rows["waived"], errors: page.Rows["error"], frameworks: page.Frameworks}
}

func sarifTally(t *testing.T, data []byte) tally {
	t.Helper()
	var doc struct {
		Runs []struct {
			Results []struct {
				Suppressions []any `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", fileSARIF, err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%s: %d runs, want 1", fileSARIF, len(doc.Runs))
	}
	c := tally{errors: -1}
	for _, r := range doc.Runs[0].Results {
		if len(r.Suppressions) > 0 {
			c.waived++
		} else {
			c.fail++
		}
	}
	return c
}

func junitTally(t *testing.T, data []byte) tally {
	t.Helper()
	var doc struct {
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", fileJUnit, err)
	}
	if n := bytes.Count(data, []byte("<failure ")); n != doc.Failures {
		t.Errorf("%s: failures attribute %d, <failure> elements %d", fileJUnit, doc.Failures, n)
	}
	// JUnit has no waived outcome (waived cases are skipped, like manual ones).
	return tally{fail: doc.Failures, waived: -1, errors: doc.Errors}
}

func workbookTally(t *testing.T, path string) tally {
	t.Helper()
	book, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("%s: %v", fileWorkbook, err)
	}
	defer book.Close()
	c := tally{errors: -1, frameworks: map[string]map[string]int{}}
	rows := sheetRecords(t, book, "Findings")
	for _, r := range rows {
		switch r["Status"] {
		case "Fail":
			c.fail++
		case "Waived":
			c.waived++
		}
	}
	for _, r := range sheetRecords(t, book, "Summary") {
		counts := map[string]int{}
		for status, header := range map[string]string{"satisfied": "MCP scope met", "not-satisfied": "MCP scope not met",
			"waived": "Not met, deviation approved", "not-assessed": "Not assessed", "manual": "Awaiting attestation",
			"error": "Undecided (error)"} {
			n, err := strconv.Atoi(r[header])
			if err != nil {
				t.Fatalf("Summary %s %s = %q: %v", r["Framework ID"], header, r[header], err)
			}
			counts[status] = n
		}
		c.frameworks[r["Framework ID"]] = counts
	}
	return c
}

// sheetRecords reads a sheet as records keyed by the header row.
func sheetRecords(t *testing.T, book *excelize.File, sheet string) []map[string]string {
	t.Helper()
	rows, err := book.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	if len(rows) == 0 {
		t.Fatalf("sheet %s has no header row", sheet)
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		rec := map[string]string{}
		for i, h := range rows[0] {
			if i < len(row) {
				rec[h] = row[i]
			}
		}
		out = append(out, rec)
	}
	return out
}

// oscalTally counts, per framework, the requirements in each status as the
// OSCAL assessment results state them (see oscaltest.Tally). OSCAL records
// verdicts per observation, so they are compared by oscalVerdicts instead.
func oscalTally(t *testing.T, data []byte) tally {
	t.Helper()
	if err := oscal.Validate(data); err != nil {
		t.Fatalf("%s: %v", fileOSCAL, err)
	}
	return tally{fail: -1, waived: -1, errors: -1, frameworks: oscaltest.Tally(t, data)}
}

// oscalVerdicts returns the number of distinct control × subject pairs per
// verdict the OSCAL observations list, and per framework the number of
// those with verdict fail whose control is mapped to one of the
// framework's findings. Every subject an observation lists must be an
// inventory item of the assessment plan (whose asset-id is the subject
// ID), and every observation's verdict counts must agree with what it
// lists; finding ids must be Tollgate's.
func oscalVerdicts(t *testing.T, ar, plan []byte) (map[string]int, map[string]int) {
	t.Helper()
	var ap struct {
		AP struct {
			LocalDefinitions struct {
				InventoryItems []struct {
					UUID  string          `json:"uuid"`
					Props []oscalTestProp `json:"props"`
				} `json:"inventory-items"`
			} `json:"local-definitions"`
		} `json:"assessment-plan"`
	}
	if err := json.Unmarshal(plan, &ap); err != nil {
		t.Fatalf("%s: %v", fileAP, err)
	}
	assets := map[string]string{}
	for _, it := range ap.AP.LocalDefinitions.InventoryItems {
		assets[it.UUID] = oscalProp(it.Props, "asset-id")
	}
	var doc struct {
		AR struct {
			Results []struct {
				Observations []struct {
					UUID     string          `json:"uuid"`
					Props    []oscalTestProp `json:"props"`
					Subjects []struct {
						UUID  string          `json:"subject-uuid"`
						Props []oscalTestProp `json:"props"`
					} `json:"subjects"`
				} `json:"observations"`
				Findings []struct {
					Props   []oscalTestProp `json:"props"`
					Related []struct {
						UUID string `json:"observation-uuid"`
					} `json:"related-observations"`
				} `json:"findings"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(ar, &doc); err != nil {
		t.Fatalf("%s: %v", fileOSCAL, err)
	}
	pairs := map[string]map[string]bool{}
	failsOf := map[string]map[string]bool{} // observation → failing subjects
	for _, res := range doc.AR.Results {
		for _, o := range res.Observations {
			control := oscalProp(o.Props, "control-id")
			listed := map[string]int{}
			failsOf[o.UUID] = map[string]bool{}
			for _, s := range o.Subjects {
				v := oscalProp(s.Props, "verdict")
				listed[v]++
				asset, ok := assets[s.UUID]
				if !ok || asset == "" {
					t.Errorf("%s: observation of %s lists subject %s, which is no inventory item of the plan", fileOSCAL, control, s.UUID)
				}
				if pairs[v] == nil {
					pairs[v] = map[string]bool{}
				}
				pairs[v][control+"\x00"+asset] = true
				if v == "fail" {
					failsOf[o.UUID][control+"\x00"+asset] = true
				}
				if id := oscalProp(s.Props, "finding-id"); (v == "fail" || v == "waived") && !strings.HasPrefix(id, "TG-") {
					t.Errorf("%s: observation of %s lists a %s subject without its finding id", fileOSCAL, control, v)
				}
			}
			for _, p := range o.Props {
				if p.Name == "verdict" { // judged for the deployment as a whole
					listed[p.Value]++
				}
			}
			for _, v := range []string{"pass", "fail", "waived", "error"} {
				if got := oscalProp(o.Props, v); got != fmt.Sprint(listed[v]) {
					t.Errorf("%s: observation of %s counts %s %s, lists %d", fileOSCAL, control, got, v, listed[v])
				}
			}
		}
		perFramework := map[string]map[string]bool{}
		for _, f := range res.Findings {
			fw := oscalProp(f.Props, "framework")
			if perFramework[fw] == nil {
				perFramework[fw] = map[string]bool{}
			}
			for _, rel := range f.Related {
				for pair := range failsOf[rel.UUID] {
					perFramework[fw][pair] = true
				}
			}
		}
		counts := map[string]int{}
		for v, set := range pairs {
			counts[v] = len(set)
		}
		per := map[string]int{}
		for fw, set := range perFramework {
			per[fw] = len(set)
		}
		return counts, per
	}
	return nil, nil
}

// TestAssessIsReproducible runs assess twice with the same --timestamp into
// different folders: every report, the workbook included, and every file of
// the evidence bundle must be byte-identical.
func TestAssessIsReproducible(t *testing.T) {
	first, _ := assessInto(t, exampleDir)
	second, _ := assessInto(t, exampleDir)
	files := listFiles(t, first)
	for _, name := range reportFiles {
		if !contains(files, name) {
			t.Errorf("%s was not written", name)
		}
	}
	if got := listFiles(t, second); strings.Join(got, "\n") != strings.Join(files, "\n") {
		t.Fatalf("the runs wrote different files:\n%v\n%v", files, got)
	}
	for _, name := range files {
		a, err := os.ReadFile(filepath.Join(first, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(second, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same --timestamp", name)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Canary secrets planted in the inputs of TestNoCanaryInAnyOutput. Each
// holds "CANARY", so no output may contain that word at all.
const (
	canaryEnv    = "ghp_CANARYenv0123456789abcdefghijklmnopqr"
	canaryArg    = "sk-CANARYarg0123456789abcdefghijklmnopqrstuvwx"
	canaryHeader = "ghp_CANARYheader0123456789abcdefghijklmnop"
	canaryUser   = "CANARYpassw0rdXyZ12345"
	canaryQuery  = "sk-CANARYquery0123456789abcdefghijklmnopqrstu"
)

// canaryTree returns configs of several clients with the canaries in env
// values, --api-key arguments, headers, URL userinfo and URL queries.
func canaryTree() map[string]string {
	r := strings.NewReplacer("$ENV", canaryEnv, "$ARG", canaryArg, "$HDR", canaryHeader, "$PW", canaryUser, "$Q", canaryQuery)
	url := "https://admin:$PW@mcp.example.com/mcp?api_key=$Q"
	jsonServers := func(key, urlKey, remoteExtra string) string {
		return `{
  "` + key + `": {
    "local": {"command": "npx", "args": ["-y", "some-server@1.0.0", "--api-key", "$ARG"],
              "env": {"GITHUB_TOKEN": "$ENV"}},
    "remote": {` + remoteExtra + `"` + urlKey + `": "` + url + `", "headers": {"Authorization": "Bearer $HDR"}}
  }
}`
	}
	files := map[string]string{
		"claude-code/.mcp.json":        jsonServers("mcpServers", "url", `"type": "http", `),
		"cursor/.cursor/mcp.json":      jsonServers("mcpServers", "url", ""),
		"vscode/.vscode/mcp.json":      jsonServers("servers", "url", `"type": "http", `),
		"gemini/.gemini/settings.json": jsonServers("mcpServers", "httpUrl", ""),
		"cline/cline_mcp_settings.json": strings.Replace(jsonServers("mcpServers", "url", ""),
			`"env"`, `"autoApprove": [], "env"`, 1),
		"codex/.codex/config.toml": `[mcp_servers.local]
command = "npx"
args = ["-y", "some-server@1.0.0", "--api-key", "$ARG"]
env = { GITHUB_TOKEN = "$ENV" }

[mcp_servers.remote]
url = "` + url + `"
http_headers = { Authorization = "Bearer $HDR" }
`,
		"continue/.continue/config.yaml": `mcpServers:
  - name: local
    command: npx
    args: ["-y", "some-server@1.0.0", "--api-key", "$ARG"]
    env:
      GITHUB_TOKEN: $ENV
  - name: remote
    type: streamable-http
    url: ` + url + `
    requestOptions:
      headers:
        Authorization: Bearer $HDR
`,
		"kubernetes/k8s/mcp.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: github-mcp, namespace: mcp}
spec:
  selector: {matchLabels: {app: github-mcp}}
  template:
    metadata: {labels: {app: github-mcp}}
    spec:
      containers:
        - name: server
          image: ghcr.io/github/github-mcp-server:v0.9.1
          args: ["http", "--api-key", "$ARG"]
          env:
            - {name: GITHUB_PERSONAL_ACCESS_TOKEN, value: "$ENV"}
            - {name: UPSTREAM, value: "` + url + `"}
            - {name: WEBHOOK, valueFrom: {secretKeyRef: {name: github-mcp, key: webhook}}}
---
apiVersion: v1
kind: Secret
metadata: {name: github-mcp, namespace: mcp}
stringData:
  webhook: "$HDR"
`,
		"kubernetes/charts/mcp/values.yaml": `image:
  repository: ghcr.io/acme/mcp-server
  tag: "1.0.0"
env:
  API_TOKEN: "$ENV"
auth:
  password: "$PW"
`,
	}
	for k, v := range files {
		files[k] = r.Replace(v)
	}
	// and every placement of a credential that has been found to leak: in
	// encoded forms, under unusual key names, in known formats, and in
	// names, split arguments and prompted inputs' defaults
	for k, v := range canary.Tree("placements") {
		files[k] = v
	}
	return files
}

// canaryNeedles are the texts no output of a run over canaryTree may hold.
func canaryNeedles() []string {
	return append([]string{canaryEnv, canaryArg, canaryHeader, canaryUser, canaryQuery}, canary.Needles()...)
}

// findCanaries reports every needle of the canary tree found in texts
// (name → content).
func findCanaries(t *testing.T, texts map[string][]byte) {
	t.Helper()
	findNeedles(t, texts, canaryNeedles())
}

// findNeedles reports every needle found in texts (name → content).
func findNeedles(t *testing.T, texts map[string][]byte, needles []string) {
	t.Helper()
	for name, data := range texts {
		for _, c := range needles {
			if i := bytes.Index(data, []byte(c)); i >= 0 {
				lo, hi := max(0, i-120), min(len(data), i+len(c)+40)
				t.Errorf("%s contains the canary %q: …%s…", name, c, data[lo:hi])
			}
		}
	}
}

// readOutputs reads every file under dir (the workbook unzipped) into texts.
func readOutputs(t *testing.T, dir string, texts map[string][]byte) {
	t.Helper()
	for _, name := range listFiles(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".xlsx") {
			for part, content := range unzip(t, data) {
				texts[name+"!"+part] = content
			}
			continue
		}
		texts[name] = data
	}
}

// TestNoCanaryInCollectOrEvaluate: collecting the canary tree (as a table,
// as JSON, into a bundle) and evaluating that bundle puts no canary in any
// console line, error, bundle file or report.
func TestNoCanaryInCollectOrEvaluate(t *testing.T) {
	src := writeTree(t, canaryTree())
	texts := map[string][]byte{}
	record := func(name string, run cliRun) {
		texts[name+" stdout"] = []byte(run.stdout)
		texts[name+" stderr"] = []byte(run.stderr)
		if run.err != nil {
			texts[name+" error"] = []byte(run.err.Error())
		}
	}
	for _, format := range []string{"table", "json"} {
		run := runTollgate(t, "collect", src, "--format", format, "--timestamp", fixedTimestamp)
		if run.code != 0 {
			t.Fatalf("collect --format %s: exit %d (%v)\n%s", format, run.code, run.err, run.stderr)
		}
		record("collect "+format, run)
	}
	bundle := filepath.Join(t.TempDir(), "bundle")
	run := runTollgate(t, "collect", src, "-o", bundle, "--timestamp", fixedTimestamp)
	if run.code != 0 {
		t.Fatalf("collect -o: exit %d (%v)\n%s", run.code, run.err, run.stderr)
	}
	record("collect -o", run)
	readOutputs(t, bundle, texts)
	out := filepath.Join(t.TempDir(), "out")
	run = runTollgate(t, "evaluate", bundle, "-o", out, "--timestamp", fixedTimestamp, "--summary", "json")
	if run.code != 1 {
		t.Fatalf("evaluate: exit %d (%v), want 1\n%s", run.code, run.err, run.stderr)
	}
	record("evaluate", run)
	readOutputs(t, out, texts)
	if len(texts) < len(reportFiles)+8 {
		t.Fatalf("only %d texts to search", len(texts))
	}
	if !bytes.Contains(texts["collect table stdout"], []byte("hooks.slack.com")) {
		t.Errorf("the console table does not show the remote servers; the check proves nothing:\n%s", texts["collect table stdout"])
	}
	findCanaries(t, texts)
}

// TestNoCanaryInAnyOutput assesses a tree full of secrets and checks that no
// canary reaches standard output, standard error, any report (every part of
// the workbook unzipped) or any file of the evidence bundle.
func TestNoCanaryInAnyOutput(t *testing.T) {
	checkNoCanary(t, canaryTree(), canaryNeedles()...)
}

// checkNoCanary assesses a tree of files and checks that none of the
// needles reaches standard output, standard error,
// any report (every part of the workbook unzipped) or any file of the
// evidence bundle, and that every file of the tree is in the bundle.
func checkNoCanary(t *testing.T, tree map[string]string, needles ...string) {
	t.Helper()
	src := writeTree(t, tree)
	for _, summary := range []string{"text", "json"} {
		t.Run(summary, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			run := runTollgate(t, "assess", src, "-o", out, "--timestamp", fixedTimestamp, "--summary", summary)
			if run.code != 1 {
				t.Fatalf("exit %d (%v), want 1: literal credentials must fail the gate\n%s", run.code, run.err, run.stderr)
			}
			texts := map[string][]byte{"stdout": []byte(run.stdout), "stderr": []byte(run.stderr)}
			if run.err != nil {
				texts["error"] = []byte(run.err.Error())
			}
			files := listFiles(t, out)
			for _, name := range reportFiles {
				if !contains(files, name) {
					t.Errorf("%s was not written", name)
				}
			}
			var bundled int
			for _, name := range files {
				data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasPrefix(name, report.EvidenceDir+"/artifacts/") {
					bundled++
				}
				if name == fileWorkbook {
					for part, content := range unzip(t, data) {
						texts[name+"!"+part] = content
					}
					continue
				}
				texts[name] = data
			}
			if bundled < len(tree) {
				t.Errorf("the evidence bundle holds %d artifacts, want %d (one per config)", bundled, len(tree))
			}
			if len(texts) < len(reportFiles)+5 {
				t.Fatalf("only %d texts to search; the workbook was not unzipped?", len(texts))
			}
			findNeedles(t, texts, needles)
		})
	}
}

// unzip returns every part of a zip archive (the workbook) by name.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("unzip workbook: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = content
	}
	return parts
}

// TestUnwritableOutput points the output folder where nothing can be
// written: the run exits 2, says where and why, leaves no file behind and
// changes none of the files already there.
func TestUnwritableOutput(t *testing.T) {
	tests := []struct {
		name string
		// setup prepares a folder and returns the -o value inside it.
		setup    func(t *testing.T, dir string) string
		wantMsg  string
		skipRoot bool
	}{
		{name: "under a regular file", wantMsg: "not a directory", setup: func(t *testing.T, dir string) string {
			file := filepath.Join(dir, "report.txt")
			if err := os.WriteFile(file, []byte("keep"), 0o644); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(file, "out")
		}},
		{name: "the output is a regular file", wantMsg: "out", setup: func(t *testing.T, dir string) string {
			file := filepath.Join(dir, "out")
			if err := os.WriteFile(file, []byte("keep"), 0o644); err != nil {
				t.Fatal(err)
			}
			return file
		}},
		{name: "read-only folder", wantMsg: "permission denied", skipRoot: true, setup: func(t *testing.T, dir string) string {
			ro := filepath.Join(dir, "ro")
			if err := os.Mkdir(ro, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(ro, 0o755) })
			return ro
		}},
		{name: "read-only parent", wantMsg: "permission denied", skipRoot: true, setup: func(t *testing.T, dir string) string {
			ro := filepath.Join(dir, "ro")
			if err := os.Mkdir(ro, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(ro, 0o755) })
			return filepath.Join(ro, "out")
		}},
		// The user's own files named like reports must survive a run that
		// cannot write its evidence.
		{name: "reports of the user's next to an evidence folder that is not a bundle", wantMsg: "not an evidence bundle", setup: func(t *testing.T, dir string) string {
			out := filepath.Join(dir, "out")
			for name, body := range map[string]string{fileJSON: "MY OWN RESULTS", fileMarkdown: "my summary", "evidence/notes.txt": "mine"} {
				p := filepath.Join(out, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			return out
		}},
		{name: "evidence folder taken by other files", wantMsg: "evidence", setup: func(t *testing.T, dir string) string {
			out := filepath.Join(dir, "out")
			if err := os.MkdirAll(filepath.Join(out, report.EvidenceDir), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, report.EvidenceDir, "notes.txt"), []byte("keep"), 0o644); err != nil {
				t.Fatal(err)
			}
			return out
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.skipRoot && os.Geteuid() == 0 {
				t.Skip("running as root: permissions do not stop writes")
			}
			dir := t.TempDir()
			target := tt.setup(t, dir)
			before := listFiles(t, dir)
			contents := map[string]string{}
			for _, name := range before {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				contents[name] = string(data)
			}
			run := runTollgate(t, "assess", exampleDir, "-o", target, "--timestamp", fixedTimestamp, "--fail-on", "none")
			if run.code != 2 {
				t.Fatalf("exit %d, want 2 (err %v)", run.code, run.err)
			}
			msg := run.err.Error()
			if !strings.Contains(msg, target) || !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q does not name %s and %q", msg, target, tt.wantMsg)
			}
			if after := listFiles(t, dir); strings.Join(after, "\n") != strings.Join(before, "\n") {
				t.Errorf("files left behind:\nbefore %v\nafter  %v", before, after)
			}
			for name, body := range contents {
				if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(got) != body {
					t.Errorf("%s changed by the failed run: %q (%v)", name, got, err)
				}
			}
		})
	}
}

// TestAssessExitCodes checks the exit codes: 0 when the gate passes, 1 when
// it fails, 2 for usage errors.
func TestAssessExitCodes(t *testing.T) {
	clean := writeTree(t, map[string]string{
		".vscode/mcp.json": `{"servers": {"time": {"command": "uvx", "args": ["mcp-server-time==2025.9.25"]}}}`,
	})
	badConfig := writeTree(t, map[string]string{
		"tollgate.yaml": "gate:\n  fail_on: high\n  fail_onn: low\n",
	})
	cfgPath := filepath.Join(badConfig, "tollgate.yaml")
	tests := []struct {
		name    string
		args    []string
		want    int
		wantMsg string
	}{
		{name: "gate off", args: []string{"assess", exampleDir, "--fail-on", "none"}, want: 0},
		{name: "clean tree", args: []string{"assess", clean}, want: 0},
		{name: "gate fails on high", args: []string{"assess", exampleDir}, want: 1},
		{name: "gate fails on coverage", args: []string{"assess", exampleDir, "--fail-on", "none", "--min-coverage", "99.5"}, want: 1},
		{name: "unknown severity", args: []string{"assess", exampleDir, "--fail-on", "bogus"}, want: 2, wantMsg: "bogus"},
		{name: "unknown format", args: []string{"assess", exampleDir, "--format", "nope"}, want: 2, wantMsg: "nope"},
		{name: "none with another format", args: []string{"assess", exampleDir, "--format", "none,json"}, want: 2, wantMsg: "none"},
		{name: "gate only", args: []string{"assess", exampleDir, "--format", "none"}, want: 1},
		{name: "bad timestamp", args: []string{"assess", exampleDir, "--timestamp", "yesterday"}, want: 2, wantMsg: "RFC 3339"},
		{name: "bad summary", args: []string{"assess", exampleDir, "--summary", "xml"}, want: 2, wantMsg: "xml"},
		{name: "unknown flag", args: []string{"assess", exampleDir, "--no-such-flag"}, want: 2, wantMsg: "no-such-flag"},
		{name: "unknown config key", args: []string{"--config", cfgPath, "assess", exampleDir}, want: 2, wantMsg: cfgPath + ":3"},
		{name: "no source", args: []string{"assess"}, want: 2},
		{name: "malformed include glob", args: []string{"assess", exampleDir, "--include", "["}, want: 2, wantMsg: `include pattern "["`},
		{name: "malformed exclude glob", args: []string{"assess", exampleDir, "--exclude", "**/[a-"}, want: 2, wantMsg: `exclude pattern "**/[a-"`},
		{name: "missing bundle", args: []string{"evaluate", filepath.Join(clean, "no-bundle")}, want: 2, wantMsg: "no-bundle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(tt.args, "-o", filepath.Join(t.TempDir(), "out"), "-q")
			run := runTollgate(t, args...)
			if run.code != tt.want {
				t.Fatalf("exit %d, want %d (err %v)\n%s", run.code, tt.want, run.err, run.stdout)
			}
			if tt.wantMsg != "" && (run.err == nil || !strings.Contains(run.err.Error(), tt.wantMsg)) {
				t.Errorf("error %v does not contain %q", run.err, tt.wantMsg)
			}
			if tt.want == 1 && !strings.Contains(run.stdout, "FAILED") {
				t.Errorf("gate failure not printed:\n%s", run.stdout)
			}
		})
	}
}

// TestCollect lists the corpus: the table names every declared server, and
// the JSON inventory is valid with a kind and provenance on every subject.
func TestCollect(t *testing.T) {
	requireTree(t, corpusDir)
	table := runTollgate(t, "collect", corpusDir)
	if table.code != 0 {
		t.Fatalf("collect: exit %d: %v", table.code, table.err)
	}
	lines := strings.Split(strings.TrimSpace(table.stdout), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "SERVER") {
		t.Fatalf("collect printed no inventory table:\n%s", table.stdout)
	}

	js := runTollgate(t, "collect", corpusDir, "--format", "json")
	if js.code != 0 {
		t.Fatalf("collect --format json: exit %d: %v", js.code, js.err)
	}
	var inv struct {
		Subjects []map[string]any `json:"subjects"`
	}
	if err := json.Unmarshal([]byte(js.stdout), &inv); err != nil {
		t.Fatalf("collect --format json is not JSON: %v", err)
	}
	servers := 0
	for i, s := range inv.Subjects {
		kind, _ := s["kind"].(string)
		prov, _ := s["provenance"].(map[string]any)
		if kind == "" || prov == nil || prov["collector"] == "" {
			t.Errorf("subject %d (%v) lacks a kind or provenance", i, s["id"])
		}
		if kind == "server" {
			servers++
		}
	}
	if servers == 0 {
		t.Fatal("the JSON inventory holds no server")
	}
	// Every server has a line in the table (besides the header).
	if len(lines)-1 < servers {
		t.Errorf("table lists %d rows, JSON %d servers", len(lines)-1, servers)
	}
}

type oscalTestProp = oscaltest.Property

func oscalProp(ps []oscalTestProp, name string) string { return oscaltest.Prop(ps, name) }
