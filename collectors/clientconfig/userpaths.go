package clientconfig

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/tollgate-dev/tollgate/collectors/files"
)

// UserPlaces returns every client's well-known per-user and system
// configuration locations on this machine (read with --user-configs). Per
// client and OS, where "~" is the home directory, %APPDATA% the roaming
// application-data folder on Windows (~/AppData/Roaming when unset), and
// $XDG_CONFIG_HOME defaults to ~/.config:
//
//	client          OS        location
//	claude-desktop  darwin    ~/Library/Application Support/Claude/claude_desktop_config.json
//	                windows   %APPDATA%/Claude/claude_desktop_config.json
//	                linux     $XDG_CONFIG_HOME/Claude/claude_desktop_config.json
//	claude-code     all       ~/.claude.json, ~/.claude/.mcp.json, ~/.claude/settings{,.local}.json
//	                darwin    /Library/Application Support/ClaudeCode/managed-{mcp,settings}.json (system)
//	                linux     /etc/claude-code/managed-{mcp,settings}.json (system)
//	                windows   C:/Program Files/ClaudeCode/managed-{mcp,settings}.json (system)
//	cursor          all       ~/.cursor/mcp.json, ~/.cursor/permissions.json, ~/.cursor/cli-config.json
//	vscode          darwin    ~/Library/Application Support/Code{, - Insiders}/User/{mcp,settings}.json
//	                windows   %APPDATA%/Code{, - Insiders}/User/{mcp,settings}.json
//	                linux     $XDG_CONFIG_HOME/Code{, - Insiders}/User/{mcp,settings}.json
//	cline           all       <vscode User>/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json
//	windsurf        all       ~/.codeium/windsurf/mcp_config.json
//	antigravity     all       ~/.gemini/antigravity/mcp_config.json
//	continue        all       ~/.continue/config.yaml, ~/.continue/mcpServers/ (directory)
//	zed             darwin    ~/.config/zed/settings.json
//	                linux     $XDG_CONFIG_HOME/zed/settings.json
//	                windows   %APPDATA%/Zed/settings.json
//	gemini-cli      all       ~/.gemini/settings.json, ~/.gemini/trustedFolders.json
//	                darwin    /Library/Application Support/GeminiCli/settings.json (system)
//	                linux     /etc/gemini-cli/settings.json (system)
//	                windows   C:/ProgramData/gemini-cli/settings.json (system)
//	codex           all       $CODEX_HOME/config.toml (default ~/.codex/config.toml)
//	                unix      /etc/codex/config.toml (system)
func UserPlaces() []files.Place {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return nil
	}
	h := func(parts ...string) string { return filepath.Join(append([]string{home}, parts...)...) }
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if xdg == "" {
		xdg = h(".config")
	}
	appData := os.Getenv("APPDATA")
	if appData == "" {
		appData = h("AppData", "Roaming")
	}
	codexHome := os.Getenv("CODEX_HOME")
	if codexHome == "" {
		codexHome = h(".codex")
	}

	var userDirs []string // per-user application configuration roots
	var system []string
	var zed string
	switch runtime.GOOS {
	case "darwin":
		userDirs = []string{h("Library", "Application Support")}
		zed = h(".config", "zed", "settings.json")
		system = []string{
			"/Library/Application Support/ClaudeCode/managed-mcp.json",
			"/Library/Application Support/ClaudeCode/managed-settings.json",
			"/Library/Application Support/GeminiCli/settings.json",
			"/etc/codex/config.toml",
		}
	case "windows":
		userDirs = []string{appData}
		zed = filepath.Join(appData, "Zed", "settings.json")
		system = []string{
			`C:\Program Files\ClaudeCode\managed-mcp.json`,
			`C:\Program Files\ClaudeCode\managed-settings.json`,
			`C:\ProgramData\gemini-cli\settings.json`,
		}
	default:
		userDirs = []string{xdg}
		zed = filepath.Join(xdg, "zed", "settings.json")
		system = []string{
			"/etc/claude-code/managed-mcp.json",
			"/etc/claude-code/managed-settings.json",
			"/etc/gemini-cli/settings.json",
			"/etc/codex/config.toml",
		}
	}

	var out []files.Place
	user := func(p string) { out = append(out, files.Place{Path: p, Location: files.User}) }
	user(h(".claude.json"))
	user(h(".claude", ".mcp.json"))
	user(h(".claude", "settings.json"))
	user(h(".claude", "settings.local.json"))
	user(h(".cursor", "mcp.json"))
	user(h(".cursor", "permissions.json"))
	user(h(".cursor", "cli-config.json"))
	user(h(".codeium", "windsurf", "mcp_config.json"))
	user(h(".gemini", "antigravity", "mcp_config.json"))
	user(h(".continue", "config.yaml"))
	user(h(".continue", "mcpServers"))
	user(h(".gemini", "settings.json"))
	user(h(".gemini", "trustedFolders.json"))
	user(filepath.Join(codexHome, "config.toml"))
	user(zed)
	for _, base := range userDirs {
		user(filepath.Join(base, "Claude", "claude_desktop_config.json"))
		for _, code := range []string{"Code", "Code - Insiders"} {
			u := filepath.Join(base, code, "User")
			user(filepath.Join(u, "mcp.json"))
			user(filepath.Join(u, "settings.json"))
			user(filepath.Join(u, "globalStorage", "saoudrizwan.claude-dev", "settings", "cline_mcp_settings.json"))
		}
	}
	for _, p := range system {
		out = append(out, files.Place{Path: p, Location: files.System})
	}
	return out
}
