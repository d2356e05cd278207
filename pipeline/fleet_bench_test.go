package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/cputime"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report"
)

// fleetNow pins the assessment time of the fleet benchmarks.
var fleetNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// BenchmarkAssessFleet assesses generated fleets on disk as 'tollgate
// assess' does: collect every file (varied client configurations with
// distinct names, packages, versions, URLs and secrets; 2,000 Kubernetes
// workloads; gateway configurations), judge the full catalog, map onto
// every framework, and write every default report with the evidence bundle.
// Target on two cores: the 50k fleet in under 10 s and 1 GiB, and at most
// 11 times what the 5k fleet costs.
func BenchmarkAssessFleet(b *testing.B) {
	for _, size := range []struct {
		name             string
		servers, gateway int
	}{{"5k", 5000, 5}, {"50k", 50000, 50}} {
		b.Run(size.name, func(b *testing.B) {
			dir := writeFleet(b, assesstest.FilesSpec{Servers: size.servers, Workloads: 2000, Gateways: size.gateway, Seed: 1})
			out := filepath.Join(b.TempDir(), "out")
			ctx := context.Background()
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			var subjects int
			cpu := cputime.Process()
			for b.Loop() {
				_, r := assessFleet(b, ctx, dir, out)
				subjects = len(r.Subjects)
			}
			b.StopTimer()
			cputime.Report(b, cpu)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(subjects), "subjects")
			b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
			b.ReportMetric(float64(outputSize(b, out))/(1<<20), "out-MiB")
		})
	}
}

// fleet50k is the 50k fleet of BenchmarkAssessFleet, which the collection
// and subset benchmarks share.
var fleet50k = assesstest.FilesSpec{Servers: 50000, Workloads: 2000, Gateways: 50, Seed: 1}

// collectFleet collects the fleet in dir as 'tollgate collect' does.
func collectFleet(tb testing.TB, ctx context.Context, dir string) *evidence.Bundle {
	tb.Helper()
	bundle, err := pipeline.Collect(ctx, collectors.Request{Paths: []string{dir}, Root: dir, Now: fleetNow, Version: "bench"})
	if err != nil {
		tb.Fatal(err)
	}
	return bundle
}

// writeFleet writes the fleet spec describes into a temporary folder and
// returns the folder.
func writeFleet(b *testing.B, spec assesstest.FilesSpec) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "fleet")
	if _, err := assesstest.WriteFleetFiles(dir, spec); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkCollectFleet collects the 50k fleet of BenchmarkAssessFleet
// (6,000 files) as 'tollgate collect' does, without evaluating or writing
// anything: the parsing, secret classification and redaction of every file.
func BenchmarkCollectFleet(b *testing.B) {
	dir := writeFleet(b, fleet50k)
	ctx := context.Background()
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	var subjects int
	cpu := cputime.Process()
	for b.Loop() {
		bundle := collectFleet(b, ctx, dir)
		subjects = len(bundle.Subjects)
	}
	b.StopTimer()
	cputime.Report(b, cpu)
	b.ReportMetric(float64(subjects), "subjects")
}

// subsetControls are the controls testdata/conftest/mcp.rego expresses in
// Rego, for BenchmarkAssessFleetSubset.
var subsetControls = []string{"MCP-AUTH-01", "MCP-SECRETS-01", "MCP-SECRETS-03", "MCP-SUPPLY-01", "MCP-SUPPLY-02",
	"MCP-SUPPLY-04", "MCP-TRANSPORT-01"}

// BenchmarkAssessFleetSubset assesses the 50k fleet of BenchmarkAssessFleet
// with only the seven controls of the conftest policy in testdata/conftest
// and writes results.json alone: the work 'conftest test' with that policy
// does over the same files, which the README's "Scale" section compares.
func BenchmarkAssessFleetSubset(b *testing.B) {
	dir := writeFleet(b, fleet50k)
	builtin, err := pipeline.LoadCatalog(nil)
	if err != nil {
		b.Fatal(err)
	}
	cat := &controls.Catalog{Risks: builtin.Risks}
	for _, id := range subsetControls {
		c := builtin.Control(id)
		if c == nil {
			b.Fatalf("no control %s in the built-in catalog", id)
		}
		cat.Controls = append(cat.Controls, c)
	}
	maps, err := mappings.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "out")
	ctx := context.Background()
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	var failures int
	cpu := cputime.Process()
	for b.Loop() {
		bundle := collectFleet(b, ctx, dir)
		r, err := assess.Run(ctx, assess.Input{Subjects: bundle.Subjects, Artifacts: bundle.Artifacts, Catalog: cat,
			Mappings: maps, Now: fleetNow, Tool: pipeline.Tool, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := report.WriteAll(out, r, []string{"json"}, report.Options{}); err != nil {
			b.Fatal(err)
		}
		failures = 0
		for _, c := range r.Controls {
			failures += c.Counts.Fail
		}
	}
	cputime.Report(b, cpu)
	b.ReportMetric(float64(failures), "failures")
}

// assessFleet collects, evaluates and writes every report of the fleet in
// dir into out, returning the evidence and the results.
func assessFleet(tb testing.TB, ctx context.Context, dir, out string) (*evidence.Bundle, *assess.Results) {
	bundle := collectFleet(tb, ctx, dir)
	r, err := pipeline.Evaluate(ctx, bundle, pipeline.EvaluateOptions{Now: fleetNow, Version: "bench"})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := report.WriteOutputs(out, r, bundle, nil, report.Options{}); err != nil {
		tb.Fatal(err)
	}
	return bundle, r
}

// outputSize is the size of every file under dir.
func outputSize(tb testing.TB, dir string) int64 {
	var n int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(fmt.Errorf("size of %s: %w", dir, err))
	}
	return n
}
