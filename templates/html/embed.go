// Package html holds the template, style sheet and script of the HTML
// report (report/html). They are embedded into the binary, and the report
// embeds them into the one file it writes, so the report needs no network
// and opens from a file:// URL.
package html

import _ "embed"

// Page is the report's html/template source.
//
//go:embed report.html.tmpl
var Page string

// Style is the report's style sheet, screen and print.
//
//go:embed style.css
var Style string

// Script is the report's script: filters, search and printing.
//
//go:embed app.js
var Script string
