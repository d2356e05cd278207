// Package pipelinetest collects generated fleets for the tests and
// benchmarks of other packages: a fleet written to disk by
// assesstest.WriteFleetFiles and read back as 'tollgate collect' reads it.
package pipelinetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// Now is the time fleets are collected and judged at.
var Now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// CollectFleet writes the fleet spec describes into a temporary folder of
// tb and collects it.
func CollectFleet(tb testing.TB, spec assesstest.FilesSpec) *evidence.Bundle {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "fleet")
	if _, err := assesstest.WriteFleetFiles(dir, spec); err != nil {
		tb.Fatal(err)
	}
	bundle, err := pipeline.Collect(context.Background(), collectors.Request{Paths: []string{dir}, Root: dir, Now: Now, Version: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return bundle
}

// JudgeFleet is CollectFleet, then judges the evidence with the built-in
// catalog and every framework.
func JudgeFleet(tb testing.TB, spec assesstest.FilesSpec) (*evidence.Bundle, *assess.Results) {
	tb.Helper()
	bundle := CollectFleet(tb, spec)
	r, err := pipeline.Evaluate(context.Background(), bundle, pipeline.EvaluateOptions{Now: Now, Version: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return bundle, r
}
