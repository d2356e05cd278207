package secrets

import (
	"net/url"
	"regexp"
	"strings"
)

// tokenShape is a credential format recognisable by its form alone.
type tokenShape struct {
	// name is the type reported in the reason "token-shape:<name>".
	name string
	// prefix is the public prefix that Shape may reveal.
	prefix string
	re     *regexp.Regexp
	// hints are literals of which every match contains one.
	hints []string
	// group is the submatch that is the secret, when the match also holds
	// public text around it (the host of a webhook URL); 0 is the whole
	// match.
	group int
}

// secretLoc returns where the secret of the first match at or after the
// start of s lies, or nil.
func (t tokenShape) secretLoc(s string) []int {
	loc := t.re.FindStringSubmatchIndex(s)
	if loc == nil {
		return nil
	}
	return loc[2*t.group : 2*t.group+2]
}

// tokenShapes are checked in order; more specific prefixes come first.
var tokenShapes = []tokenShape{
	{"github", "github_pat_", regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{22,}`), []string{"github_pat_"}, 0},
	{"github", "", regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{30,}`), []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, 0},
	{"anthropic", "sk-ant-", regexp.MustCompile(`\bsk-ant-[A-Za-z0-9_\-]{20,}`), []string{"sk-ant-"}, 0},
	{"openai", "sk-proj-", regexp.MustCompile(`\bsk-proj-[A-Za-z0-9_\-]{20,}`), []string{"sk-proj-"}, 0},
	{"openai", "sk-svcacct-", regexp.MustCompile(`\bsk-svcacct-[A-Za-z0-9_\-]{20,}`), []string{"sk-svcacct-"}, 0},
	{"stripe", "", regexp.MustCompile(`\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}`), []string{"k_live_", "k_test_"}, 0},
	{"openai", "sk-", regexp.MustCompile(`\bsk-[A-Za-z0-9]{20,}`), []string{"sk-"}, 0},
	{"slack", "", regexp.MustCompile(`\bxox[abpres]-[A-Za-z0-9\-]{10,}`), []string{"xox"}, 0},
	{"slack", "xapp-", regexp.MustCompile(`\bxapp-[A-Za-z0-9\-]{10,}`), []string{"xapp-"}, 0},
	{"aws", "", regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`), []string{"AKIA", "ASIA"}, 0},
	{"google", "AIza", regexp.MustCompile(`\bAIza[0-9A-Za-z_\-]{35}`), []string{"AIza"}, 0},
	{"gitlab", "glpat-", regexp.MustCompile(`\bglpat-[A-Za-z0-9_\-]{20,}`), []string{"glpat-"}, 0},
	{"npm", "npm_", regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}`), []string{"npm_"}, 0},
	{"huggingface", "hf_", regexp.MustCompile(`\bhf_[A-Za-z0-9]{30,}`), []string{"hf_"}, 0},
	{"sendgrid", "SG.", regexp.MustCompile(`\bSG\.[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,}`), []string{"SG."}, 0},
	{"digitalocean", "", regexp.MustCompile(`\bdo[opr]_v1_[a-f0-9]{64}`), []string{"_v1_"}, 0},
	{"shopify", "", regexp.MustCompile(`\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`), []string{"shp"}, 0},
	{"notion", "ntn_", regexp.MustCompile(`\bntn_[A-Za-z0-9]{40,}`), []string{"ntn_"}, 0},
	{"groq", "gsk_", regexp.MustCompile(`\bgsk_[A-Za-z0-9]{40,}`), []string{"gsk_"}, 0},
	{"perplexity", "pplx-", regexp.MustCompile(`\bpplx-[A-Za-z0-9]{40,}`), []string{"pplx-"}, 0},
	{"linear", "lin_api_", regexp.MustCompile(`\blin_api_[A-Za-z0-9]{30,}`), []string{"lin_api_"}, 0},
	{"jwt", "eyJ", regexp.MustCompile(`\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}`), []string{"eyJ"}, 0},
	// Webhook URLs whose path is the credential: the host stays readable.
	{"slack-webhook", "", regexp.MustCompile(`\bhooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9_\-]+(?:/[A-Za-z0-9_\-]+)+)`), []string{"hooks.slack.com/"}, 1},
	{"discord-webhook", "", regexp.MustCompile(`\bdiscord(?:app)?\.com/api/webhooks/\d+/([A-Za-z0-9_\-]{20,})`), []string{"discord.com/api/webhooks/", "discordapp.com/api/webhooks/"}, 1},
	// Telegram bot tokens: <bot id>:<35 characters>, the secret part
	// starting "AA"; in the Bot API's URLs after "/bot".
	{"telegram", "", regexp.MustCompile(`\bapi\.telegram\.org/(?:file/)?bot(\d{5,12}:[A-Za-z0-9_\-]{20,})`), []string{"api.telegram.org/"}, 1},
	{"telegram", "", regexp.MustCompile(`\b\d{6,12}:AA[A-Za-z0-9_\-]{30,}`), []string{":AA"}, 0},
}

