package launch

import "strings"

// Operators a shell command line may contain between commands.
const (
	opPipe = "|"
	opAnd  = "&&"
	opOr   = "||"
	opSeq  = ";"
)

// splitShell splits a shell command line into words, honouring single and
// double quotes and backslash escapes, and returns the operators |, &&, ||
// and ; as words of their own. It is forgiving: an unterminated quote runs
// to the end of the line.
func splitShell(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			inWord = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				cur.WriteString(s[i+1:])
				i = len(s)
			} else {
				cur.WriteString(s[i+1 : i+1+j])
				i += j + 1
			}
		case c == '"':
			inWord = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			inWord = true
			i++
			cur.WriteByte(s[i])
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			flush()
		case c == '|' || c == '&' || c == ';':
			flush()
			op := string(c)
			if i+1 < len(s) && (c == '|' || c == '&') && s[i+1] == c {
				op += string(c)
				i++
			}
			if op == "&" {
				continue // background: treat as a separator
			}
			words = append(words, op)
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	flush()
	return words
}

// splitCommands splits words at the operators into separate commands and
// reports whether a pipe joins any two of them.
func splitCommands(words []string) (cmds [][]string, pipes []bool) {
	var cur []string
	for _, w := range words {
		switch w {
		case opPipe, opAnd, opOr, opSeq:
			if len(cur) > 0 {
				cmds = append(cmds, cur)
				pipes = append(pipes, w == opPipe)
			}
			cur = nil
		default:
			cur = append(cur, w)
		}
	}
	if len(cur) > 0 {
		cmds = append(cmds, cur)
		pipes = append(pipes, false)
	}
	return cmds, pipes
}

// SplitCommand splits a command written as one string (a Compose command,
// a Dockerfile shell form) into words as a POSIX shell would: quotes and
// backslash escapes are honoured, operators such as | and && are words of
// their own.
func SplitCommand(s string) []string { return splitShell(s) }
