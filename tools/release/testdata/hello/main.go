// Command hello prints the version stamped into internal/version, for the
// release tool's tests.
package main

import (
	"fmt"

	"github.com/tollgate-dev/tollgate/internal/version"
)

func main() { fmt.Println(version.Version) }
