package inventory

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
)

// WriteProbe prints what a probe saw: one block per endpoint, then one line
// per definition with the heuristics that matched it. Hidden text is shown
// decoded; control characters never reach the terminal.
func WriteProbe(w io.Writer, subjects []evidence.Subject) error {
	var tools []*evidence.Tool
	for _, s := range subjects {
		switch v := s.(type) {
		case *evidence.Endpoint:
			writeEndpoint(w, v)
		case *evidence.Tool:
			tools = append(tools, v)
		}
	}
	if len(tools) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tNAME\tSERVER\tFINDINGS")
	flagged := 0
	for _, t := range tools {
		findings := ToolFindings(t)
		if len(findings) > 0 {
			flagged++
		}
		f := "-"
		if len(findings) > 0 {
			f = strings.Join(findings, "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Type, clip(Visible(t.Name), 40), clip(t.Server, 50), clip(f, 220))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write probe report: %w", err)
	}
	fmt.Fprintf(w, "\n%s, %d with findings\n", words.Counted(len(tools), "definition", "definitions"), flagged)
	return nil
}

func writeEndpoint(w io.Writer, e *evidence.Endpoint) {
	title := e.URL
	if e.Server != "" {
		title += " (server " + e.Server + ")"
	}
	fmt.Fprintf(w, "ENDPOINT %s\n", clean(title))
	if e.Error != "" {
		fmt.Fprintf(w, "  error: %s\n", clean(e.Error))
	}
	if !e.Reachable {
		return
	}
	line := func(format string, args ...any) { fmt.Fprintf(w, "  "+format+"\n", args...) }
	server := strings.TrimSpace(e.ServerName + " " + e.ServerVersion)
	line("transport %s, protocol %s, server %s", e.Transport, orDash(e.ProtocolVersion), orDash(clean(server)))
	if e.Scheme == "https" {
		tls := "TLS " + orDash(e.TLSVersion)
		if e.TLSVerified {
			tls += ", certificate verified"
		} else {
			tls += ", certificate NOT verified"
			if e.TLSError != "" {
				tls += " (" + clean(e.TLSError) + ")"
			}
		}
		if e.CertificateExpires != "" && e.CertificateDaysLeft != nil {
			tls += fmt.Sprintf(", expires %s (%d days)", e.CertificateExpires[:10], *e.CertificateDaysLeft)
		}
		line("%s", tls)
	} else if e.Scheme == "http" && !e.Loopback {
		line("plain HTTP beyond loopback: no TLS")
	}
	auth := "authentication " + e.Authentication
	if e.UnauthenticatedStatus != 0 {
		auth += fmt.Sprintf(" (initialize without credentials: HTTP %d)", e.UnauthenticatedStatus)
	}
	if e.UnauthenticatedList {
		auth += "; tools/list works without credentials"
	}
	line("%s", auth)
	if e.Challenge != nil {
		rm := "no resource_metadata"
		if e.Challenge.ResourceMetadata != "" {
			rm = "resource_metadata " + clean(e.Challenge.ResourceMetadata)
		}
		line("challenge %s, %s", e.Challenge.Scheme, rm)
	}
	if e.Authentication == evidence.EndpointAuthRequired || e.ResourceMetadata {
		pr := "protected-resource metadata: none found"
		if p := e.ProtectedResource; p != nil {
			match := "matches the endpoint"
			if !p.ResourceMatches {
				match = "does NOT match the endpoint"
			}
			pr = fmt.Sprintf("protected-resource metadata (%s): resource %s %s; authorization servers %s",
				p.DiscoveredVia, clean(orDash(p.Resource)), match, orDash(clean(strings.Join(p.AuthorizationServers, ", "))))
		}
		line("%s", pr)
		for _, as := range e.AuthorizationServers {
			if as.MetadataURL == "" {
				line("authorization server %s: %s", clean(as.Issuer), clean(as.Error))
				continue
			}
			line("authorization server %s (%s): PKCE S256 %s, dynamic registration %s, issuer %s", clean(as.Issuer), as.Discovery,
				yesNo(as.PKCES256), yesNo(as.DynamicClientRegistration), map[bool]string{true: "matches", false: "does NOT match"}[as.IssuerMatches])
		}
	}
	cors := orDash(clean(e.CORSAllowOrigin))
	if e.CORSAllowCredentials {
		cors += " with credentials"
	}
	line("foreign Origin %s; CORS allow-origin %s; token in query %s", originText(e.OriginValidation), cors, e.QueryToken)
	if s := e.Session; s != nil && s.Issued {
		pred := "not predictable"
		if s.Predictable {
			pred = "PREDICTABLE (sequential)"
		}
		inURL := ""
		if s.InURL {
			inURL = ", carried in the URL"
		}
		line("session ids: %d sampled, %d characters, about %d bits, %s%s", s.Samples, s.Length, s.EntropyBits, pred, inURL)
	}
	line("%s, %s, %s", words.Counted(e.Tools, "tool", "tools"), words.Counted(e.Prompts, "prompt", "prompts"),
		words.Counted(e.ResourceTemplates, "resource template", "resource templates"))
	if p := e.ErrorProbe; p != nil {
		answer := p.Outcome
		if p.Code != 0 {
			answer += fmt.Sprintf(" %d", p.Code)
		}
		if len(p.Leaks) == 0 {
			line("error probe (%s): %s, discloses nothing", p.Tool, answer)
		} else {
			var rules []string
			for _, l := range p.Leaks {
				if !slices.Contains(rules, l.Rule) {
					rules = append(rules, l.Rule)
				}
			}
			line("error probe (%s): %s, DISCLOSES %s", p.Tool, answer, strings.Join(rules, ", "))
			for _, l := range p.Leaks {
				line("  %s in %s: %s", l.Rule, l.Field, clip(clean(l.Excerpt), 160))
			}
		}
	}
	fmt.Fprintln(w)
}

func originText(v string) string {
	switch v {
	case evidence.OriginEnforced:
		return "refused"
	case evidence.OriginMissing:
		return "ACCEPTED"
	}
	return "not tested"
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// ToolFindings lists a definition's matched heuristics for people: the fact,
// the rule, and what hidden text says.
func ToolFindings(t *evidence.Tool) []string {
	var out []string
	facts := []struct {
		name    string
		matches []evidence.TextMatch
	}{
		{"hidden instructions", t.HiddenInstructions}, {"invisible unicode", t.InvisibleUnicode},
		{"ansi escapes", t.ANSIEscapes}, {"encoded text", t.EncodedBlobs}, {"look-alike name", t.Homoglyphs},
		{"shadowing", t.CrossServerReferences}, {"secret references", t.SecretReferences}, {"exfiltration cues", t.Exfiltration},
	}
	for _, f := range facts {
		// A plain link or a mention of keys is recorded, not a finding.
		var matches []evidence.TextMatch
		for _, m := range f.matches {
			if m.Rule != "url" && m.Rule != "credential-word" {
				matches = append(matches, m)
			}
		}
		f.matches = matches
		if len(f.matches) == 0 {
			continue
		}
		m := f.matches[0]
		s := fmt.Sprintf("%s (%s in %s", f.name, m.Rule, m.Field)
		if m.Decoded != "" {
			s += ": " + strings.TrimSpace(m.Decoded)
		}
		s += ")"
		if n := len(f.matches) - 1; n > 0 {
			s += fmt.Sprintf(" +%d", n)
		}
		out = append(out, s)
	}
	if len(t.NameCollisions) > 0 {
		out = append(out, "name also offered by "+strings.Join(t.NameCollisions, ", "))
	}
	params := []struct {
		name    string
		matches []evidence.ParameterMatch
	}{
		{"asks for a credential", t.CredentialParameters}, {"loose schema", t.LooseSchema},
		{"unconstrained input", t.UnconstrainedInputs},
	}
	for _, f := range params {
		if len(f.matches) == 0 {
			continue
		}
		var parts []string
		for _, m := range f.matches {
			what := m.Rule
			if m.Parameter != "" {
				what += " " + m.Parameter
			}
			parts = append(parts, what)
		}
		out = append(out, f.name+" ("+strings.Join(parts, ", ")+")")
	}
	if t.Destructive && (t.ReadOnlyHint || t.DestructiveHint != evidence.HintTrue) {
		switch {
		case t.ReadOnlyHint:
			out = append(out, "destructive but annotated read-only")
		default:
			out = append(out, "destructive without destructiveHint")
		}
	}
	if t.Lock != evidence.LockUnlocked && t.Lock != evidence.LockUnchanged && t.Lock != evidence.LockLocked && t.Lock != "" {
		out = append(out, "lock: "+t.Lock)
	}
	return out
}

// Visible escapes control and invisible characters of a name for a terminal.
func Visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x200b && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2060 && r <= 0x2069) || r == 0xfeff || (r >= 0xe0000 && r <= 0xe007f) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
