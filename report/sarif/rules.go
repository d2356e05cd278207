package sarif

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// buildRules describes every control as a rule, in control order, and
// returns each rule's index by control ID.
func buildRules(x *view.Index) ([]rule, map[string]int) {
	rules := []rule{}
	index := map[string]int{}
	for _, cr := range x.R.Controls {
		c := cr.Control
		if c == nil {
			continue
		}
		var reqs []string
		for _, ref := range x.Requirements(c.ID) {
			reqs = append(reqs, ref.String())
		}
		text := strings.TrimSpace(c.Description + "\n\nRemediation: " + c.Remediation)
		md := fmt.Sprintf("**%s** (%s severity)\n\n%s\n\n**Remediation:** %s", c.Title, c.Severity, c.Description, c.Remediation)
		if refs := x.Requirements(c.ID); len(refs) > 0 {
			var lines []string
			for _, ref := range refs {
				lines = append(lines, fmt.Sprintf("- %s (%s)", ref.String(), ref.Basis))
			}
			md += "\n\n**Supports:**\n" + strings.Join(lines, "\n")
		}
		helpURI := ""
		if len(c.References) > 0 {
			helpURI = c.References[0]
		}
		index[c.ID] = len(rules)
		rules = append(rules, rule{
			ID:                   c.ID,
			Name:                 ruleName(c.Title),
			ShortDescription:     message{Text: c.Title},
			FullDescription:      message{Text: orDefault(c.Description, c.Title)},
			Help:                 markdownText{Text: text, Markdown: md},
			HelpURI:              helpURI,
			DefaultConfiguration: config{Level: level(c.Severity)},
			Properties: ruleProperties{
				Tags:             ruleTags(x, c.ID, c.Family, c.Severity, c.Risks),
				SecuritySeverity: securitySeverity(c.Severity),
				Precision:        "very-high",
				ProblemSeverity:  problemSeverity(c.Severity),
				Requirements:     reqs,
			},
		})
	}
	return rules, index
}

// ruleName turns a title into the PascalCase identifier SARIF expects.
func ruleName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		r := []rune(w)
		b.WriteString(strings.ToUpper(string(r[0])) + string(r[1:]))
	}
	return b.String()
}

func problemSeverity(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "recommendation"
}

// maxTags is the most tags a rule carries: GitHub code scanning shows ten
// and rejects a file whose rules carry more than twenty.
const maxTags = 10

// ruleTags are what code-scanning UIs filter rules by, at most maxTags:
// "security" (for controls of security relevance; informational hygiene
// controls have none), "mcp", the family, the MCP risks, then the OWASP MCP
// Top 10 categories. Every framework requirement a rule supports is in its
// "requirements" property, which has no such limit.
func ruleTags(x *view.Index, controlID, family, severity string, risks []string) []string {
	tags := []string{"mcp", family}
	if severity != "info" {
		tags = append([]string{"security"}, tags...)
	}
	for _, rid := range risks {
		tags = append(tags, "risk:"+rid)
	}
	for _, ref := range x.Requirements(controlID) {
		if ref.Framework == "owasp-mcp-top10" {
			tags = append(tags, ref.String())
		}
	}
	if len(tags) > maxTags {
		tags = tags[:maxTags]
	}
	return tags
}
