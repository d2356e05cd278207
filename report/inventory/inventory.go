// Package inventory prints what collection found: one line per MCP server
// declaration (redacted) with its location, and the sources that could not be
// read cleanly.
package inventory

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
)

// Document is the JSON form of an inventory.
type Document struct {
	Tool      string             `json:"tool"`
	Version   string             `json:"version"`
	Collected time.Time          `json:"collected"`
	Subjects  []evidence.Subject `json:"subjects"`
}

// WriteJSON writes the subjects as indented JSON, each with its kind and provenance.
func WriteJSON(w io.Writer, b *evidence.Bundle) error {
	subjects := b.Subjects
	if subjects == nil {
		subjects = []evidence.Subject{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Document{Tool: b.Tool, Version: b.ToolVersion, Collected: b.Created, Subjects: subjects}); err != nil {
		return fmt.Errorf("write inventory: %w", err)
	}
	return nil
}

// Summary counts what an inventory holds.
type Summary struct {
	Servers, Ignored, Disabled, Sources, Problems, Unsupported int
}

// Summarise counts servers, ignored entries and sources with problems.
func Summarise(subjects []evidence.Subject) Summary {
	var s Summary
	for _, subj := range subjects {
		switch v := subj.(type) {
		case *evidence.Server:
			switch {
			case v.Ignored:
				s.Ignored++
			default:
				s.Servers++
				if v.Disabled {
					s.Disabled++
				}
			}
		case *evidence.Source:
			s.Sources++
			switch v.Status {
			case evidence.StatusOK:
			case evidence.StatusUnsupported:
				s.Unsupported++
			default:
				s.Problems++
			}
		}
	}
	return s
}

// WriteTable writes a human-readable inventory: servers first, then the
// sources with problems, then a one-line summary.
func WriteTable(w io.Writer, subjects []evidence.Subject) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SERVER\tCLIENT\tTRANSPORT\tCOMMAND OR URL\tLOCATION")
	for _, subj := range subjects {
		srv, ok := subj.(*evidence.Server)
		if !ok {
			continue
		}
		client := srv.Client
		switch {
		case srv.Ignored:
			client += " (ignored)"
		case srv.Disabled:
			client += " (disabled)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", clip(srv.Name, 40), client, srv.Transport, clip(Target(srv), 100), srv.Provenance.Location())
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write inventory: %w", err)
	}
	if err := writeWorkloads(w, subjects); err != nil {
		return err
	}

	var problems, unsupported []*evidence.Source
	for _, subj := range subjects {
		src, ok := subj.(*evidence.Source)
		switch {
		case !ok || src.Status == evidence.StatusOK:
		case src.Status == evidence.StatusUnsupported:
			unsupported = append(unsupported, src)
		default:
			problems = append(problems, src)
		}
	}
	if len(unsupported) > 0 {
		fmt.Fprintln(w, "\nRecognised but not collected by this version:")
		for _, src := range unsupported {
			fmt.Fprintf(w, "  %s (%s)\n", src.Provenance.Location(), src.Format)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintln(w, "\nSources not fully read:")
		for _, src := range problems {
			fmt.Fprintf(w, "  %s: %s", src.Provenance.Location(), src.Status)
			if len(src.Diagnostics) > 0 {
				fmt.Fprintf(w, ": %s", DiagnosticText(src.Diagnostics[0]))
				if n := len(src.Diagnostics) - 1; n > 0 {
					fmt.Fprintf(w, " (+%d more)", n)
				}
			}
			fmt.Fprintln(w)
		}
	}
	s := Summarise(subjects)
	fmt.Fprintf(w, "\n%s (%d disabled), %s, in %s; %s not fully read",
		words.Counted(s.Servers, "server", "servers"), s.Disabled, words.Counted(s.Ignored, "ignored entry", "ignored entries"),
		words.Counted(s.Sources, "file", "files"), words.Counted(s.Problems, "file", "files"))
	if s.Unsupported > 0 {
		fmt.Fprintf(w, "; %d recognised but not collected", s.Unsupported)
	}
	fmt.Fprintln(w)
	return nil
}

// writeWorkloads lists the Kubernetes workloads, and what a cluster's
// credentials could not read.
func writeWorkloads(w io.Writer, subjects []evidence.Subject) error {
	var workloads []*evidence.Workload
	for _, subj := range subjects {
		if wl, ok := subj.(*evidence.Workload); ok {
			workloads = append(workloads, wl)
		}
	}
	if len(workloads) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WORKLOAD	ROLE	NAMESPACE	IMAGE	LOCATION")
		for _, wl := range workloads {
			image := ""
			if len(wl.Images) > 0 {
				image = wl.Images[0].Name
				if v := wl.Images[0].Version; v != "" {
					image += ":" + v
				}
				if n := len(wl.Images) - 1; n > 0 {
					image += fmt.Sprintf(" (+%d)", n)
				}
			}
			role := wl.Role
			if wl.Partial {
				role += " (partial)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", clip(wl.Object, 60), role, clip(wl.Namespace, 40), clip(image, 80), wl.Provenance.Location())
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("write inventory: %w", err)
		}
		fmt.Fprintln(w, words.Counted(len(workloads), "workload", "workloads"))
	}
	for _, subj := range subjects {
		src, ok := subj.(*evidence.Source)
		if !ok || src.Status != evidence.StatusOK || src.Provenance.Cluster == "" {
			continue
		}
		for _, d := range src.Diagnostics {
			if d.Severity != "info" {
				fmt.Fprintf(w, "%s: %s\n", src.Name, clean(d.Message))
			}
		}
	}
	return nil
}

// Target is a server's command line or URL, as redacted in the evidence.
func Target(srv *evidence.Server) string {
	if srv.Launch != nil {
		parts := append([]string{srv.Launch.Command}, srv.Launch.Args...)
		return strings.Join(parts, " ")
	}
	if srv.Remote != nil {
		return srv.Remote.URL
	}
	return ""
}

// DiagnosticText renders a diagnostic as "line:col: message".
func DiagnosticText(d evidence.Diagnostic) string {
	switch {
	case d.Line > 0 && d.Column > 0:
		return fmt.Sprintf("line %d, column %d: %s", d.Line, d.Column, d.Message)
	case d.Line > 0:
		return fmt.Sprintf("line %d: %s", d.Line, d.Message)
	}
	return d.Message
}

func clip(s string, n int) string {
	s = clean(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// clean keeps control characters out of terminal output.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
