package tooldef

import (
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Schema hygiene: what a definition's input schema asks of the model. A
// tool must not ask for credentials as arguments — they would pass through
// the model's context, the client's transcript and every log on the way —
// and its schema should say which arguments it accepts and constrain the
// ones that name files, addresses, commands or queries.

// Rules of the credential_parameters fact.
const (
	ruleCredentialName        = "name"
	ruleCredentialFormat      = "format"
	ruleCredentialDescription = "description"
)

// Rules of the loose_schema fact.
const (
	ruleNoProperties         = "no-properties"
	ruleAdditionalProperties = "additional-properties"
	ruleUntyped              = "untyped"
)

// Rules of the unconstrained_inputs fact.
const (
	inputPath    = "path"
	inputURL     = "url"
	inputCommand = "command"
	inputSQL     = "sql"
)

// parameterExcerpt is how long an excerpt of a parameter may be.
const parameterExcerpt = 160

// schemaHygiene fills the credential_parameters, loose_schema and
// unconstrained_inputs facts of t from d's input schema (for prompts: the
// schema built from their arguments).
func schemaHygiene(t *evidence.Tool, d Definition, red *secrets.Redactor) {
	var in map[string]any
	switch d.Type {
	case evidence.DefinitionTool:
		in, _ = d.Raw["inputSchema"].(map[string]any)
	case evidence.DefinitionPrompt:
		if args, ok := d.Raw["arguments"].([]any); ok {
			in = promptSchema(args)
		}
	}
	if in == nil {
		return
	}
	add := func(list *[]evidence.ParameterMatch, path, rule string, p map[string]any) {
		if len(*list) >= maxMatchesPerFact {
			return
		}
		*list = append(*list, evidence.ParameterMatch{Parameter: path, Rule: rule, Excerpt: parameterText(path, p, red)})
	}
	isTool := d.Type == evidence.DefinitionTool
	if isTool && !t.ReadOnlyHint && !composite(in) {
		// A tool that may act should accept only the arguments it declares.
		props, _ := in["properties"].(map[string]any)
		if in["additionalProperties"] != false {
			if len(props) == 0 {
				add(&t.LooseSchema, "", ruleNoProperties, in)
			} else {
				add(&t.LooseSchema, "", ruleAdditionalProperties, in)
			}
		}
	}
	toolText := strings.ToLower(t.Name + " " + descriptionOf(d))
	eachProperty(in, func(path string, p map[string]any, _ bool) {
		name := lastSegment(path)
		if rule := credentialRule(name, p); rule != "" {
			add(&t.CredentialParameters, path, rule, p)
		}
		if !isTool {
			return
		}
		if untyped(p) {
			add(&t.LooseSchema, path, ruleUntyped, p)
		}
		if kind := unconstrainedKind(name, p, toolText); kind != "" {
			add(&t.UnconstrainedInputs, path, kind, p)
		}
	})
}

// parameterText renders a parameter (or, for path "", the schema) for an
// excerpt: `path (type): description`.
func parameterText(path string, p map[string]any, red *secrets.Redactor) string {
	var b strings.Builder
	if path == "" {
		b.WriteString("input schema")
	} else {
		b.WriteString(path)
	}
	if typ := schemaType(p); typ != "" {
		b.WriteString(" (" + typ + ")")
	}
	if path == "" {
		switch ap := p["additionalProperties"].(type) {
		case nil:
			b.WriteString(", additionalProperties not set")
		case bool:
			if ap {
				b.WriteString(", additionalProperties: true")
			}
		default:
			b.WriteString(", additionalProperties: a schema")
		}
		props, _ := p["properties"].(map[string]any)
		if len(props) == 0 {
			b.WriteString(", no properties")
		}
	}
	if f, _ := p["format"].(string); f != "" {
		b.WriteString(", format " + f)
	}
	if desc, _ := p["description"].(string); desc != "" && path != "" {
		b.WriteString(": " + desc)
	}
	return Cut(Visible(red.RedactString(b.String())), parameterExcerpt)
}

// lastSegment is a parameter path's own name: "auth.password" → password,
// "headers[].value" → value, "keys[]" → keys.
func lastSegment(path string) string {
	path = strings.TrimSuffix(path, "[]")
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	return strings.TrimSuffix(path, "[]")
}

// schemaType is a schema's type keyword as text ("string", "string|null").
func schemaType(p map[string]any) string {
	switch t := p["type"].(type) {
	case string:
		return t
	case []any:
		var parts []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "|")
	}
	return ""
}

