// Package gitlab writes the two report formats GitLab CI reads from a job's
// artifacts: the Code Quality report (artifacts:reports:codequality), shown
// in the merge request widget and on the changed lines, and the SAST
// security report (artifacts:reports:sast), shown in the pipeline's
// security tab and the vulnerability report.
//
// Both list the unwaived failures only, one entry per finding, identified by
// the finding's stable fingerprint so GitLab tracks it across pipelines. A
// waived failure is an accepted risk, not an issue to show again in every
// merge request; an evaluation error is not a finding of the code. A
// subject declared in no file (an endpoint seen live, a cluster object) is
// located by its URL or object, as every other report does.
package gitlab

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// Options configure both reports.
type Options struct {
	// Root is prepended to every file path, slash-separated, for
	// repositories whose assessed folder is not the repository root (the
	// paths GitLab shows must be relative to the repository).
	Root string
}

// location is where a finding points: a repository path and a line (1 when
// the line is unknown; GitLab requires one).
func location(f view.Finding, opts Options) (path string, line int) {
	p := f.Subject.Provenance
	switch {
	case p.File != "":
		path = p.File
		if root := strings.Trim(opts.Root, "/"); root != "" && !strings.HasPrefix(path, "~/") && !strings.HasPrefix(path, "/") {
			path = root + "/" + path
		}
	case f.Location != "":
		path = f.Location
	default:
		path = f.Subject.ID
	}
	line = p.Line
	if line < 1 {
		line = 1
	}
	return path, line
}

// describe is a finding's message with its reasons, for people.
func describe(f view.Finding) string {
	msg := f.Eval.Message
	if msg == "" {
		msg = f.Control.Title
	}
	if rs := view.ReasonTexts(f.Eval.Reasons); len(rs) > 0 {
		msg += " (" + strings.Join(rs, "; ") + ")"
	}
	return msg
}

// encode writes v as indented JSON.
func encode(w io.Writer, v any, what string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode %s: %w", what, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

// truncate cuts s to at most max bytes on a character boundary, marking the
// cut.
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - len("…")
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
