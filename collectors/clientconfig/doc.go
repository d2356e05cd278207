// Package clientconfig reads MCP client configuration files and MCP server
// manifests: Claude Desktop and Claude Code, Cursor, VS Code, Windsurf and
// Antigravity, Cline, Continue, Zed, Gemini CLI, Codex, MCP registry
// server.json files and MCPB (DXT) bundle manifests. Each format is one file
// (fmt_*.go) behind the format interface; Analyzers turns them into
// file analyzers (package files) for the collection registry.
//
// # Recognition
//
// A file is recognised by its name first, then by its content:
//
//   - A strong name is the format's own file (.cursor/mcp.json,
//     claude_desktop_config.json, .codex/config.toml, also in the flattened
//     form owner__repo__.cursor_mcp.json of a copied file). The file is that
//     format even when it does not parse: a syntax error is reported as the
//     format's parse-error, never skipped.
//   - A weak name is a generic name the format uses (settings.json,
//     server.json, manifest.json, config.yaml, *.toml). The file is the
//     format only when its content has the format's shape; a weakly named
//     file that does not parse is reported as a parse error if it mentions
//     MCP at all, unless another analyzer recognises it.
//   - Any other .json, .jsonc, .yaml, .yml or .toml file is offered to
//     every format of its syntax by content alone: only shapes that belong
//     to one client (Continue's mcpServers list, Codex's mcp_servers table,
//     a registry $schema, an MCPB manifest_version) or the shared
//     mcpServers map (generic) claim it.
//
// Formats are tried in the order of the formats slice (format.go), more
// specific first; the collection registry keeps that order and puts
// recognisers of other collector families after it.
//
// # Parse as the client parses
//
// Each file is read the way its client reads it, because a file the client
// rejects runs nothing, whatever it declares: JSONC only where the client
// accepts comments or trailing commas (Violation of the format's dialect
// makes the file a parse-error and its servers ignored); repeated JSON keys
// resolve last-wins with a warning naming both lines; repeated YAML keys are
// an error; entries under keys the client does not read, or in a shape it
// does not load, are reported as ignored servers with a reason. Reference
// syntaxes (${env:X}, ${input:x}, ${{ secrets.X }}) are classified by the
// client's own rules (secrets.SyntaxFor).
//
// Every value that reaches a subject goes through secrets.Classify, launch
// analysis or remote analysis, with each raw secret handed to the file
// (files.File.Secret), so that the stored copy is redacted.
package clientconfig