// composite reports whether a schema is built from other schemas
// (references or combinators): its properties are not all in view.
func composite(s map[string]any) bool {
	for _, k := range []string{"$ref", "anyOf", "oneOf", "allOf", "not", "if"} {
		if _, ok := s[k]; ok {
			return true
		}
	}
	return false
}

// fixedValues reports whether a schema limits its value to a list.
func fixedValues(p map[string]any) bool {
	_, enum := p["enum"]
	_, konst := p["const"]
	return enum || konst
}

// untyped reports whether a parameter accepts any JSON value: no type and
// nothing else that constrains it.
func untyped(p map[string]any) bool {
	if _, ok := p["type"]; ok || fixedValues(p) || composite(p) {
		return false
	}
	for _, k := range []string{"properties", "items", "pattern", "format", "minimum", "maximum", "minLength", "maxLength"} {
		if _, ok := p[k]; ok {
			return false
		}
	}
	return true
}

// takesText reports whether a parameter takes free text: a string (or an
// untyped value) that no enum, const or pattern constrains.
func takesText(p map[string]any) bool {
	if fixedValues(p) {
		return false
	}
	if pat, _ := p["pattern"].(string); pat != "" {
		return false
	}
	typ := schemaType(p)
	return typ == "" && !composite(p) || strings.Contains(typ, "string")
}

// credentialRule says why a parameter asks for a credential, or "". A
// parameter limited to listed values, or of a type no credential has
// (boolean, number, an object whose own properties are judged), is not one.
func credentialRule(name string, p map[string]any) string {
	if fixedValues(p) {
		return ""
	}
	if typ := schemaType(p); typ != "" && !strings.Contains(typ, "string") && !strings.Contains(typ, "array") {
		return ""
	}
	if credentialName(name) {
		return ruleCredentialName
	}
	if f, _ := p["format"].(string); f != "" && secrets.IsCredentialKey(f) {
		return ruleCredentialFormat
	}
	if desc, _ := p["description"].(string); describesCredential(desc) {
		return ruleCredentialDescription
	}
	return ""
}

// aloneNotCredential are parameter names that, alone, name something other
// than a credential in tool arguments: the key of a key-value store, a
// terminal or browser session.
var aloneNotCredential = map[string]bool{"key": true, "session": true}

// listingTokenWords turn a following "token" into a cursor of a paged
// listing or an idempotency marker: pageToken, next_token, syncToken.
var listingTokenWords = map[string]bool{
	"page": true, "next": true, "prev": true, "previous": true, "continuation": true, "cursor": true,
	"sync": true, "resume": true, "start": true, "end": true, "cancel": true, "cancellation": true,
	"delta": true, "change": true, "changes": true, "pagination": true, "paging": true, "idempotency": true,
	"request": true, "max": true, "stop": true, "special": true,
}

// identifierKeyWords turn a following "key" into the identifier of a record:
// issue_key (PROJ-123), project_key, object_key, sort_key.
var identifierKeyWords = map[string]bool{
	"issue": true, "project": true, "item": true, "record": true, "object": true, "bucket": true,
	"file": true, "row": true, "sort": true, "partition": true, "primary": true, "foreign": true,
	"cache": true, "map": true, "dict": true, "translation": true, "message": true, "setting": true,
	"settings": true, "config": true, "registry": true, "entry": true, "field": true, "column": true,
	"table": true, "index": true, "lookup": true, "group": true, "hash": true, "dedup": true,
	"dedupe": true, "unique": true, "natural": true, "composite": true, "shard": true, "routing": true,
	"task": true, "event": true, "job": true, "node": true, "page": true, "document": true, "doc": true,
	"story": true, "epic": true, "space": true, "board": true, "sprint": true, "component": true,
	"label": true, "version": true, "attribute": true, "property": true, "state": true, "path": true,
	"resource": true, "tag": true, "metadata": true, "meta": true, "idempotency": true, "s": true,
	"public": true, "sorting": true, "grouping": true, "hot": true, "shortcut": true, "music": true,
}

