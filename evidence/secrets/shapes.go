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
}

// tokenShapes are checked in order; more specific prefixes come first.
var tokenShapes = []tokenShape{
	{"github", "github_pat_", regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{22,}`), []string{"github_pat_"}},
	{"github", "", regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{30,}`), []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}},
	{"anthropic", "sk-ant-", regexp.MustCompile(`\bsk-ant-[A-Za-z0-9_\-]{20,}`), []string{"sk-ant-"}},
	{"openai", "sk-proj-", regexp.MustCompile(`\bsk-proj-[A-Za-z0-9_\-]{20,}`), []string{"sk-proj-"}},
	{"openai", "sk-svcacct-", regexp.MustCompile(`\bsk-svcacct-[A-Za-z0-9_\-]{20,}`), []string{"sk-svcacct-"}},
	{"stripe", "", regexp.MustCompile(`\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}`), []string{"k_live_", "k_test_"}},
	{"openai", "sk-", regexp.MustCompile(`\bsk-[A-Za-z0-9]{20,}`), []string{"sk-"}},
	{"slack", "", regexp.MustCompile(`\bxox[abpres]-[A-Za-z0-9\-]{10,}`), []string{"xox"}},
	{"slack", "xapp-", regexp.MustCompile(`\bxapp-[A-Za-z0-9\-]{10,}`), []string{"xapp-"}},
	{"aws", "", regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`), []string{"AKIA", "ASIA"}},
	{"google", "AIza", regexp.MustCompile(`\bAIza[0-9A-Za-z_\-]{35}`), []string{"AIza"}},
	{"gitlab", "glpat-", regexp.MustCompile(`\bglpat-[A-Za-z0-9_\-]{20,}`), []string{"glpat-"}},
	{"npm", "npm_", regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}`), []string{"npm_"}},
	{"huggingface", "hf_", regexp.MustCompile(`\bhf_[A-Za-z0-9]{30,}`), []string{"hf_"}},
	{"sendgrid", "SG.", regexp.MustCompile(`\bSG\.[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,}`), []string{"SG."}},
	{"digitalocean", "", regexp.MustCompile(`\bdo[opr]_v1_[a-f0-9]{64}`), []string{"_v1_"}},
	{"shopify", "", regexp.MustCompile(`\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`), []string{"shp"}},
	{"notion", "ntn_", regexp.MustCompile(`\bntn_[A-Za-z0-9]{40,}`), []string{"ntn_"}},
	{"groq", "gsk_", regexp.MustCompile(`\bgsk_[A-Za-z0-9]{40,}`), []string{"gsk_"}},
	{"perplexity", "pplx-", regexp.MustCompile(`\bpplx-[A-Za-z0-9]{40,}`), []string{"pplx-"}},
	{"linear", "lin_api_", regexp.MustCompile(`\blin_api_[A-Za-z0-9]{30,}`), []string{"lin_api_"}},
	{"jwt", "eyJ", regexp.MustCompile(`\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}`), []string{"eyJ"}},
}

var (
	rePEM = regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)`)
	// reURLPassword finds scheme://user:password@ in free text.
	reURLPassword = regexp.MustCompile(`\b([A-Za-z][A-Za-z0-9+.\-]*)://([^\s:/@"'<>]*):([^\s@/"'<>]+)@`)
	// reADOPassword finds Password=…; in ADO/ODBC/JDBC connection strings.
	reADOPassword = regexp.MustCompile(`(?i)(?:^|[;\s"'])(?:password|pwd)\s*=\s*("[^"]*"|'[^']*'|\{[^}]*\}|[^;"'\s]+)`)
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
		if m := t.re.FindString(s); m != "" {
			reason := "token-shape:" + t.name
			if t.name == "jwt" {
				reason = "jwt"
			}
			return strongMatch{reason: reason, part: m, prefix: shapePrefix(m)}, true
		}
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
	if strings.ContainsAny(s, "$%") && len(findReferences(s, allForms)) > 0 {
		return true
	}
	return isPlaceholder(s)
}

// allForms recognises every reference form (used only to tell a reference
// from a literal, never to decide whether a client expands it).
var allForms = Syntax{DollarBrace: true, DollarBare: true, EnvColon: true, Input: true,
	ContinueSecrets: true, UserConfig: true, Predefined: true, FileRef: true}

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
