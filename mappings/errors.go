package mappings

import "github.com/tollgate-dev/tollgate/internal/diag"

// Problem is one thing wrong in a mapping file, with its position.
type Problem = diag.Problem

// Errors is every problem found while loading or checking mappings, sorted
// by file and line.
type Errors = diag.List
