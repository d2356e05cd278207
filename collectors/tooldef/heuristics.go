package tooldef

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// A textRule is one regular-expression heuristic. The regular expression
// runs only on text that contains one of its hints (lower case), which
// every match must contain: most texts are ruled out without running it.
type textRule struct {
	name  string
	hints []string
	re    *regexp.Regexp
}

func rules(pairs ...string) []textRule {
	out := make([]textRule, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		name, pattern := pairs[i], pairs[i+1]
		out = append(out, textRule{name: name, hints: ruleHints[name], re: regexp.MustCompile(pattern)})
	}
	return out
}

// ruleHints are the words (lower case) at least one of which every match
// of a rule contains.
var ruleHints = map[string][]string{
	"instruction-tag":     {"<", "[", "<<"},
	"ignore-instructions": {"ignore", "disregard", "forget", "override", "bypass"},
	"conceal-from-user":   {"user", "silently", "secretly", "covertly", "quietly"},
	"model-directive":     {"before ", "the assistant", "the model", "the ai", "the llm", "the agent", "as a", "system prompt", "developer message", "important", "always ", "you must", "you are required"},
	"sensitive-path": {".ssh", ".aws", ".gnupg", ".kube", ".docker", ".azure", "gcloud", ".npmrc", ".pypirc", ".netrc", ".git-credentials",
		"_history", ".cursor", ".claude", ".codeium", ".vscode", "id_", ".env", "mcp.json", "claude_desktop_config", "mcp_config",
		"cline_mcp", "credentials.json", "kubeconfig", "wallet.dat", "keychain", "known_hosts", "authorized_keys", "/etc/"},
	"credential-word":  {"key", "token", "secret", "password", "passphrase", "credential", "cookie", "seed", "mnemonic"},
	"url":              {"://"},
	"send-data":        {"send", "post", "upload", "forward", "transmit", "exfiltrate", "leak", "mail", "report", "sync"},
	"include-contents": {"include", "pass", "put", "append", "embed", "attach", "add", "provide", "paste", "copy"},
	"other-tools":      {"other", "another", "different"},
	"override-tool":    {"instead of", "precedence", "priority", "when", "sent", "redirect", "forward", "bcc", "cc"},
}

// applies reports whether the rule can match lower (the text in lower case).
func (r textRule) applies(lower string) bool {
	if len(r.hints) == 0 {
		return true
	}
	for _, h := range r.hints {
		if strings.Contains(lower, h) {
			return true
		}
	}
	return false
}

// hiddenInstructionRules find text addressed to the model rather than to the
// person reading the tool list: markup that frames an instruction block,
// requests to drop earlier instructions, to keep things from the user, and
// directions about when the model must act.
var hiddenInstructionRules = rules(
	"instruction-tag", `(?i)<\s*/?\s*(important|system|instructions?|admin|secret|hidden|prompt|context|assistant|im_start|im_end)\b[^>]{0,40}>|\[/?(INST|SYSTEM)\]|<<\s*SYS\s*>>`,
	"ignore-instructions", `(?i)\b(ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|any|other|system|safety|original)\b[^.\n]{0,30}\b(instructions?|prompts?|rules|guidelines|directives|restrictions)\b`,
	"conceal-from-user", `(?i)\b(do not|don't|dont|never|without)\s+(\w+\s+){0,4}?(tell|telling|inform|informing|mention|mentioning|reveal|revealing|show|showing|notify|notifying|alert|alerting|ask|asking)\b[^.\n]{0,30}\buser\b|\b(silently|secretly|covertly|quietly)\b|\bwithout (the )?user'?s? (knowledge|consent|awareness|noticing|approval|confirmation)\b|\buser (must|should) not (know|see|notice)\b`,
	"model-directive", `(?i)\bbefore (using|calling|invoking|running) (this|any|the|every|other)\b[^.\n]{0,30}\btools?\b|\bthe (assistant|model|ai|llm|agent) (must|should|has to|needs to|is required to)\b|\bas an? (ai|assistant|language model)\b|\b(system prompt|developer message)\b|\bthis (tool )?is (very |extremely |critically )?important\b|\balways (first )?(call|run|invoke|use) this tool\b|\byou (must|are required to) (always )?(first )?(call|run|invoke|use|read|send|include)\b`,
)

