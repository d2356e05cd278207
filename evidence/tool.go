package evidence

// Definition types: what a tool subject describes. All of them are text a
// server hands to the model.
const (
	DefinitionTool             = "tool"
	DefinitionPrompt           = "prompt"
	DefinitionResourceTemplate = "resource-template"
	// DefinitionInstructions is the server's initialize instructions.
	DefinitionInstructions = "instructions"
)

// Lock states of a tool definition against the lockfile.
const (
	LockUnlocked  = "unlocked"  // no lockfile in use
	LockUnchanged = "unchanged" // the definition hashes as locked
	LockChanged   = "changed"   // the definition differs from the locked one
	LockAdded     = "added"     // not in the lockfile (new tool, or a server never locked)
	LockRemoved   = "removed"   // locked, but the server no longer offers it
	// LockLocked marks a definition read from a lockfile itself, for a
	// server the run did not observe: it is judged as it was approved.
	LockLocked = "locked"
)

// Destructive hint values of a tool's annotations.
const (
	HintTrue  = "true"
	HintFalse = "false"
	HintUnset = "unset"
)

// Tool is one definition a server gives the model: a tool, a prompt, a
// resource template, or the server's instructions, from a live server or a
// saved file. Its heuristic facts (hidden_instructions, invisible_unicode, …)
// are lists of matches, empty or absent when nothing was found, so a control
// checks for example `hidden_instructions?: []`.
type Tool struct {
	Meta
	// Type is tool, prompt, resource-template or instructions.
	Type string `json:"type"`
	// Server names the server offering the definition: the configured server
	// name, the endpoint URL, or the name a definitions file gives.
	Server string `json:"server"`
	// Endpoint is the URL (or stdio:NAME) the definition was listed from;
	// empty for definitions read from files.
	Endpoint string `json:"endpoint,omitempty"`
	// Title is the display title.
	Title string `json:"title,omitempty"`
	// Description is the description exactly as served (control characters
	// and invisible Unicode included), with secrets redacted.
	Description string `json:"description,omitempty"`
	// DescriptionLength is the description's length in characters.
	DescriptionLength int `json:"description_length"`
	// URITemplate is a resource template's URI template.
	URITemplate string `json:"uri_template,omitempty"`
	// InputSchema is the input JSON Schema (for prompts: built from the arguments).
	InputSchema map[string]any `json:"input_schema,omitempty"`
	// OutputSchema is the output JSON Schema.
	OutputSchema map[string]any `json:"output_schema,omitempty"`
	// Annotations are the tool annotations as served.
	Annotations map[string]any `json:"annotations,omitempty"`
	// Parameters flattens the input schema's properties (nested ones as
	// dotted paths), so controls can judge parameters one by one.
	Parameters []ToolParameter `json:"parameters,omitempty"`

	// ReadOnlyHint is annotations.readOnlyHint.
	ReadOnlyHint bool `json:"read_only_hint"`
	// DestructiveHint is annotations.destructiveHint: true, false or unset.
	DestructiveHint string `json:"destructive_hint"`
	// Destructive is true when the name or description says the tool deletes,
	// overwrites, drops, kills, … (judged from the text, not the annotations).
	Destructive bool `json:"destructive"`

	// HiddenInstructions: text addressed to the model rather than the user
	// (<IMPORTANT> blocks, "ignore previous instructions", "do not tell the user").
	HiddenInstructions []TextMatch `json:"hidden_instructions,omitempty"`
	// SecretReferences: mentions of credentials and sensitive paths (~/.ssh, .env, id_rsa).
	SecretReferences []TextMatch `json:"secret_references,omitempty"`
	// Exfiltration: cues to send data somewhere (URLs, "send", "include the contents").
	Exfiltration []TextMatch `json:"exfiltration,omitempty"`
	// CrossServerReferences: instructions about other servers' tools (shadowing).
	CrossServerReferences []TextMatch `json:"cross_server_references,omitempty"`
	// InvisibleUnicode: tag characters (decoded), zero-width and bidi controls.
	InvisibleUnicode []TextMatch `json:"invisible_unicode,omitempty"`
	// ANSIEscapes: terminal escape sequences.
	ANSIEscapes []TextMatch `json:"ansi_escapes,omitempty"`
	// EncodedBlobs: base64 or hex runs that decode to text (decoded).
	EncodedBlobs []TextMatch `json:"encoded_blobs,omitempty"`
	// Homoglyphs: a name mixing scripts or using look-alike characters (its
	// ASCII skeleton in Decoded).
	Homoglyphs []TextMatch `json:"homoglyphs,omitempty"`
	// NameCollisions lists the other servers offering a definition of the
	// same type under the same name (or the same name once look-alikes are folded).
	NameCollisions []string `json:"name_collisions,omitempty"`

	// CredentialParameters are input parameters that ask for a password,
	// token, API key, secret or other credential, judged by the parameter's
	// name, its schema format, or its description (rules name, format,
	// description). Tools and prompts.
	CredentialParameters []ParameterMatch `json:"credential_parameters,omitempty"`
	// LooseSchema records where a tool's input schema accepts anything:
	// no-properties (no properties and additionalProperties not false),
	// additional-properties (undeclared arguments accepted) — both only for
	// tools not annotated read-only — and untyped (a parameter with no type
	// or other constraint). Tools with an input schema only.
	LooseSchema []ParameterMatch `json:"loose_schema,omitempty"`
	// UnconstrainedInputs are string parameters that take a file path, URL,
	// shell command or SQL text with no pattern, enum or const limiting them
	// (rules path, url, command, sql). Tools with an input schema only.
	UnconstrainedInputs []ParameterMatch `json:"unconstrained_inputs,omitempty"`

	// Definition is the whole definition as served (without _meta), secrets
	// redacted: what the lockfile records and drift is diffed against.
	Definition map[string]any `json:"definition,omitempty"`
	// SHA256 is the sha256 of the definition's canonical JSON (before redaction).
	SHA256 string `json:"sha256"`
	// Lock is unlocked, unchanged, changed, added, removed, or locked (read
	// from a lockfile, for a server not observed in the run).
	Lock string `json:"lock"`
	// LockedSHA256 is the hash the lockfile records.
	LockedSHA256 string `json:"locked_sha256,omitempty"`
	// Changes lists what differs from the locked definition.
	Changes []DefinitionChange `json:"changes,omitempty"`
}