var (
	rePEM = regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)`)
	// reURLPassword finds scheme://user:password@ in free text.
	reURLPassword = regexp.MustCompile(`\b([A-Za-z][A-Za-z0-9+.\-]*)://([^\s:/@"'<>]*):([^\s@/"'<>]+)@`)
	// reADOPassword finds Password=…; in ADO/ODBC/JDBC connection strings,
	// password=… in the comma-separated options of StackExchange.Redis
	// ("redis:6379,password=…,ssl=True"), and the keys of Azure connection
	// strings (storage AccountKey=, Service Bus and Event Hubs
	// SharedAccessKey=, SharedAccessSignature=).
	reADOPassword = regexp.MustCompile(`(?i)(?:^|[;,\s"'])(?:password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\s*=\s*("[^"]*"|'[^']*'|\{[^}]*\}|[^;"'\s]+)`)
)

// databaseSchemes are URL schemes whose URLs are connection strings.
var databaseSchemes = map[string]bool{
	"postgres": true, "postgresql": true, "mysql": true, "mariadb": true,
	"mongodb": true, "mongodb+srv": true, "redis": true, "rediss": true,
	"amqp": true, "amqps": true, "mssql": true, "sqlserver": true, "oracle": true,
	"clickhouse": true, "cockroachdb": true, "neo4j": true, "bolt": true,
	"jdbc": true, "snowflake": true, "couchbase": true, "cassandra": true,
}

// strongMatch is a credential found by its form.
type strongMatch struct {
	reason string
	// part is the raw secret text (the token, the password).
	part string
	// prefix is the public prefix Shape may show.
	prefix string
}

// findStrong looks for credentials recognisable by form alone: PEM private
// keys, known token formats, JWTs, passwords in URLs and connection strings.
func findStrong(s string) (strongMatch, bool) {
	if mayHavePEM(s) {
		if loc := rePEM.FindStringIndex(s); loc != nil {
			return strongMatch{reason: "pem", part: s[loc[0]:loc[1]]}, true
		}
	}
	mask := tokenHintMask(s)
	for i, t := range tokenShapes {
		if mask&(1<<i) == 0 {
			continue
		}
		if loc := t.secretLoc(s); loc != nil {
			m := s[loc[0]:loc[1]]
			reason := "token-shape:" + t.name
			if t.name == "jwt" {
				reason = "jwt"
			}
			return strongMatch{reason: reason, part: m, prefix: shapePrefix(m)}, true
		}
	}
	if m, ok := findURLUserToken(s); ok {
		return m, true
	}
	if !mayHaveURLPassword(s) {
		return findADOPassword(s)
	}
	for pos := 0; ; {
		m, ok := scanURLPassword(s, pos)
		if !ok {
			break
		}
		pos = m.end
		pw := m.password
		if pw == "" || isReferenceOrPlaceholder(pw) {
			continue
		}
		if p, err := url.PathUnescape(pw); err == nil && p != "" {
			pw = p
		}
		reason := "url-password"
		scheme := strings.ToLower(m.scheme)
		if databaseSchemes[scheme] || strings.HasPrefix(strings.ToLower(s), "jdbc:") {
			reason = "connection-string"
		}
		return strongMatch{reason: reason, part: pw}, true
	}
	return findADOPassword(s)
}

