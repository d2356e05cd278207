package reporttest

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
)

// HTMLCounts is what the HTML report shows, read from its markup.
type HTMLCounts struct {
	// Rows counts the finding rows by verdict (fail, waived, error).
	Rows map[string]int
	// Cards are the headline numbers by name (failures, waived, errors, subjects).
	Cards map[string]int
	// Subjects counts the inventory rows.
	Subjects int
	// Frameworks maps each framework id to its requirement statuses
	// (satisfied, not-satisfied, waived, not-assessed, manual, error).
	Frameworks map[string]map[string]int
}

// ReadHTML reads the counts of tollgate-report.html.
func ReadHTML(data []byte) (*HTMLCounts, error) {
	doc, err := xhtml.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse the HTML report: %w", err)
	}
	c := &HTMLCounts{Rows: map[string]int{}, Cards: map[string]int{}, Frameworks: map[string]map[string]int{}}
	var bad error
	count := func(n *xhtml.Node) int {
		v, err := strconv.Atoi(strings.TrimSpace(textOf(n)))
		if err != nil && bad == nil {
			bad = fmt.Errorf("not a count: %q", textOf(n))
		}
		return v
	}
	var walk func(n *xhtml.Node, framework string)
	walk = func(n *xhtml.Node, framework string) {
		if n.Type == xhtml.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			classes := " " + a["class"] + " "
			switch {
			case n.Data == "tr" && strings.Contains(classes, " finding "):
				c.Rows[a["data-verdict"]]++
			case n.Data == "tr" && strings.Contains(classes, " subject "):
				c.Subjects++
			case a["data-count"] != "":
				c.Cards[a["data-count"]] = count(n)
			case n.Data == "article" && a["data-framework"] != "":
				framework = a["data-framework"]
				c.Frameworks[framework] = map[string]int{}
			case n.Data == "td" && a["data-status"] != "" && framework != "":
				c.Frameworks[framework][a["data-status"]] = count(n)
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, framework)
		}
	}
	walk(doc, "")
	return c, bad
}

func textOf(n *xhtml.Node) string {
	if n.Type == xhtml.TextNode {
		return n.Data
	}
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(textOf(ch))
	}
	return b.String()
}
