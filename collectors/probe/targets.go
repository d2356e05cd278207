package probe

import (
	"fmt"
	"net/http"
	"net/textproto"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// ParseHeader parses a --header NAME=VALUE flag. A value "env:VAR" is read
// from the environment variable VAR, so tokens need not sit on the command
// line; an unset variable is an error.
func ParseHeader(flag string) (name, value string, err error) {
	name, value, ok := strings.Cut(flag, "=")
	if !ok {
		name, value, ok = strings.Cut(flag, ":")
	}
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t\r\n") {
		return "", "", fmt.Errorf("--header %q: want NAME=VALUE", redactFlag(flag))
	}
	value = strings.TrimSpace(value)
	if ref, ok := strings.CutPrefix(value, "env:"); ok {
		v, set := os.LookupEnv(ref)
		if !set {
			return "", "", fmt.Errorf("--header %s: environment variable %s is not set", name, ref)
		}
		value = v
	}
	if strings.ContainsAny(value, "\r\n") {
		return "", "", fmt.Errorf("--header %s: value spans lines", name)
	}
	return textproto.CanonicalMIMEHeaderKey(name), value, nil
}

func redactFlag(flag string) string {
	if name, _, ok := strings.Cut(flag, "="); ok {
		return name + "=…"
	}
	return "…"
}

// URLTarget is a target for a URL given on the command line, with the given
// headers (already resolved).
func URLTarget(raw string, headers http.Header) Target {
	t := Target{URL: raw, Headers: headers}
	for _, vs := range headers {
		t.Secrets = append(t.Secrets, vs...)
	}
	return t
}

