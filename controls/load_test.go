package controls

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update): %v", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func loadValid(t *testing.T) *Catalog {
	t.Helper()
	cat, err := LoadDir("testdata/valid")
	if err != nil {
		t.Fatalf("load valid catalog: %v", err)
	}
	merged, err := Merge(cat)
	if err != nil {
		t.Fatalf("merge valid catalog: %v", err)
	}
	return merged
}

func TestLoadValid(t *testing.T) {
	cat := loadValid(t)
	data, err := json.MarshalIndent(cat, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "valid.golden.json", append(data, '\n'))
	if got := cat.Control("TEST-TLS-01"); got == nil || got.Severity != "medium" {
		t.Errorf("Control(TEST-TLS-01) = %+v", got)
	}
	if cat.Control("NOPE") != nil {
		t.Error("Control(NOPE) found a control")
	}
	if r, ok := cat.Risk("weak-governance"); !ok || r.Line != 11 {
		t.Errorf("Risk(weak-governance) = %+v, %v", r, ok)
	}
	if got := strings.Join(cat.Families(), ","); got != "governance,secrets,transport" {
		t.Errorf("Families() = %s", got)
	}
}

// TestLoadBroken loads each catalog under testdata/broken (merged after the
// valid one, so references and duplicates across catalogs are checked) and
// compares every file:line problem with the golden list.
func TestLoadBroken(t *testing.T) {
	valid := loadValid(t)
	dirs, err := filepath.Glob("testdata/broken/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			cat, err := LoadDir(dir)
			if err == nil {
				_, err = Merge(valid, cat)
			}
			if err == nil {
				t.Fatal("broken catalog loaded without error")
			}
			var errs Errors
			if !asErrors(err, &errs) {
				t.Fatalf("error is %T, want Errors: %v", err, err)
			}
			for _, p := range errs {
				if p.File == "" || p.Line == 0 {
					t.Errorf("problem without file:line: %v", p)
				}
			}
			golden(t, "broken/"+name+".golden", []byte(err.Error()+"\n"))
		})
	}
}

func asErrors(err error, dst *Errors) bool {
	e, ok := err.(Errors)
	if ok {
		*dst = e
	}
	return ok
}

func TestLoadDirMissing(t *testing.T) {
	if _, err := LoadDir("testdata/no-such-dir"); err == nil {
		t.Fatal("LoadDir of a missing directory succeeded")
	}
	if _, err := LoadDir("testdata/valid/risks.hcl"); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("LoadDir of a file: %v", err)
	}
}

func TestBuiltin(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	if len(cat.Risks) == 0 {
		t.Fatal("built-in catalog has no risks")
	}
	for i, c := range cat.Controls {
		if !c.Builtin {
			t.Errorf("%s: Builtin flag not set", c.ID)
		}
		if i > 0 && cat.Controls[i-1].ID >= c.ID {
			t.Errorf("controls not sorted: %s before %s", cat.Controls[i-1].ID, c.ID)
		}
	}
	// A custom catalog may name built-in risks; loading the built-in one
	// twice collides on every ID.
	if _, err := Merge(cat, cat); err == nil {
		t.Error("merging the built-in catalog with itself succeeded")
	}
}
