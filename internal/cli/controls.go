package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// controlsOptions are the flags of the controls commands.
type controlsOptions struct {
	catalog   []string
	framework string
	family    string
	format    string
	verbose   bool
}

func newControlsCommand(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "controls",
		Short: "List, show and test the controls Tollgate checks",
		Long: `The control catalog: the built-in MCP security controls, plus any catalog
directories given with --catalog (same HCL format, treated the same).`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newControlsListCommand(app), newControlsShowCommand(app), newControlsTestCommand(app))
	return cmd
}

func newControlsListCommand(app *App) *cobra.Command {
	opts := &controlsOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the controls, optionally those of one family or mapped into one framework",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkControlsFormat(opts.format, "table", "json"); err != nil {
				return err
			}
			cat, set, err := loadControlsAndMappings(opts.catalog)
			if err != nil {
				return err
			}
			list, err := filterControls(cat, set, opts.family, opts.framework)
			if err != nil {
				return err
			}
			if opts.format == "json" {
				return writeControlsJSON(app.Out, controlViews(list, set, opts.framework))
			}
			return writeControlTable(app.Out, list)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.framework, "framework", "", "only controls mapped into this framework")
	f.StringVar(&opts.family, "family", "", "only controls of this family")
	f.StringVar(&opts.format, "format", "table", "output format: table or json")
	f.StringArrayVar(&opts.catalog, "catalog", nil, "additional control catalog directory (repeatable)")
	return cmd
}

func newControlsShowCommand(app *App) *cobra.Command {
	opts := &controlsOptions{}
	cmd := &cobra.Command{
		Use:               "show ID",
		Short:             "Show one control: its text, CUE checks, examples and framework mappings",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeControlIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkControlsFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			cat, set, err := loadControlsAndMappings(opts.catalog)
			if err != nil {
				return err
			}
			c := cat.Control(args[0])
			if c == nil {
				return usageError("unknown control %q (see 'tollgate controls list')", args[0])
			}
			if opts.format == "json" {
				return writeControlsJSON(app.Out, controlViews([]*controls.Control{c}, set, "")[0])
			}
			return writeControl(app.Out, cat, set, c)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	cmd.Flags().StringArrayVar(&opts.catalog, "catalog", nil, "additional control catalog directory (repeatable)")
	return cmd
}

func newControlsTestCommand(app *App) *cobra.Command {
	opts := &controlsOptions{}
	cmd := &cobra.Command{
		Use:   "test",
		Short: "Run every control's examples; exit 1 if any gives another verdict than it expects",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, err := pipeline.LoadCatalog(opts.catalog)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			results, err := controls.RunExamples(cat)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			return writeExampleResults(app.Out, results, opts.verbose)
		},
	}
	cmd.Flags().StringArrayVar(&opts.catalog, "catalog", nil, "additional control catalog directory (repeatable)")
	cmd.Flags().BoolVarP(&opts.verbose, "verbose", "v", false, "list every example, not only failures")
	return cmd
}

// loadControlsAndMappings loads the merged catalog and the built-in mappings.
func loadControlsAndMappings(dirs []string) (*controls.Catalog, *mappings.Set, error) {
	cat, err := pipeline.LoadCatalog(dirs)
	if err != nil {
		return nil, nil, &ExitError{Code: 2, Err: err}
	}
	set, err := mappings.Builtin()
	if err != nil {
		return nil, nil, &ExitError{Code: 2, Err: err}
	}
	return cat, set, nil
}

func checkControlsFormat(format string, allowed ...string) error {
	if !slices.Contains(allowed, format) {
		return usageError("unknown --format %q (want %s)", format, strings.Join(allowed, " or "))
	}
	return nil
}

