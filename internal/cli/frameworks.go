package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// frameworksOptions are the flags of the frameworks commands.
type frameworksOptions struct {
	format  string
	catalog []string
}

func newFrameworksCommand(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "frameworks",
		Short: "List compliance frameworks and how the control catalog covers them",
		Long: `The compliance frameworks Tollgate maps its controls onto: NIST SP 800-53 Rev. 5,
ISO/IEC 27001:2022, NIST SSDF 1.1 and GDPR, plus the OWASP MCP Top 10 and the CoSAI
MCP threat categories.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newFrameworksListCommand(app), newFrameworksCoverageCommand(app))
	return cmd
}

func newFrameworksListCommand(app *App) *cobra.Command {
	opts := &frameworksOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the frameworks, with their requirement and link counts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFrameworksFormat(opts.format); err != nil {
				return err
			}
			set, err := mappings.Builtin()
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			return writeFrameworkList(app.Out, set, opts.format)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "table", "output format: table or json")
	return cmd
}

func newFrameworksCoverageCommand(app *App) *cobra.Command {
	opts := &frameworksOptions{}
	cmd := &cobra.Command{
		Use:   "coverage [FRAMEWORK]",
		Short: "Show, per requirement, whether automated or manual controls cover it",
		Long: `For every requirement of a framework (or of every framework), show whether at
least one automated control maps to it (automated), only manual controls that need an
attestation do (manual), or nothing does (uncovered), with totals.`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeFrameworkIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFrameworksFormat(opts.format); err != nil {
				return err
			}
			set, err := mappings.Builtin()
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			cat, err := pipeline.LoadCatalog(opts.catalog)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			manual := make(map[string]bool, len(cat.Controls))
			for _, c := range cat.Controls {
				manual[c.ID] = c.Manual
			}
			cov := mappings.Coverage(set, manual)
			if len(args) == 1 {
				var one []mappings.FrameworkCoverage
				for _, fc := range cov {
					if fc.Framework.ID == args[0] {
						one = append(one, fc)
					}
				}
				if one == nil {
					return usageError("unknown framework %q (known: %s)", args[0], strings.Join(knownFrameworkIDs(set), ", "))
				}
				cov = one
			}
			if opts.format == "json" {
				return writeFrameworksJSON(app.Out, coverageView(cov))
			}
			return writeCoverageTable(app.Out, cov)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "table", "output format: table or json")
	cmd.Flags().StringArrayVar(&opts.catalog, "catalog", nil, "additional control catalog directory (repeatable)")
	return cmd
}

func checkFrameworksFormat(format string) error {
	if format != "table" && format != "json" {
		return usageError("unknown --format %q (want table or json)", format)
	}
	return nil
}

func knownFrameworkIDs(set *mappings.Set) []string {
	ids := make([]string, len(set.Frameworks))
	for i, fw := range set.Frameworks {
		ids[i] = fw.ID
	}
	return ids
}

// frameworkSummary is one framework in `frameworks list --format json`.
type frameworkSummary struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Version      string `json:"version"`
	Main         bool   `json:"main"`
	Requirements int    `json:"requirements"`
	Controls     int    `json:"controls"`
	Links        int    `json:"links"`
	Official     int    `json:"official_links"`
	Exclusions   int    `json:"exclusions"`
}

func summarizeFrameworks(set *mappings.Set) []frameworkSummary {
	out := make([]frameworkSummary, 0, len(set.Frameworks))
	for _, fw := range set.Frameworks {
		s := frameworkSummary{ID: fw.ID, Title: fw.Title, Version: fw.Version, Main: fw.Main, Requirements: len(fw.Requirements)}
		ctl := map[string]bool{}
		for _, l := range set.Links {
			if l.Framework != fw.ID {
				continue
			}
			s.Links++
			ctl[l.Control] = true
			if l.Provenance == mappings.ProvenanceOfficial {
				s.Official++
			}
		}
		s.Controls = len(ctl)
		for _, e := range set.Exclusions {
			if e.Framework == fw.ID {
				s.Exclusions++
			}
		}
		out = append(out, s)
	}
	return out
}

func writeFrameworkList(w io.Writer, set *mappings.Set, format string) error {
	sums := summarizeFrameworks(set)
	if format == "json" {
		return writeFrameworksJSON(w, sums)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tVERSION\tMAIN\tREQUIREMENTS\tCONTROLS\tLINKS (OFFICIAL)\tEXCLUSIONS")
	for _, s := range sums {
		main := ""
		if s.Main {
			main = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d (%d)\t%d\n", s.ID, s.Title, s.Version, main, s.Requirements, s.Controls, s.Links, s.Official, s.Exclusions)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write framework list: %w", err)
	}
	return nil
}

// coverageJSON is one framework in `frameworks coverage --format json`.
type coverageJSON struct {
	Framework    frameworkRef              `json:"framework"`
	Requirements []requirementCoverageJSON `json:"requirements"`
	Totals       coverageTotals            `json:"totals"`
}

type frameworkRef struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version string `json:"version"`
	Main    bool   `json:"main"`
}

type requirementCoverageJSON struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Group     string   `json:"group,omitempty"`
	Status    string   `json:"status"`
	Automated []string `json:"automated"`
	Manual    []string `json:"manual"`
}

type coverageTotals struct {
	Requirements int `json:"requirements"`
	Automated    int `json:"automated"`
	Manual       int `json:"manual"`
	Uncovered    int `json:"uncovered"`
}

func coverageView(cov []mappings.FrameworkCoverage) []coverageJSON {
	out := make([]coverageJSON, 0, len(cov))
	for _, fc := range cov {
		v := coverageJSON{
			Framework: frameworkRef{ID: fc.Framework.ID, Title: fc.Framework.Title, Version: fc.Framework.Version, Main: fc.Framework.Main},
			Totals:    coverageTotals{Requirements: fc.Total(), Automated: fc.Automated, Manual: fc.Manual, Uncovered: fc.Uncovered},
		}
		for _, rc := range fc.Requirements {
			v.Requirements = append(v.Requirements, requirementCoverageJSON{
				ID: rc.Requirement.ID, Title: rc.Requirement.Title, Group: rc.Requirement.Group, Status: rc.Status,
				Automated: nonNilStrings(rc.Automated), Manual: nonNilStrings(rc.Manual),
			})
		}
		out = append(out, v)
	}
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeCoverageTable(w io.Writer, cov []mappings.FrameworkCoverage) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, fc := range cov {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s — %s %s\n", fc.Framework.ID, fc.Framework.Title, fc.Framework.Version)
		fmt.Fprintln(tw, "REQUIREMENT\tTITLE\tSTATUS\tCONTROLS")
		for _, rc := range fc.Requirements {
			ids := append(append([]string{}, rc.Automated...), rc.Manual...)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", rc.Requirement.ID, truncateTitle(rc.Requirement.Title, 60), rc.Status, strings.Join(ids, ", "))
		}
		fmt.Fprintf(tw, "total %d: automated %d, manual %d, uncovered %d\n", fc.Total(), fc.Automated, fc.Manual, fc.Uncovered)
	}
	if len(cov) > 1 {
		fmt.Fprintln(tw)
		fmt.Fprintln(tw, "FRAMEWORK\tREQUIREMENTS\tAUTOMATED\tMANUAL\tUNCOVERED")
		for _, fc := range cov {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", fc.Framework.ID, fc.Total(), fc.Automated, fc.Manual, fc.Uncovered)
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write coverage: %w", err)
	}
	return nil
}

func truncateTitle(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func writeFrameworksJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