// ToolParameter is one property of a tool's input schema.
type ToolParameter struct {
	// Path is the property name; nested properties are dotted (a.b, items[].c).
	Path string `json:"path"`
	// Type is the JSON Schema type ("string", "integer|null", …).
	Type string `json:"type,omitempty"`
	// Description is the property's description (secrets redacted).
	Description string `json:"description,omitempty"`
	// Required is true when the parent schema lists it as required.
	Required bool `json:"required"`
	// Default is the schema default, when there is one (secrets redacted).
	Default any `json:"default,omitempty"`
	// Format, Pattern and Enum mirror the schema keywords.
	Format  string `json:"format,omitempty"`
	Pattern string `json:"pattern,omitempty"`
	Enum    []any  `json:"enum,omitempty"`
}

// ParameterMatch is one input parameter (or the input schema as a whole)
// that a schema check flagged.
type ParameterMatch struct {
	// Parameter is the parameter's path as in Parameters (nested ones
	// dotted); empty when the finding is about the whole input schema.
	Parameter string `json:"parameter,omitempty"`
	// Rule names the check that matched.
	Rule string `json:"rule"`
	// Excerpt shows what matched: the parameter, its type and its
	// description (secrets redacted, cut to a readable length).
	Excerpt string `json:"excerpt"`
}

// TextMatch is one heuristic match in a definition.
type TextMatch struct {
	// Field is where the text was found: name, title, description,
	// parameters.PATH.description, parameters.PATH.default, uri_template, …
	Field string `json:"field"`
	// Rule names the heuristic that matched (e.g. important-tag, tag-characters).
	Rule string `json:"rule"`
	// Excerpt is the matched text with surrounding context, invisible and
	// control characters made visible (\u200b, \x1b), cut to a readable length.
	Excerpt string `json:"excerpt"`
	// Decoded is what hidden text says: tag characters as ASCII, a base64 or
	// hex blob decoded, a look-alike name folded to ASCII.
	Decoded string `json:"decoded,omitempty"`
}

// DefinitionChange is one field that differs from the locked definition.
type DefinitionChange struct {
	// Field is the JSON path of the change (description, inputSchema.properties.x, …).
	Field string `json:"field"`
	// Before and After are the locked and current values, redacted, made
	// visible and cut to a readable length; empty when absent.
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}