// filterControls keeps the controls of a family and mapped into a framework
// (empty filters keep everything).
func filterControls(cat *controls.Catalog, set *mappings.Set, family, framework string) ([]*controls.Control, error) {
	if family != "" && !slices.Contains(cat.Families(), family) {
		return nil, usageError("unknown family %q (known: %s)", family, strings.Join(cat.Families(), ", "))
	}
	if framework != "" && set.Framework(framework) == nil {
		return nil, usageError("unknown framework %q (known: %s)", framework, strings.Join(knownFrameworkIDs(set), ", "))
	}
	var out []*controls.Control
	for _, c := range cat.Controls {
		if family != "" && c.Family != family {
			continue
		}
		if framework != "" && !slices.ContainsFunc(set.LinksFor(c.ID), func(l mappings.Link) bool { return l.Framework == framework }) {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// controlView is one control in JSON output: the control and its mappings.
type controlView struct {
	*controls.Control
	Mappings []mappings.Link `json:"mappings"`
}

// controlViews pairs controls with their links (into one framework when set).
func controlViews(list []*controls.Control, set *mappings.Set, framework string) []controlView {
	out := make([]controlView, 0, len(list))
	for _, c := range list {
		links := []mappings.Link{}
		for _, l := range set.LinksFor(c.ID) {
			if framework == "" || l.Framework == framework {
				links = append(links, l)
			}
		}
		out = append(out, controlView{Control: c, Mappings: links})
	}
	return out
}

func writeControlTable(w io.Writer, list []*controls.Control) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tFAMILY\tSUBJECT\tCHECK\tTITLE")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Severity, c.Family, c.Subject, checkKind(c), c.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d controls\n", len(list))
	return err
}

// checkKind says how a control is judged.
func checkKind(c *controls.Control) string {
	if c.Manual && c.AutomatedBy == controls.AutomatedByPolicy {
		return "manual-or-policy"
	}
	if c.Manual {
		return "manual"
	}
	return "automated"
}

// writeControl prints one control for people.
func writeControl(w io.Writer, cat *controls.Catalog, set *mappings.Set, c *controls.Control) error {
	var b strings.Builder
	origin := "custom"
	if c.Builtin {
		origin = "built-in"
	}
	fmt.Fprintf(&b, "%s  %s\n\n", c.ID, c.Title)
	fmt.Fprintf(&b, "Severity: %s   Family: %s   Subject: %s   Check: %s   Source: %s (%s:%d)\n", c.Severity, c.Family, c.Subject, checkKind(c), origin, c.File, c.Line)
	var risks []string
	for _, id := range c.Risks {
		if r, ok := cat.Risk(id); ok {
			risks = append(risks, fmt.Sprintf("%s (%s)", id, r.Title))
		} else {
			risks = append(risks, id)
		}
	}
	fmt.Fprintf(&b, "Risks: %s\n", strings.Join(risks, ", "))
	section(&b, "Description", c.Description)
	section(&b, "Remediation", c.Remediation)
	if c.Manual {
		section(&b, "Attestation must show", c.Guidance)
	}
	if c.AutomatedBy == controls.AutomatedByPolicy {
		section(&b, "Automated", "With an organisation policy (--policy, or policy in tollgate.yaml), this control is judged by the check below instead of by attestation.")
	}
	if c.When != "" {
		section(&b, "Applies when (CUE)", c.When)
	}
	if c.Check != "" {
		section(&b, "Check (CUE)", c.Check)
	}
	if c.Message != "" {
		section(&b, "Failure message", c.Message)
	}
	if len(c.Examples) > 0 {
		b.WriteString("\nExamples\n")
		for _, ex := range c.Examples {
			subject, err := json.Marshal(ex.Subject)
			if err != nil {
				return fmt.Errorf("example %q: %w", ex.Name, err)
			}
			fmt.Fprintf(&b, "  %-14s %s\n  %14s %s\n", ex.Expect, ex.Name, "", subject)
		}
	}
	b.WriteString("\nMappings\n")
	links := set.LinksFor(c.ID)
	if len(links) == 0 {
		b.WriteString("  none\n")
	}
	for _, l := range links {
		title := ""
		if fw := set.Framework(l.Framework); fw != nil {
			if r := fw.Requirement(l.Requirement); r != nil {
				title = " " + r.Title
			}
		}
		fmt.Fprintf(&b, "  %-18s %s%s [%s]\n  %18s %s\n", l.Framework, l.Requirement, title, l.Provenance, "", l.Rationale)
	}
	for _, fw := range set.Frameworks {
		if e, ok := set.ExclusionFor(c.ID, fw.ID); ok {
			fmt.Fprintf(&b, "  %-18s not mapped\n  %18s %s\n", fw.ID, "", e.Reason)
		}
	}
	if len(c.References) > 0 {
		b.WriteString("\nReferences\n")
		for _, r := range c.References {
			fmt.Fprintf(&b, "  %s\n", r)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// section writes a heading and indented text.
func section(b *strings.Builder, title, text string) {
	fmt.Fprintf(b, "\n%s\n", title)
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		fmt.Fprintf(b, "  %s\n", line)
	}
}

// writeExampleResults prints failing examples (every example when verbose)
// and a summary; any failure is exit code 1.
func writeExampleResults(w io.Writer, results []controls.ExampleResult, verbose bool) error {
	failed := 0
	ctrls := map[string]bool{}
	for _, r := range results {
		ctrls[r.Control] = true
		if r.OK() && !verbose {
			continue
		}
		mark := "ok  "
		if !r.OK() {
			mark = "FAIL"
			failed++
		}
		fmt.Fprintf(w, "%s %s %q (%s:%d): expected %s, got %s\n", mark, r.Control, r.Example, r.File, r.Line, r.Expect, r.Got)
		if !r.OK() {
			for _, reason := range r.Reasons {
				fmt.Fprintf(w, "       %s: %s\n", reason.Path, reason.Detail)
			}
		}
	}
	fmt.Fprintf(w, "%d examples of %d controls: %d passed, %d failed\n", len(results), len(ctrls), len(results)-failed, failed)
	if failed > 0 {
		return &ExitError{Code: 1, Err: fmt.Errorf("%d example(s) did not give the expected verdict", failed), Silent: true}
	}
	return nil
}

// writeControlsJSON writes v as indented JSON.
func writeControlsJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
