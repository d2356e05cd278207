package launch

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// reCleartextURL finds URLs of schemes without TLS (http, ws) in a value.
var reCleartextURL = regexp.MustCompile(`(?i)\b(?:http|ws)://[^\s"'<>,;]+`)

// CleartextURLs finds the URLs without TLS in value, handed to a server at
// in (an environment variable, an argument), that lead to a host other
// than the machine itself: the server connects there in the clear. URLs
// whose host is a reference (${HOST}) are left out; what the URL carries is
// redacted with red.
func CleartextURLs(in, value string, red *secrets.Redactor) []evidence.CleartextURL {
	if !strings.Contains(value, "://") {
		return nil
	}
	var out []evidence.CleartextURL
	for _, raw := range reCleartextURL.FindAllString(value, -1) {
		raw = strings.TrimRight(raw, ".)]}")
		if reRefForm.MatchString(raw) && refInHost(raw) {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || u.Hostname() == "" {
			continue
		}
		host := strings.ToLower(u.Hostname())
		loopback, private := hostScope(host)
		if loopback {
			continue
		}
		c := evidence.CleartextURL{In: in, URL: red.RedactString(raw), Host: secrets.RedactName(host), Private: private}
		if p := u.Port(); p != "" {
			c.Port, _ = strconv.Atoi(p)
		}
		if u.User != nil {
			c.WithCredentials = true
		}
		if q := u.Query(); len(q) > 0 {
			for k := range q {
				if secrets.IsCredentialQueryKey(k) {
					c.WithCredentials = true
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// refInHost reports whether a URL's host part holds a reference form.
func refInHost(raw string) bool {
	_, rest, _ := strings.Cut(raw, "://")
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	return reRefForm.MatchString(rest[:end])
}