// secretRules find references to credentials and to the files that hold them.
var secretRules = rules(
	"sensitive-path", `(?i)(~|\$home|%userprofile%|/home/[^/\s]+|/root|/users/[^/\s]+)?[/\\]\.(ssh|aws|gnupg|kube|docker|azure|config/gcloud|npmrc|pypirc|netrc|git-credentials|bash_history|zsh_history|cursor|claude|codeium|vscode)\b|\bid_(rsa|dsa|ecdsa|ed25519)\b|\.aws/credentials\b|(^|[\s"'`+"`"+`(/\\])\.env(\.[a-z]+)?\b|\b(mcp\.json|claude_desktop_config\.json|mcp_config\.json|cline_mcp_settings\.json|credentials\.json|kubeconfig|wallet\.dat|keychain|known_hosts|authorized_keys)\b|/etc/(passwd|shadow|sudoers)\b`,
	"credential-word", `(?i)\b(api[_ -]?keys?|access[_ -]?tokens?|auth[_ -]?tokens?|bearer tokens?|secret[_ -]?keys?|private[_ -]?keys?|passwords?|passphrases?|credentials?|session (cookies?|tokens?)|seed phrases?|mnemonics?|ssh keys?)\b`,
)

// envTemplate matches the committed templates of .env files, which hold
// no secrets.
var envTemplate = regexp.MustCompile(`(?i)\.env\.(example|sample|template|dist|defaults)$`)

// exfiltrationRules find cues to move data out: URLs, sending to an address,
// and asking for whole contents to be passed along.
var exfiltrationRules = rules(
	"url", `(?i)\b(https?|ftp|wss?)://[^\s"'<>)\]]+`,
	"send-data", `(?i)\b(send|post|upload|forward|transmit|exfiltrate|leak|e-?mail|mail|report|sync)\b[^.\n]{0,50}\b(to|via|at)\b[^.\n]{0,40}(https?://|\bwebhook|\bendpoint|\bserver|\bapi\b|[\w.+-]+@[\w-]+\.[\w.]+|\baddress\b)`,
	"include-contents", `(?i)\b(include|pass|put|append|embed|attach|add|provide|paste|copy)\b[^.\n]{0,30}\b(full|entire|complete|whole|all|raw)?\s*(contents? of|text of|conversation|chat history|message history|previous messages|system prompt|all (the )?(messages|files|data|secrets|keys|tokens))\b`,
)

// crossServerRules find instructions about tools in general or other
// servers' tools: the marks of shadowing.
var crossServerRules = rules(
	"other-tools", `(?i)\b(other|another|all other|any other|every other|different)\s+(mcp\s+)?(tools?|servers?|functions?|plugins?|integrations?)\b`,
	"override-tool", `(?i)\binstead of (using|calling|invoking)\b|\b(takes?|has|have) (precedence|priority) over\b|\bwhen(ever)? (using|calling|invoking|the user (asks|wants) to use)\b[^.\n]{0,40}\btool\b|\b(must|should) (also )?(be )?(sent|redirected|forwarded|bcc|cc)\b`,
)

// destructiveNameWords are verbs that, as a word of a tool's name, say the
// tool destroys or overwrites state.
var destructiveNameWords = map[string]bool{
	"delete": true, "remove": true, "rm": true, "drop": true, "truncate": true, "destroy": true,
	"wipe": true, "erase": true, "purge": true, "kill": true, "terminate": true, "overwrite": true,
	"format": true, "reset": true, "revoke": true, "uninstall": true, "shutdown": true, "deprovision": true,
	"unlink": true, "rmdir": true, "prune": true, "clear": true, "flush": true, "force": true,
}

