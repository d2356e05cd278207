package launch

import (
	"net/url"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// headerFlags take an HTTP header ("Name: value") as their value.
var headerFlags = map[string]bool{"--header": true, "-H": true, "--http-header": true, "--headers": true}

// envFlags take a NAME=value environment assignment as their value.
var envFlags = map[string]bool{"-e": true, "--env": true}

func isCredential(key string) bool { return secrets.IsCredentialKey(key) }

func credReason(key string) string {
	if isCredential(key) {
		return "key-name"
	}
	return ""
}

// classify classifies a value and remembers any raw secret in it.
func (a *analyzer) classify(key, value string) evidence.Value {
	return secrets.ClassifyInto(key, value, a.syn, a.local)
}

// scanSecrets finds the arguments of argv (argv[0] is the program) that
// carry a secret and records them as SecretArgs.
func (a *analyzer) scanSecrets(argv []string, idx indexer) {
	if len(argv) > 0 && argv[0] != "" {
		a.check("", argv[0], idx(0), "", true)
	}
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		flag, val, hasEq := strings.Cut(w, "=")
		isFlag := strings.HasPrefix(w, "-") && len(w) > 1
		if isFlag && !strings.HasPrefix(w, "--") && len(w) > 2 && envFlags[w[:2]] && isAssignment(w[2:]) {
			flag, val, hasEq = w[:2], w[2:], true // -eKEY=value
		}
		switch {
		case isFlag && hasEq && headerFlags[flag]:
			i += a.header(argv, i, val, idx, flag)
		case isFlag && hasEq && envFlags[flag] && isAssignment(val):
			// --env=KEY=value, -eKEY=value: judged by KEY, as an env map is
			k, v, _ := strings.Cut(val, "=")
			a.check(k, v, idx(i), flag, false)
		case isFlag && hasEq:
			a.check(flag, val, idx(i), flag, false)
		case isFlag && i+1 < len(argv) && headerFlags[w]:
			next := argv[i+1]
			if !strings.Contains(next, ":") && w == "--headers" && i+2 < len(argv) {
				a.check(next, argv[i+2], idx(i+2), w, false) // mcp-proxy: --headers Name value
				i += 2
				continue
			}
			i += 1 + a.header(argv, i+1, next, idx, w)
		case isFlag && i+1 < len(argv) && envFlags[w]:
			if k, v, ok := strings.Cut(argv[i+1], "="); ok {
				a.check(k, v, idx(i+1), w, false)
			}
			i++
		case isAuthHeaderName(w) && i+1 < len(argv):
			// "Authorization:" with its value in the next arguments
			i += a.header(argv, i, w, idx, "")
		case isAuthSchemeArg(w) && i+1 < len(argv):
			// "Bearer" with the token in the next argument
			a.check("Authorization", w+" "+argv[i+1], idx(i+1), "", false)
			i++
		case isFlag && i+1 < len(argv) && isCredential(w) && !strings.HasPrefix(argv[i+1], "-"):
			a.check(w, argv[i+1], idx(i+1), w, false)
			i++
		case isFlag:
			// a flag without a credential name: its value is checked as a positional
		case isAssignment(w) && !strings.ContainsAny(val, " \t\n"):
			a.check(flag, val, idx(i), "", false)
		default:
			a.check("", w, idx(i), "", true)
		}
	}
}

// header checks a "Name: value" header argument h, at argv[at], and
// returns how many of the arguments after it hold the rest of its value: a
// header split over several arguments ("Authorization:", "Bearer", token)
// is judged whole.
func (a *analyzer) header(argv []string, at int, h string, idx indexer, flag string) int {
	name, value, ok := strings.Cut(h, ":")
	if !ok {
		a.check("", h, idx(at), flag, true)
		return 0
	}
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	used, index := 0, idx(at)
	if value == "" && at+1 < len(argv) && !strings.HasPrefix(argv[at+1], "-") {
		used, value, index = 1, argv[at+1], idx(at+1)
	}
	if (isAuthSchemeArg(value) || strings.EqualFold(value, "token")) && at+used+1 < len(argv) && !strings.HasPrefix(argv[at+used+1], "-") {
		used++
		value, index = value+" "+argv[at+used], idx(at+used)
	}
	a.check(name, value, index, flag, false)
	return used
}

// isAuthHeaderName reports whether an argument is the name of a header that
// carries a credential, written alone ("Authorization:", "X-API-Key:").
func isAuthHeaderName(w string) bool {
	name, ok := strings.CutSuffix(w, ":")
	return ok && name != "" && !strings.ContainsAny(name, " \t:/") && isCredential(name)
}

// isAuthSchemeArg reports whether an argument is the Bearer or Basic
// scheme's name alone, whose credential is the next argument. ("token" alone
// is too common a word on command lines to say the same.)
func isAuthSchemeArg(w string) bool {
	switch strings.ToLower(strings.TrimSpace(w)) {
	case "bearer", "basic":
		return true
	}
	return false
}

// check classifies one argument value and records it when it carries a
// secret. Positional values (no key) count only as literal secrets found by
// form; URLs are also searched for credentials in their query.
func (a *analyzer) check(key, value string, index int, flag string, positional bool) {
	if strings.TrimSpace(value) == "" {
		return
	}
	v := a.classify(key, value)
	if positional && v.Kind != evidence.ValueLiteralSecret {
		if strings.Contains(value, "://") {
			a.checkURLQuery(value, index, flag)
		}
		if !v.Secret {
			return
		}
	}
	if !v.Secret {
		if strings.Contains(value, "://") {
			a.checkURLQuery(value, index, flag)
		}
		return
	}
	a.addSecretArg(evidence.SecretArg{Index: index, Flag: flag, Value: v})
}

// checkURLQuery records credentials carried in a URL's query string.
func (a *analyzer) checkURLQuery(raw string, index int, flag string) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.RawQuery == "" {
		return
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, val := range q[k] {
			v := a.classify(k, val)
			if v.Kind == evidence.ValueLiteralSecret {
				a.local.Add(url.QueryEscape(val))
				a.addSecretArg(evidence.SecretArg{Index: index, Flag: flag, Value: v})
			} else if v.Secret && v.IsReference() {
				a.addSecretArg(evidence.SecretArg{Index: index, Flag: flag, Value: v})
			}
		}
	}
}

// addSecretArg appends a SecretArg once.
func (a *analyzer) addSecretArg(s evidence.SecretArg) {
	key := strings.Join([]string{itoa(s.Index), s.Flag, s.Value.Kind, s.Value.Fingerprint, s.Value.Text}, "\x00")
	if a.seen[key] {
		return
	}
	a.seen[key] = true
	a.l.SecretArgs = append(a.l.SecretArgs, s)
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
