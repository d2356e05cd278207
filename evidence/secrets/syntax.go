package secrets

// Syntax says which reference forms a client expands at run time.
type Syntax struct {
	// Client is the client the table entry belongs to.
	Client string
	// DollarBrace is ${VAR} and ${VAR:-default} (claude-code, gemini-cli).
	DollarBrace bool
	// DollarBare is $VAR (gemini-cli).
	DollarBare bool
	// EnvColon is ${env:VAR} (cursor, vscode, windsurf).
	EnvColon bool
	// Input is ${input:id} (vscode).
	Input bool
	// ContinueSecrets is ${{ secrets.NAME }} and ${{ inputs.X }} (continue).
	ContinueSecrets bool
	// UserConfig is ${user_config.x}, ${__dirname}, ${HOME}… (mcpb).
	UserConfig bool
	// Predefined is ${workspaceFolder}, ${userHome} and the other editor
	// variables (cursor, vscode).
	Predefined bool
	// FileRef is ${file:/path}, the content of a file (windsurf).
	FileRef bool
	// DollarParen is $(VAR), which Kubernetes expands in a container's
	// command, args and env values from the container's own environment.
	DollarParen bool
	// DeckEnv is ${{ env "DECK_NAME" }}, which Kong's decK replaces with
	// the environment variable DECK_NAME when it syncs a declarative file.
	DeckEnv bool
	// KongVault is {vault://backend/path}, a Kong vault reference resolved
	// by the gateway at run time from a secret store (env, AWS, GCP, Azure,
	// HashiCorp Vault).
	KongVault bool
	// Terraform is ${…}: an expression Terraform computes (a variable, a
	// local, a resource attribute, a function), left as written when a
	// configuration is read without running Terraform.
	Terraform bool
}

// SyntaxFor returns the reference forms the named client expands. An unknown
// client expands nothing: every reference form is passed on literally.
//
// The table follows each client's documentation:
//   - claude-code: ${VAR} and ${VAR:-default} in command, args, env, url, headers.
//   - gemini-cli: $VAR and ${VAR} in any settings string.
//   - cursor: ${env:NAME}, ${userHome}, ${workspaceFolder}, ${workspaceFolderBasename}, ${pathSeparator}.
//   - vscode: ${env:NAME}, ${input:id} and the predefined editor variables.
//   - windsurf: ${env:NAME} and ${file:/path}.
//   - continue: ${{ secrets.NAME }} and ${{ inputs.NAME }}.
//   - mcpb: ${user_config.key}, ${__dirname}, ${HOME}, ${DESKTOP}, ${DOCUMENTS}, ${DOWNLOADS}, ${pathSeparator}.
//   - kubernetes: $(VAR) in container command, args and env values.
//   - kong: ${{ env "DECK_NAME" }} (decK) and {vault://backend/path} in
//     referenceable plugin fields.
//   - terraform: ${…} interpolations (var.x, local.x, resource attributes).
//   - claude-desktop, cline, zed, antigravity, codex: no interpolation (Codex
//     takes environment values only through bearer_token_env_var and env_vars).
func SyntaxFor(client string) Syntax {
	syn := syntaxTable[client]
	syn.Client = client
	return syn
}

var syntaxTable = map[string]Syntax{
	"claude-code": {DollarBrace: true},
	"gemini-cli":  {DollarBrace: true, DollarBare: true},
	"cursor":      {EnvColon: true, Predefined: true},
	"vscode":      {EnvColon: true, Input: true, Predefined: true},
	"windsurf":    {EnvColon: true, FileRef: true},
	"continue":    {ContinueSecrets: true},
	"mcpb":        {UserConfig: true},
	"kubernetes":  {DollarParen: true},
	"kong":        {DeckEnv: true, KongVault: true},
	"terraform":   {Terraform: true},
	// claude-desktop, cline, zed, antigravity and codex expand nothing.
}
