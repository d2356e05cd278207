package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report/oscal"
)

// exportOptions are the flags shared by the export commands.
type exportOptions struct {
	output    string
	timestamp string
	title     string
}

// exportBindings maps configuration keys to the export flags.
var exportBindings = map[string]string{"catalogs": "catalog"}

func newExportCommand(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the control catalog as OSCAL",
		Long: `Export writes Tollgate's MCP control catalog (the built-in controls plus any
--catalog folders) as OSCAL 1.1.3 documents, validated against the OSCAL schema
before anything is written:

  catalog                 the controls as an OSCAL catalog, grouped by family
  component-definition    a component definition linking the MCP controls to the
                          framework requirements they implement

Without -o the document goes to standard output. With --timestamp (or
SOURCE_DATE_EPOCH) the output is byte-identical across runs.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError("unknown document %q: want catalog or component-definition", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(
		newExportDocCommand(app, "catalog", "Export the MCP controls as an OSCAL catalog", "catalog.json", exportCatalog),
		newExportDocCommand(app, "component-definition", "Export the MCP controls as an OSCAL component definition mapped to the frameworks", "component-definition.json", exportComponentDefinition),
	)
	return cmd
}

// exportFunc renders one export document.
type exportFunc func(catalogs []string, opts oscal.ExportOptions) ([]byte, error)

func newExportDocCommand(app *App, use, short, example string, render exportFunc) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   use + " [-o FILE]",
		Short: short,
		Example: fmt.Sprintf(`  tollgate export %[1]s -o %[2]s
  tollgate export %[1]s --catalog ./our-controls --timestamp 2026-01-01T00:00:00Z > %[2]s`, use, example),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			loaded, err := app.Config(cmd.Flags(), exportBindings)
			if err != nil {
				return err
			}
			now, err := resolveTimestamp(opts.timestamp)
			if err != nil {
				return err
			}
			data, err := render(loaded.Config.Catalogs, oscal.ExportOptions{Title: opts.title, Version: app.Version, Timestamp: now})
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			if opts.output == "" || opts.output == "-" {
				if _, err := app.Out.Write(data); err != nil {
					return &ExitError{Code: 2, Err: fmt.Errorf("write %s: %w", use, err)}
				}
				return nil
			}
			if err := writeFileAtomic(opts.output, data); err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("write %s: %w", use, err)}
			}
			fmt.Fprintf(app.Err, "Wrote OSCAL %s %s to %s\n", oscal.Version, use, opts.output)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "file to write (default standard output)")
	f.StringSlice("catalog", nil, "extra control catalog folders to export with the built-in one")
	f.StringVar(&opts.timestamp, "timestamp", "", "metadata last-modified time (RFC 3339); pins the output (default SOURCE_DATE_EPOCH or now)")
	f.StringVar(&opts.title, "title", "", "document title")
	return cmd
}

// exportCatalog renders the built-in catalog plus extra catalogs as an
// OSCAL catalog.
func exportCatalog(catalogs []string, opts oscal.ExportOptions) ([]byte, error) {
	cat, err := pipeline.LoadCatalog(catalogs)
	if err != nil {
		return nil, err
	}
	return oscal.ExportCatalog(cat.Controls, cat.Risks, opts)
}

// exportComponentDefinition renders the catalog and the built-in mappings
// as an OSCAL component definition.
func exportComponentDefinition(catalogs []string, opts oscal.ExportOptions) ([]byte, error) {
	cat, err := pipeline.LoadCatalog(catalogs)
	if err != nil {
		return nil, err
	}
	set, err := mappings.Builtin()
	if err != nil {
		return nil, fmt.Errorf("load built-in mappings: %w", err)
	}
	return oscal.ExportComponentDefinition(cat.Controls, set, opts)
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder that is renamed into place, so path is either its old content or
// all of data, never half of it. The folder is created when missing.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
