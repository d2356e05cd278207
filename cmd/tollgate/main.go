// Command tollgate is compliance-as-code for Model Context Protocol deployments.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/tollgate-dev/tollgate/internal/cli"
	"github.com/tollgate-dev/tollgate/internal/memlimit"
)

func main() {
	memlimit.Apply(memlimit.Default)
	app := cli.NewApp()
	err := cli.NewRootCommand(app).Execute()
	code := cli.ExitCode(err)
	if err != nil {
		var ee *cli.ExitError
		if !errors.As(err, &ee) || !ee.Silent {
			fmt.Fprintln(os.Stderr, "tollgate:", err)
		}
	}
	os.Exit(code)
}