// referenceRE matches the reference forms clients expand: ${env:X}, ${X},
// ${X:-default}, $X, ${input:x} and Continue's ${{ secrets.X }}.
var referenceRE = regexp.MustCompile(`\$\{\{\s*[A-Za-z_][A-Za-z0-9_]*\.([A-Za-z0-9_.\-/]+)\s*\}\}|\$\{(?:env:|input:)?([A-Za-z_][A-Za-z0-9_.\-]*)(?::-[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// InputVariable is the environment variable that supplies VS Code's
// ${input:ID} (prompted) values to the probe: TOLLGATE_INPUT_<ID>, the id
// upper-cased with other characters as underscores.
func InputVariable(id string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(id) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return "TOLLGATE_INPUT_" + b.String()
}

// resolve expands the references in a configured value from the
// environment. ok is false when a referenced variable is not set or the
// value is a redacted literal secret (its text is not kept).
func resolve(v evidence.Value, env func(string) (string, bool)) (string, bool) {
	switch v.Kind {
	case evidence.ValueLiteral, evidence.ValueEmpty:
		return v.Text, true
	case evidence.ValueLiteralSecret, evidence.ValuePlaceholder, evidence.ValueUnexpandedReference:
		return "", false
	}
	ok := true
	out := referenceRE.ReplaceAllStringFunc(v.Text, func(m string) string {
		sub := referenceRE.FindStringSubmatch(m)
		name := sub[1] + sub[2] + sub[3]
		if strings.HasPrefix(m, "${input:") {
			name = InputVariable(name)
		}
		if val, set := env(name); set {
			return val
		}
		if _, def, has := strings.Cut(m, ":-"); has {
			return strings.TrimSuffix(def, "}")
		}
		ok = false
		return m
	})
	return out, ok
}

// ServerTargets turns the remote (and, with exec, stdio) servers among
// subjects into probe targets, each with only the credentials its own
// configuration references, resolved from the environment. Disabled and
// ignored entries are skipped; a server whose URL or credentials cannot be
// resolved becomes a target with Skip set, so the reason is evidence.
func ServerTargets(subjects []evidence.Subject, exec bool) []Target {
	env := os.LookupEnv
	var out []Target
	seen := map[string]bool{}
	for _, s := range subjects {
		srv, ok := s.(*evidence.Server)
		if !ok || srv.Disabled || srv.Ignored {
			continue
		}
		switch {
		case srv.Remote != nil && srv.Remote.URL != "":
			t := remoteTarget(srv, env)
			key := t.URL + "\x00" + srv.Name + "\x00" + srv.Provenance.File
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, t)
		case srv.Launch != nil && exec:
			out = append(out, execTarget(srv, env))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ServerID < out[j].ServerID })
	return out
}

func remoteTarget(srv *evidence.Server, env func(string) (string, bool)) Target {
	r := srv.Remote
	t := Target{Server: srv.Name, ServerID: srv.ID, Transport: srv.Transport, URL: r.URL, Headers: http.Header{}}
	if r.Templated || strings.Contains(r.URL, "$") {
		u, ok := resolve(evidence.Value{Kind: evidence.ValueEnvReference, Text: r.URL}, env)
		if !ok {
			t.Skip = "the server URL holds a reference that is not set in the environment"
			return t
		}
		t.URL = u
	}
	if r.Userinfo != nil {
		t.Skip = "credentials in the URL's userinfo are not sent by the probe"
		return t
	}
	for q, v := range r.Query {
		if v.Kind == evidence.ValueLiteralSecret {
			t.Skip = fmt.Sprintf("query parameter %s holds a literal credential that Tollgate does not keep", q)
			return t
		}
	}
	names := make([]string, 0, len(r.Headers))
	for k := range r.Headers {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		v := r.Headers[name]
		val, ok := resolve(v, env)
		if !ok && v.Kind == evidence.ValueLiteralSecret {
			t.Skip = fmt.Sprintf("header %s holds a literal credential that Tollgate does not keep; reference it from the environment", name)
			return t
		}
		if !ok {
			t.Skip = fmt.Sprintf("header %s: its value (%s) cannot be resolved from the environment", name, v.Kind)
			if v.Ref != "" && v.Kind == evidence.ValueInputReference {
				t.Skip += "; set " + InputVariable(v.Ref)
			} else if v.Ref != "" {
				t.Skip += "; set " + v.Ref
			}
			return t
		}
		t.Headers.Set(name, val)
		if v.Secret {
			t.Secrets = append(t.Secrets, val)
		}
	}
	for _, v := range r.Query {
		if v.Secret && v.IsReference() {
			if val, ok := resolve(v, env); ok {
				t.Secrets = append(t.Secrets, val)
			}
		}
	}
	// Codex-style bearer_token_env_var: the auth value references a variable
	// without a header of its own.
	if a := srv.Auth; a.Value != nil && a.Header != "" && t.Headers.Get(a.Header) == "" {
		if val, ok := resolve(*a.Value, env); ok {
			if a.Kind == evidence.AuthReference || a.Kind == evidence.AuthStaticBearer && !strings.Contains(a.Value.Text, " ") {
				val = "Bearer " + val
			}
			t.Headers.Set(a.Header, val)
			t.Secrets = append(t.Secrets, val)
		}
	}
	if len(t.Headers) == 0 {
		t.Headers = nil
	}
	return t
}

func execTarget(srv *evidence.Server, env func(string) (string, bool)) Target {
	l := srv.Launch
	t := Target{Server: srv.Name, ServerID: srv.ID, Transport: evidence.TransportStdio}
	spec := &ExecSpec{Command: l.Command, Args: l.Args, Dir: l.Cwd, Env: map[string]string{}}
	t.Exec = spec
	if strings.Contains(l.Command, "[REDACTED") {
		t.Skip = "the command holds a literal credential that Tollgate does not keep"
		return t
	}
	for _, sa := range l.SecretArgs {
		if sa.Value.Kind == evidence.ValueLiteralSecret {
			t.Skip = fmt.Sprintf("argument %d holds a literal credential that Tollgate does not keep; reference it from the environment instead", sa.Index)
			return t
		}
	}
	for k, v := range srv.Env {
		val, ok := resolve(v, env)
		if !ok {
			t.Skip = fmt.Sprintf("environment variable %s (%s) cannot be resolved", k, v.Kind)
			return t
		}
		spec.Env[k] = val
		if v.Secret {
			t.Secrets = append(t.Secrets, val)
		}
	}
	args := make([]string, len(l.Args))
	for i, a := range l.Args {
		val, ok := resolve(evidence.Value{Kind: evidence.ValueEnvReference, Text: a}, env)
		if !ok {
			val = a
		}
		args[i] = val
	}
	spec.Args = args
	return t
}