// destructiveText says, in a description, that an operation cannot be undone.
var destructiveText = regexp.MustCompile(`(?i)\b(permanently|irreversibl[ey]|cannot be undone|can't be undone|deletes?|drops? (the )?(table|database|collection|index)|overwrites?|wipes?|erases?|destroys?|terminates? (the )?(instance|process|cluster|pod|vm)s?)\b`)

// field is one piece of text in a definition, with its path.
type field struct {
	path string
	text string
}

// texts lists every model-facing text of a definition: name, title,
// description, annotation title, URI template, and for each parameter (at
// any depth, also of the output schema) its description, title, default,
// enum values and examples.
func texts(t *evidence.Tool, d Definition) []field {
	raw := d.Raw
	str := func(k string) string { s, _ := raw[k].(string); return s }
	out := []field{{"name", t.Name}}
	if s := str("title"); s != "" {
		out = append(out, field{"title", s})
	}
	desc := str("description")
	if d.Type == evidence.DefinitionInstructions {
		desc = str("instructions")
	}
	if desc != "" {
		out = append(out, field{"description", desc})
	}
	if s := str("uriTemplate"); s != "" {
		out = append(out, field{"uri_template", s})
	}
	if a, ok := raw["annotations"].(map[string]any); ok {
		if s, _ := a["title"].(string); s != "" {
			out = append(out, field{"annotations.title", s})
		}
	}
	schemaTexts := func(prefix string, schema map[string]any) {
		if schema == nil {
			return
		}
		if s, _ := schema["description"].(string); s != "" {
			out = append(out, field{prefix + ".description", s})
		}
		for _, p := range Parameters(schema) {
			base := prefix + ".properties." + p.Path
			if p.Description != "" {
				out = append(out, field{base + ".description", p.Description})
			}
			out = append(out, valueTexts(base+".default", p.Default)...)
			for i, e := range p.Enum {
				out = append(out, valueTexts(fmt.Sprintf("%s.enum[%d]", base, i), e)...)
			}
		}
		walkSchemaKeys(schema, prefix, func(path string, node map[string]any) {
			for _, k := range []string{"title", "examples"} {
				if v, ok := node[k]; ok {
					out = append(out, valueTexts(path+"."+k, v)...)
				}
			}
		})
	}
	in, _ := raw["inputSchema"].(map[string]any)
	if d.Type == evidence.DefinitionPrompt {
		if args, ok := raw["arguments"].([]any); ok {
			in = promptSchema(args)
		}
	}
	schemaTexts("input_schema", in)
	out2, _ := raw["outputSchema"].(map[string]any)
	schemaTexts("output_schema", out2)
	return out
}

// valueTexts lists the strings inside a schema value (a default, an enum value).
func valueTexts(path string, v any) []field {
	switch x := v.(type) {
	case string:
		if x != "" {
			return []field{{path, x}}
		}
	case []any:
		var out []field
		for i, e := range x {
			out = append(out, valueTexts(fmt.Sprintf("%s[%d]", path, i), e)...)
		}
		return out
	case map[string]any:
		var out []field
		for _, k := range sortedKeys(x) {
			out = append(out, valueTexts(path+"."+k, x[k])...)
		}
		return out
	}
	return nil
}

// walkSchemaKeys visits every object node of a schema with its path.
func walkSchemaKeys(schema map[string]any, prefix string, visit func(path string, node map[string]any)) {
	var walk func(path string, v any, depth int)
	walk = func(path string, v any, depth int) {
		if depth > 12 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			visit(path, x)
			for _, k := range sortedKeys(x) {
				if k == "default" || k == "examples" || k == "enum" || k == "const" {
					continue
				}
				walk(path+"."+k, x[k], depth+1)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e, depth+1)
			}
		}
	}
	walk(prefix, schema, 0)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// maxMatchesPerFact bounds how many matches one fact keeps.
const maxMatchesPerFact = 20

