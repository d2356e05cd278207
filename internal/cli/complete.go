package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
)

// completeControlIDs completes built-in control IDs for shell completion.
func completeControlIDs(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cat, err := controls.Builtin()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, c := range cat.Controls {
		if strings.HasPrefix(c.ID, strings.ToUpper(prefix)) {
			out = append(out, c.ID+"\t"+c.Title)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeFrameworkIDs completes framework IDs, for an argument or for a
// comma-separated flag value.
func completeFrameworkIDs(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	set, err := mappings.Builtin()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	done, last := "", prefix
	if i := strings.LastIndex(prefix, ","); i >= 0 {
		done, last = prefix[:i+1], prefix[i+1:]
	}
	var out []string
	for _, fw := range set.Frameworks {
		if strings.HasPrefix(fw.ID, last) {
			out = append(out, done+fw.ID+"\t"+fw.Title)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
