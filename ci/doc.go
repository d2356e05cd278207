// Package ci holds the files that run Tollgate in other people's pipelines
// and hooks — the GitHub Action (action.yml at the repository root), the
// GitLab CI template (gitlab/tollgate.yml) and the pre-commit hooks
// (.pre-commit-hooks.yaml) — and the tests that check them against the
// command line they call.
package ci
