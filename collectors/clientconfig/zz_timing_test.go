package clientconfig

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

func timeOne(name string, data []byte) time.Duration {
	req := collectors.Request{Now: fixedNow}
	src := &evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, ID: evidence.MakeID(evidence.KindSource, name, ""), Name: name}}
	st := time.Now()
	analyze(candidate{rel: name, explicit: true}, req, src, data)
	return time.Since(st)
}

func TestZZTiming(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	type r struct {
		f string
		d time.Duration
		n int
	}
	var worst []r
	for _, f := range seeds {
		b, _ := os.ReadFile(f)
		d := timeOne(".vscode/mcp.json", b)
		worst = append(worst, r{f, d, len(b)})
	}
	var tot time.Duration
	var totb int
	for _, w := range worst {
		tot += w.d
		totb += w.n
	}
	fmt.Printf("seeds: %d files %d bytes %v (%.0f ns/byte)\n", len(worst), totb, tot, float64(tot)/float64(totb))
	gens := map[string]func(n int) []byte{
		"kv":       func(n int) []byte { return bytes.Repeat([]byte(`"api_key": "aB3dE5gH7jK9mN1pQ3sT5vX7", `), n/40) },
		"words":    func(n int) []byte { return bytes.Repeat([]byte(`aB3dE5gH7jK9mN1pQ3sT5vX7 `), n/25) },
		"letters":  func(n int) []byte { return bytes.Repeat([]byte(`a`), n) },
		"colons":   func(n int) []byte { return bytes.Repeat([]byte(`a:`), n/2) },
		"eq":       func(n int) []byte { return bytes.Repeat([]byte(`a=`), n/2) },
		"url":      func(n int) []byte { return bytes.Repeat([]byte(`a://b:c`), n/7) },
		"quote":    func(n int) []byte { return []byte(`{"token": "` + strings.Repeat(`\\`, n) ) },
		"flags":    func(n int) []byte { return bytes.Repeat([]byte(`"--token", "`), n/12) },
		"pem":      func(n int) []byte { return bytes.Repeat([]byte(`-----BEGIN PRIVATE KEY-----`), n/27) },
		"dollar":   func(n int) []byte { return []byte(`{"token": "` + strings.Repeat(`${a}`, n/4) + `"}`) },
		"nest":     func(n int) []byte { return []byte(strings.Repeat(`[`, n)) },
		"nesto":    func(n int) []byte { return []byte(strings.Repeat(`{"a":`, n/5)) },
		"pwd":      func(n int) []byte { return bytes.Repeat([]byte(`;password=x`), n/11) },
		"secretsx": func(n int) []byte { return bytes.Repeat([]byte(`aB3dE5gH7jK9mN1pQ3sT5vX7`), n/24) },
		"wordsinc": func(n int) []byte {
			var b bytes.Buffer
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, "aB3dE5gH7jK9mN1pQ3sT5vX7%d ", i)
			}
			return b.Bytes()
		},
	}
	for _, name := range []string{"kv", "words", "letters", "colons", "eq", "url", "quote", "flags", "pem", "dollar", "nest", "nesto", "pwd", "secretsx", "wordsinc"} {
		var line string
		for _, n := range []int{2 << 10, 8 << 10, 32 << 10} {
			d := timeOne(".vscode/mcp.json", gens[name](n))
			line += fmt.Sprintf(" %dK:%v", n>>10, d.Round(time.Microsecond))
		}
		fmt.Printf("%-9s%s\n", name, line)
	}
}

func TestZZTiming2(t *testing.T) {
	lol := "a: &a [x,x,x,x,x,x,x,x,x]\n"
	prev := "a"
	for i, c := range "bcdefghij" {
		_ = i
		lol += fmt.Sprintf("%c: &%c [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", c, c, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = string(c)
	}
	lol2 := "a: &a {k: [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]}\n"
	prev = "a"
	for _, c := range "bcd" {
		lol2 += fmt.Sprintf("%c: &%c [", c, c) + strings.Repeat("*"+prev+",", 60) + "*" + prev + "]\n"
		prev = string(c)
	}
	cases := map[string][]byte{
		"lol.yaml":      []byte(lol),
		"lol2.yaml":     []byte(lol2),
		"lolmcp.yaml":   []byte("mcpServers:\n  - name: a\n    command: x\n" + lol),
		"deepflow.yaml": []byte(strings.Repeat("[", 8000)),
		"deepblock.yaml": func() []byte {
			var b strings.Builder
			for i := 0; i < 2000; i++ {
				b.WriteString(strings.Repeat(" ", i) + "- \n")
			}
			return []byte(b.String())
		}(),
		"deepmap.yaml": func() []byte {
			var b strings.Builder
			for i := 0; i < 2000; i++ {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return []byte(b.String())
		}(),
		"keys.toml":    []byte(strings.Repeat("a.", 4000) + "b = 1\n"),
		"tables.toml":  func() []byte { var b strings.Builder; for i := 0; i < 2000; i++ { fmt.Fprintf(&b, "[a%d]\n", i) }; return []byte(b.String()) }(),
		"dotted.toml":  func() []byte { var b strings.Builder; for i := 0; i < 1000; i++ { fmt.Fprintf(&b, "[%s]\n", strings.Repeat("x.", i)+"y") }; return []byte(b.String()) }(),
		"arrtab.toml":  []byte(strings.Repeat("[[a]]\n", 4000)),
		"inl.toml":     []byte("a = " + strings.Repeat("{b = ", 90) + "1" + strings.Repeat("}", 90)),
	}
	names := map[string]string{".yaml": ".continue/config.yaml", ".toml": ".codex/config.toml"}
	for _, k := range []string{"lol.yaml", "lol2.yaml", "lolmcp.yaml", "deepflow.yaml", "deepblock.yaml", "deepmap.yaml", "keys.toml", "tables.toml", "dotted.toml", "arrtab.toml", "inl.toml"} {
		d := timeOne(names[filepath.Ext(k)], cases[k])
		fmt.Printf("%-15s %6d bytes %v\n", k, len(cases[k]), d)
	}
}

func TestZZKeys(t *testing.T) {
	n := 2000
	if s := os.Getenv("ZZN"); s != "" {
		fmt.Sscan(s, &n)
	}
	d := timeOne(".codex/config.toml", []byte(strings.Repeat("a.", n)+"b = 1\n"))
	fmt.Println(n, d)
}
