package ci

import _ "embed"

// GitLabJob is the GitLab CI job of gitlab/tollgate.yml, for 'tollgate init'
// to write into a repository.
//
//go:embed gitlab/tollgate.yml
var GitLabJob []byte
