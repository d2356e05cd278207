package launch

import "strings"

// archivedNPM are the @modelcontextprotocol reference servers moved to
// github.com/modelcontextprotocol/servers-archived, which no longer receive
// fixes (the archive README lists AWS KB Retrieval, Brave Search, EverArt,
// GitHub, GitLab, Google Drive, Google Maps, PostgreSQL, Puppeteer, Redis,
// Sentry, Slack and SQLite).
var archivedNPM = map[string]bool{
	"@modelcontextprotocol/server-aws-kb-retrieval":        true,
	"@modelcontextprotocol/server-aws-kb-retrieval-server": true,
	"@modelcontextprotocol/server-brave-search":            true,
	"@modelcontextprotocol/server-everart":                 true,
	"@modelcontextprotocol/server-gdrive":                  true,
	"@modelcontextprotocol/server-github":                  true,
	"@modelcontextprotocol/server-gitlab":                  true,
	"@modelcontextprotocol/server-google-maps":             true,
	"@modelcontextprotocol/server-postgres":                true,
	"@modelcontextprotocol/server-puppeteer":               true,
	"@modelcontextprotocol/server-redis":                   true,
	"@modelcontextprotocol/server-slack":                   true,
}

// archivedPyPI are the Python forms of archived reference servers.
var archivedPyPI = map[string]bool{
	"mcp-server-sentry": true,
	"mcp-server-sqlite": true,
}

// isArchived reports whether a package is an archived reference server.
func isArchived(ecosystem, name string) bool {
	switch ecosystem {
	case EcosystemNPM:
		return archivedNPM[strings.ToLower(name)]
	case EcosystemPyPI:
		return archivedPyPI[strings.ToLower(strings.ReplaceAll(name, "_", "-"))]
	}
	return false
}
