package launch

import (
	"strings"
)

// bridge records the remote URL a local bridge connects to, and the headers
// it sends.
func (a *analyzer) bridge(kind string, args []string) {
	target := ""
	headers := map[string]string{}
	for i := 0; i < len(args); i++ {
		w := args[i]
		flag, val, hasEq := strings.Cut(w, "=")
		next := func() string {
			if hasEq {
				return val
			}
			if i+1 < len(args) {
				i++
				return args[i]
			}
			return ""
		}
		switch {
		case flag == "--sse" || flag == "--streamableHttp" || flag == "--streamable-http" || flag == "--url":
			target = next()
		case flag == "--header" || flag == "-H":
			if name, value, ok := strings.Cut(next(), ":"); ok {
				headers[strings.TrimSpace(name)] = strings.TrimSpace(value)
			}
		case flag == "--headers" && i+2 < len(args):
			headers[args[i+1]] = args[i+2]
			i += 2
		case flag == "--oauth2Bearer":
			headers["Authorization"] = "Bearer " + next()
		case strings.HasPrefix(w, "-"):
		case target == "" && (strings.Contains(w, "://") || strings.HasPrefix(w, "${") || strings.HasPrefix(w, "$")):
			if kind != "supergateway" {
				target = w
			}
		}
	}
	if target == "" {
		return
	}
	r, auth := AnalyzeRemote(target, headers, a.syn, a.local)
	r.ViaBridge = true
	a.res.Bridge = r
	a.res.BridgeAuth = auth
}
