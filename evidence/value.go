package evidence

// Value kinds: what a configured string is, after classification. Raw secret
// values never leave the collector; a Value carries only this classification.
const (
	ValueLiteral             = "literal"              // a plain, non-secret literal (Text holds it)
	ValueLiteralSecret       = "literal-secret"       // a literal credential (redacted)
	ValueEnvReference        = "env-reference"        // ${VAR}, ${env:VAR}, $VAR, bearer_token_env_var, …
	ValueInputReference      = "input-reference"      // ${input:id} (VS Code prompted input)
	ValueSecretReference     = "secret-reference"     // ${{ secrets.X }} (Continue), a secret store reference
	ValueConfigReference     = "config-reference"     // ${user_config.x} (MCPB), ${__dirname}
	ValueUnexpandedReference = "unexpanded-reference" // a reference form this client does not expand: passed on literally
	ValuePlaceholder         = "placeholder"          // <your-token-here>, YOUR_API_KEY, changeme, …
	ValueEmpty               = "empty"                // "" or whitespace
)

// Value is a classified configuration value (env value, header, argument, URL part).
type Value struct {
	// Kind is one of the Value* constants.
	Kind string `json:"kind"`
	// Secret is true when the value is, or is used as, a credential: a literal
	// secret, or a reference that resolves to one.
	Secret bool `json:"secret"`
	// Reason says why the value was judged secret: key-name, token-shape:<type>,
	// entropy, pem, jwt, url-password, connection-string.
	Reason string `json:"reason,omitempty"`
	// Fingerprint is the first 12 hex digits of the value's sha256, for secrets;
	// it lets the same secret be recognised across files without revealing it.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Shape is a redacted outline of a secret, e.g. "ghp_…(40)".
	Shape string `json:"shape,omitempty"`
	// Text is the value itself when it is safe to show (non-secret literals and
	// references); for secrets it is the redacted form "[REDACTED:<shape>]".
	Text string `json:"text,omitempty"`
	// Ref is the referenced name for references (VAR, input id, secret name).
	Ref string `json:"ref,omitempty"`
}

// IsReference reports whether the value is resolved by the client at run time.
func (v Value) IsReference() bool {
	switch v.Kind {
	case ValueEnvReference, ValueInputReference, ValueSecretReference, ValueConfigReference:
		return true
	}
	return false
}