// findURLUserToken looks for a token written as the user of a URL, with no
// password (https://<token>@git.example.com/repo, a Sentry DSN): the
// userinfo is the credential.
func findURLUserToken(s string) (strongMatch, bool) {
	if !strings.Contains(s, "://") || strings.IndexByte(s, '@') < 0 {
		return strongMatch{}, false
	}
	for pos := 0; ; {
		m, ok := scanURLUser(s, pos)
		if !ok {
			return strongMatch{}, false
		}
		pos = m.end
		if tokenLikeUser(m.user) {
			return strongMatch{reason: "url-userinfo", part: m.user}, true
		}
	}
}

// tokenLikeUser reports whether the user part of a URL is a generated token
// rather than a name: random-looking, a long hex or base64url run, or a
// known token shape.
func tokenLikeUser(u string) bool {
	if u == "" || isReferenceOrPlaceholder(u) || strings.HasPrefix(u, redactedPrefix) {
		return false
	}
	if p, err := url.PathUnescape(u); err == nil {
		u = p
	}
	if looksRandom(u) || len(u) >= 20 && reHex.MatchString(u) {
		return true
	}
	mask := tokenHintMask(u)
	for i, t := range tokenShapes {
		if mask&(1<<i) != 0 && t.group == 0 && t.re.MatchString(u) {
			return true
		}
	}
	return false
}

// findADOPassword looks for a literal Password=… in a connection string.
func findADOPassword(s string) (strongMatch, bool) {
	if !mayHaveADOPassword(s) {
		return strongMatch{}, false
	}
	for pos := 0; pos < len(s); {
		loc, ok := scanADOPassword(s, pos)
		if !ok {
			break
		}
		pos = loc[1]
		pw := strings.Trim(s[loc[2]:loc[3]], `"'{}`)
		if pw == "" || isReferenceOrPlaceholder(pw) {
			continue
		}
		return strongMatch{reason: "connection-string", part: pw}, true
	}
	return strongMatch{}, false
}

// isReferenceOrPlaceholder reports whether a password slot holds a reference
// form or a placeholder rather than a password.
func isReferenceOrPlaceholder(s string) bool {
	if (strings.ContainsAny(s, "$%") || strings.Contains(s, "{vault://")) && len(findReferences(s, allForms)) > 0 {
		return true
	}
	return isPlaceholder(s)
}

// allForms recognises every reference form (used only to tell a reference
// from a literal, never to decide whether a client expands it).
var allForms = Syntax{DollarBrace: true, DollarBare: true, EnvColon: true, Input: true,
	ContinueSecrets: true, UserConfig: true, Predefined: true, FileRef: true, DeckEnv: true, KongVault: true}

// knownPrefixes are public token prefixes Shape may reveal, longest first.
var knownPrefixes = []string{
	"github_pat_", "sk-svcacct-", "sk-proj-", "sk-ant-", "sk_live_", "rk_live_",
	"sk_test_", "rk_test_", "lin_api_", "dop_v1_", "doo_v1_", "dor_v1_",
	"glpat-", "shpat_", "shpca_", "shppa_", "shpss_", "pplx-", "xapp-",
	"xoxa-", "xoxb-", "xoxe-", "xoxp-", "xoxr-", "xoxs-", "ghp_", "gho_",
	"ghu_", "ghs_", "ghr_", "npm_", "ntn_", "gsk_", "AKIA", "ASIA", "AIza",
	"hf_", "SG.", "sk-", "eyJ",
}

// shapePrefix returns the known public prefix s starts with, or "".
func shapePrefix(s string) string {
	for _, p := range knownPrefixes {
		if strings.HasPrefix(s, p) && len(s) > len(p)+8 {
			return p
		}
	}
	return ""
}