// analyze fills the per-definition heuristic facts of t.
func analyze(t *evidence.Tool, d Definition, red *secrets.Redactor) {
	fields := texts(t, d)
	add := func(list *[]evidence.TextMatch, m evidence.TextMatch) {
		if len(*list) >= maxMatchesPerFact {
			return
		}
		m.Excerpt = red.RedactString(m.Excerpt)
		m.Decoded = red.RedactString(m.Decoded)
		for _, old := range *list {
			if old == m {
				return
			}
		}
		*list = append(*list, m)
	}
	for _, f := range fields {
		// Hidden text is judged on what the model reads, which includes
		// what invisible characters and escape sequences hide.
		plain := Reveal(f.text)
		lower := strings.ToLower(plain)
		for _, r := range hiddenInstructionRules {
			if !r.applies(lower) {
				continue
			}
			for _, loc := range r.re.FindAllStringIndex(plain, 5) {
				add(&t.HiddenInstructions, evidence.TextMatch{Field: f.path, Rule: r.name, Excerpt: Excerpt(plain, loc[0], loc[1])})
			}
		}
		for _, r := range secretRules {
			if !r.applies(lower) {
				continue
			}
			for _, loc := range r.re.FindAllStringIndex(plain, 5) {
				if envTemplate.MatchString(plain[loc[0]:loc[1]]) {
					continue
				}
				add(&t.SecretReferences, evidence.TextMatch{Field: f.path, Rule: r.name, Excerpt: Excerpt(plain, loc[0], loc[1])})
			}
		}
		for _, r := range exfiltrationRules {
			if !r.applies(lower) {
				continue
			}
			for _, loc := range r.re.FindAllStringIndex(plain, 5) {
				add(&t.Exfiltration, evidence.TextMatch{Field: f.path, Rule: r.name, Excerpt: Excerpt(plain, loc[0], loc[1])})
			}
		}
		for _, r := range crossServerRules {
			if !r.applies(lower) {
				continue
			}
			for _, loc := range r.re.FindAllStringIndex(plain, 5) {
				add(&t.CrossServerReferences, evidence.TextMatch{Field: f.path, Rule: r.name, Excerpt: Excerpt(plain, loc[0], loc[1])})
			}
		}
		for _, m := range invisible(f.text) {
			m.Field = f.path
			add(&t.InvisibleUnicode, m)
		}
		for _, m := range ansiEscapes(f.text) {
			m.Field = f.path
			add(&t.ANSIEscapes, m)
		}
		for _, m := range encodedBlobs(f.text) {
			m.Field = f.path
			add(&t.EncodedBlobs, m)
		}
	}
	if m, ok := homoglyphs(t.Name); ok {
		m.Field = "name"
		add(&t.Homoglyphs, m)
	}
	t.Destructive = isDestructive(t.Name, Reveal(descriptionOf(d)))
}

func descriptionOf(d Definition) string {
	if d.Type == evidence.DefinitionInstructions {
		s, _ := d.Raw["instructions"].(string)
		return s
	}
	s, _ := d.Raw["description"].(string)
	return s
}

// isDestructive judges from a tool's name words and description whether it
// destroys or overwrites state.
func isDestructive(name, description string) bool {
	for _, w := range nameWords(Skeleton(name)) {
		if destructiveNameWords[w] {
			return true
		}
	}
	return destructiveText.MatchString(firstSentences(description, 2))
}

// firstSentences returns roughly the first n sentences of s (a description's
// summary, where a tool says what it does).
func firstSentences(s string, n int) string {
	end := 0
	for i := 0; i < n; i++ {
		j := strings.IndexAny(s[end:], ".\n")
		if j < 0 {
			return s
		}
		end += j + 1
	}
	return s[:end]
}

// nameWords splits a tool name into lower-case words: snake, kebab, dotted,
// slashed and camel case.
func nameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	runes := []rune(name)
	for i, r := range runes {
		switch {
		case r == '_' || r == '-' || r == '.' || r == '/' || r == ' ' || r == ':':
			flush()
		case r >= 'A' && r <= 'Z' && i > 0 && (runes[i-1] >= 'a' && runes[i-1] <= 'z'):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}