// connectionStringNames are names (words run together) of connection
// strings, which carry the password of the database they name.
var connectionStringNames = map[string]bool{"connectionstring": true, "connstring": true, "connstr": true}

// pluralCredentials are plurals of credential words that name lists of
// credentials (apiKeys, secrets); count parameters (input_tokens) are
// numbers and are not judged.
var pluralCredentials = map[string]bool{"keys": true, "tokens": true, "secrets": true, "passwords": true}

// credentialName reports whether a parameter's name says it holds a
// credential, by the key-name rules of evidence/secrets, less the names
// that mean something else in tool arguments.
func credentialName(name string) bool {
	words := nameWords(name)
	if len(words) == 0 {
		return false
	}
	joined := strings.Join(words, "")
	switch {
	case connectionStringNames[joined]:
		return true
	case secrets.IsCredentialKey(name):
	case pluralCredentials[words[len(words)-1]] && secrets.IsCredentialKey(strings.TrimSuffix(name, "s")):
		// apiKeys, client_secrets: lists of credentials
	default:
		return false
	}
	if len(words) == 1 && aloneNotCredential[words[0]] {
		return false
	}
	for i := 1; i < len(words); i++ {
		switch words[i] {
		case "token", "tokens":
			if listingTokenWords[words[i-1]] {
				return false
			}
		case "key", "keys":
			if identifierKeyWords[words[i-1]] {
				return false
			}
		}
	}
	return true
}

// credentialNoun finds a credential named in text. Group 1 is a strong
// phrase (API key, access token, password, …), group 2 a word that names a
// credential only as the head of a phrase (token, secret, PAT, JWT).
var credentialNoun = regexp.MustCompile(`(?i)\b(?:((?:personal[ _-])?access[ _-]?tokens?|api[ _-]?keys?|auth(?:entication|orization)?[ _-]?tokens?|bearer[ _-]?tokens?|refresh[ _-]?tokens?|id[ _-]tokens?|oauth[ _-]?tokens?|session[ _-](?:tokens?|cookies?)|passwords?|passphrases?|passcodes?|client[ _-]?secrets?|(?:secret[ _-])?access[ _-]keys?|secret[ _-]?keys?|private[ _-]?keys?|signing[ _-]?keys?|credentials?|connection[ _-]?strings?)|(tokens?|secrets?|pats?|jwts?))\b`)

// credentialHints are words (lower case) one of which every match of
// credentialNoun contains.
var credentialHints = []string{"token", "key", "pass", "secret", "credential", "cookie", "connection", "pat", "jwt"}

// phraseStops are words that, before a credential noun, make it the object
// of something else ("name of the API key", "number of tokens", "without a
// password", "whose token …") rather than what the parameter is.
var phraseStops = map[string]bool{
	"of": true, "for": true, "to": true, "with": true, "from": true, "in": true, "on": true, "by": true,
	"at": true, "about": true, "per": true, "whose": true, "that": true, "which": true, "where": true,
	"when": true, "if": true, "no": true, "not": true, "without": true, "never": true, "instead": true,
	"and": true, "or": true, "than": true, "is": true, "are": true, "uses": true, "use": true,
	"using": true, "requires": true, "require": true, "needs": true, "has": true, "have": true,
	"max": true, "maximum": true, "min": true, "minimum": true, "number": true, "count": true,
}

// listingText marks a clause about paging through results, where "token"
// is a cursor.
var listingText = regexp.MustCompile(`(?i)\b(page|pages|paging|paginat\w*|next|previous|continu\w*|cursor|results?|listing|list call|offset)\b`)

// clauseVerbs, after a credential noun, make it the subject of a clause
// rather than what the parameter is.
var clauseVerbs = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "will": true, "must": true, "should": true,
	"can": true, "may": true, "has": true, "have": true, "had": true, "does": true, "do": true,
	"expires": true, "gets": true, "belongs": true, "grants": true,
}

// maxPhraseLead is how many words may precede a credential noun at the head
// of a description ("Your GitHub personal access token").
const maxPhraseLead = 4

