package controls

import "github.com/tollgate-dev/tollgate/internal/diag"

// Problem is one thing wrong with a catalog, located in its file.
type Problem = diag.Problem

// Errors is every problem found while loading catalogs, sorted by file and
// line. Loading collects all problems rather than stopping at the first.
type Errors = diag.List
