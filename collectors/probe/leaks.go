package probe

import (
	"encoding/json"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Rules of an error probe's leaks.
const (
	leakStackTrace       = "stack-trace"
	leakFilePath         = "file-path"
	leakPrivateAddress   = "private-address"
	leakConnectionString = "connection-string"
	leakCredential       = "credential"
)

// maxLeakText bounds how much of an error is searched for leaks.
const maxLeakText = 64 << 10

// maxLeaks bounds the leaks kept per error probe.
const maxLeaks = 20

// stackTrace finds the frames and headers of stack traces in the languages
// MCP servers are written in: Python, the JVM, Node.js, Go, .NET, Ruby,
// PHP and Rust.
var stackTrace = regexp.MustCompile(strings.Join([]string{
	`Traceback \(most recent call last\)`,
	`\bFile "[^"\n]{1,300}", line \d+`,
	`\bat [\w$.<>]{1,200}\([\w$.-]{1,100}\.(?:java|kt|scala|groovy|clj):\d+\)`,
	`Exception in thread "[^"\n]{0,100}"`,
	`\bat (?:async )?[^\s()]{0,200} ?\(?(?:file://)?(?:[A-Za-z]:)?[/\\][^\s():]{1,300}\.(?:js|mjs|cjs|ts|tsx|jsx):\d+:\d+\)?`,
	`\bgoroutine \d+ \[[a-z ]{1,40}\]:`,
	`\.go:\d+ \+0x[0-9a-f]+`,
	`\bat [\w.<>` + "`" + `]{1,200}\([^)\n]{0,200}\) in [^\n]{1,300}:line \d+`,
	`[\w/.-]{1,300}\.rb:\d+:in [` + "`" + `']`,
	`(?m)^#\d+ [^\n]{0,300}\.php\(\d+\)`,
	`\bStack ?trace:`,
	`\bthread '[^'\n]{0,100}' panicked at\b`,
}, "|"))

// internalPath finds absolute file system paths that describe the server's
// own installation: system and home folders, source files, Windows drives.
var internalPath = regexp.MustCompile(`(?:^|[\s"'(=\[,])((?:/(?:home|Users|root|usr|opt|app|srv|var|tmp|etc|src|go|workspace|workspaces|build|code|mnt|private|Library|snap|nix|data)/[^\s"'<>()\[\],;]{1,300})|(?:/[\w.@+-]{1,100}){2,}\.(?:py|js|mjs|cjs|ts|go|java|kt|rb|php|cs|rs|ex|exs|scala|pl|c|cc|cpp|h)\b|[A-Za-z]:\\(?:[^\\\s"'<>|:*?]{1,60}\\){1,12}[^\\\s"'<>|:*?]{0,100})`)

// ipv4 and ipv6ish find address-like text, judged after parsing.
var (
	ipv4    = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}\b`)
	ipv6ish = regexp.MustCompile(`(?i)\b(?:f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):[0-9a-f:]{2,40}`)
)

// internalHost finds host names of private networks and clusters.
var internalHost = regexp.MustCompile(`(?i)\b[a-z0-9](?:[a-z0-9-]{0,62}\.){1,10}(?:internal|local|lan|corp|intranet|home\.arpa)\b`)

// connectionURL finds database and broker URLs, and any URL carrying a
// password in its userinfo.
var connectionURL = regexp.MustCompile(`(?i)\b(?:(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|clickhouse|cockroachdb|cassandra|couchbase|couchdb|nats|neo4j(?:\+s)?|bolt|snowflake|db2|ldaps?|memcached|jdbc:[a-z0-9]+)://[^\s"'<>]{1,500}|[a-z][a-z0-9+.-]{1,20}://[^/\s:@"']{1,100}:[^@\s"'/]{1,200}@[^\s"'<>]{1,300})`)

// adoConnection finds key=value connection strings (ADO.NET, ODBC, libpq).
var adoConnection = regexp.MustCompile(`(?i)\b(?:server|data source|host|hostname)\s*=\s*[^;"'\n]{1,200};[^"'\n]{0,300}?\b(?:user id|uid|user|username|password|pwd|database|initial catalog|dbname)\s*=[^"'\n]{0,300}|\bhost=\S{1,200} (?:[a-z_]{1,30}=\S{0,100} ){0,6}?(?:user|password|dbname)=\S{1,200}`)

// Passwords inside connection strings, to remember for redaction.
var (
	urlPassword   = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]{1,20}://[^/\s:@"']{1,100}:([^@\s"'/]{1,200})@`)
	keyedPassword = regexp.MustCompile(`(?i)(?:^|[\s;?&,{"'])(?:password|passwd|pwd|pass)\s*=\s*("[^"\n]{1,200}"|'[^'\n]{1,200}'|[^;&"'\s]{1,200})`)
)

// rememberPasswords adds every password written in a connection string of
// text to red, as written, URL-decoded, JSON-unescaped and JSON-escaped,
// so that no copy of the error (the message kept, the excerpts, the
// recorded response) holds it in any encoding.
func rememberPasswords(text string, red *secrets.Redactor) {
	var found []string
	for _, m := range urlPassword.FindAllStringSubmatch(text, -1) {
		found = append(found, m[1])
	}
	for _, m := range keyedPassword.FindAllStringSubmatch(text, -1) {
		found = append(found, strings.Trim(m[1], `"'`))
	}
	for _, pw := range found {
		for _, form := range encodings(pw) {
			red.Add(form)
		}
	}
}

// encodings lists the forms a secret may take in an error and in the raw
// response that carried it.
func encodings(s string) []string {
	out := []string{s}
	if d, err := url.PathUnescape(s); err == nil && d != s {
		out = append(out, d)
	}
	if d, err := strconv.Unquote(`"` + s + `"`); err == nil && d != s {
		out = append(out, d)
	}
	for _, v := range append([]string(nil), out...) {
		if b, err := json.Marshal(v); err == nil { // escapes <, > and & as Go servers send them
			out = append(out, string(b[1:len(b)-1]))
		}
		var sb strings.Builder
		enc := json.NewEncoder(&sb)
		enc.SetEscapeHTML(false)
		if enc.Encode(v) == nil {
			q := strings.TrimSuffix(sb.String(), "\n")
			out = append(out, q[1:len(q)-1])
		}
	}
	return out
}

// errorLeaks finds what an error text (the field of the answer it came
// from) discloses. Passwords in connection strings are added to red before
// anything is excerpted; excerpts are redacted. host, the endpoint's own
// host, is not a disclosure.
func errorLeaks(field, text, host string, red *secrets.Redactor) []evidence.TextMatch {
	if len(text) > maxLeakText {
		text = text[:maxLeakText]
	}
	rememberPasswords(text, red)
	var out []evidence.TextMatch
	seen := map[string]bool{}
	add := func(rule string, start, end int) {
		if len(out) >= maxLeaks {
			return
		}
		excerpt := red.RedactString(tooldef.Excerpt(text, start, end))
		if seen[rule+"\x00"+excerpt] {
			return
		}
		seen[rule+"\x00"+excerpt] = true
		out = append(out, evidence.TextMatch{Field: field, Rule: rule, Excerpt: excerpt})
	}
	for _, loc := range stackTrace.FindAllStringIndex(text, 3) {
		add(leakStackTrace, loc[0], loc[1])
	}
	for _, loc := range internalPath.FindAllStringSubmatchIndex(text, 3) {
		add(leakFilePath, loc[2], loc[3])
	}
	privateAddresses(text, host, add)
	for _, loc := range connectionURL.FindAllStringIndex(text, 3) {
		add(leakConnectionString, loc[0], loc[1])
	}
	for _, loc := range adoConnection.FindAllStringIndex(text, 3) {
		add(leakConnectionString, loc[0], loc[1])
	}
	if redacted := red.RedactString(text); redacted != text {
		i := strings.Index(redacted, "[REDACTED")
		if i < 0 {
			i = 0
		}
		end := i + strings.IndexByte(redacted[i:], ']') + 1
		if end <= i {
			end = len(redacted)
		}
		if len(out) < maxLeaks {
			out = append(out, evidence.TextMatch{Field: field, Rule: leakCredential, Excerpt: tooldef.Excerpt(redacted, i, end)})
		}
	}
	return out
}

// privateAddresses reports private, shared and link-local IP addresses and
// internal host names in text, other than host.
func privateAddresses(text, host string, add func(rule string, start, end int)) {
	host = strings.ToLower(strings.Trim(host, "[]"))
	for _, loc := range ipv4.FindAllStringIndex(text, 10) {
		if addr, err := netip.ParseAddr(text[loc[0]:loc[1]]); err == nil && privateAddr(addr) && addr.String() != host {
			add(leakPrivateAddress, loc[0], loc[1])
		}
	}
	for _, loc := range ipv6ish.FindAllStringIndex(text, 10) {
		s := strings.TrimRight(text[loc[0]:loc[1]], ":")
		if addr, err := netip.ParseAddr(s); err == nil && privateAddr(addr) && addr.String() != host {
			add(leakPrivateAddress, loc[0], loc[0]+len(s))
		}
	}
	for _, loc := range internalHost.FindAllStringIndex(text, 10) {
		if strings.ToLower(text[loc[0]:loc[1]]) != host {
			add(leakPrivateAddress, loc[0], loc[1])
		}
	}
}

// privateAddr reports whether addr belongs to a private, shared (CGNAT) or
// link-local network: an address inside the operator's infrastructure.
func privateAddr(addr netip.Addr) bool {
	addr = addr.Unmap()
	return addr.IsPrivate() || cgnat.Contains(addr) || addr.IsLinkLocalUnicast()
}