// describesCredential reports whether a parameter's description says the
// value is a credential: its first clause is a noun phrase headed by one
// ("GitHub personal access token", "Password for the database user",
// "Your OpenAI API key"), not a mention of one ("Name of the API key to
// revoke", "Maximum number of tokens", "Token for the next page").
func describesCredential(desc string) bool {
	if desc == "" {
		return false
	}
	clause := Reveal(desc)
	if i := strings.IndexAny(clause, ".;,:(\n"); i >= 0 {
		clause = clause[:i]
	}
	lower := strings.ToLower(clause)
	hinted := false
	for _, h := range credentialHints {
		if strings.Contains(lower, h) {
			hinted = true
			break
		}
	}
	if !hinted {
		return false
	}
	m := credentialNoun.FindStringSubmatchIndex(clause)
	if m == nil {
		return false
	}
	lead := strings.Fields(clause[:m[0]])
	if len(lead) > maxPhraseLead {
		return false
	}
	for _, w := range lead {
		if phraseStops[strings.ToLower(strings.Trim(w, `"'`+"`"))] {
			return false
		}
	}
	weak := m[4] >= 0
	if weak && listingText.MatchString(clause) {
		return false
	}
	rest := strings.Fields(clause[m[1]:])
	if len(rest) == 0 {
		return true
	}
	if clauseVerbs[strings.ToLower(rest[0])] {
		return false // "Scopes the new API key is granted": the noun starts a clause of its own
	}
	// A following word can turn the noun into a setting about the
	// credential ("API key name", "token expiry", "password length"): ask
	// the key-name rules about the noun's head with that word.
	return secrets.IsCredentialKey("token_" + strings.ToLower(rest[0]))
}

// Words naming what a parameter takes, by the last word of its name.
var (
	pathWords = map[string]bool{
		"path": true, "paths": true, "file": true, "files": true, "filename": true, "filepath": true,
		"pathname": true, "dir": true, "dirs": true, "directory": true, "directories": true, "folder": true,
		"dirname": true, "cwd": true, "workdir": true,
	}
	urlWords = map[string]bool{
		"url": true, "urls": true, "uri": true, "uris": true, "href": true, "link": true, "endpoint": true,
		"webhook": true, "callback": true, "website": true,
	}
	commandWords = map[string]bool{
		"command": true, "commands": true, "cmd": true, "shell": true, "script": true, "bash": true,
		"powershell": true, "cmdline": true, "commandline": true, "exec": true,
	}
	sqlWords = map[string]bool{"sql": true, "query": true, "statement": true, "stmt": true}
)

// urlFormats are JSON Schema formats of URLs; they check the syntax, not
// where the URL leads.
var urlFormats = map[string]bool{"uri": true, "url": true, "iri": true, "uri-reference": true, "iri-reference": true}

// pathDescription says a parameter is a file system path.
var pathDescription = regexp.MustCompile(`(?i)^\s*(?:the |an? |absolute |relative |full |local )*(?:file|directory|folder)?\s*path\b`)

// commandDescription says a parameter is a command to run.
var commandDescription = regexp.MustCompile(`(?i)\b(shell|bash|powershell|terminal) command\b|\bcommand (line )?to (run|execute)\b`)

// sqlContext says a tool or parameter deals in SQL.
var sqlContext = regexp.MustCompile(`(?i)\b(sql|select|database|postgres\w*|mysql|sqlite|mssql|oracle|snowflake|bigquery|clickhouse|duckdb|tables?)\b`)

// unconstrainedKind says which free-form input a parameter takes — a path,
// a URL, a shell command or SQL — when nothing in its schema constrains
// it; "" otherwise. toolText is the tool's name and description, lower case.
func unconstrainedKind(name string, p map[string]any, toolText string) string {
	if !takesText(p) {
		return ""
	}
	words := nameWords(name)
	if len(words) == 0 {
		return ""
	}
	last := words[len(words)-1]
	desc, _ := p["description"].(string)
	format, _ := p["format"].(string)
	switch {
	case commandWords[last] || commandDescription.MatchString(desc):
		return inputCommand
	case last == "sql" || sqlWords[last] && (sqlContext.MatchString(desc) || sqlContext.MatchString(toolText)):
		return inputSQL
	case urlWords[last] || urlFormats[strings.ToLower(format)]:
		return inputURL
	case pathWords[last] || pathDescription.MatchString(desc):
		return inputPath
	}
	return ""
}
