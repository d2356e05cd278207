package view

// PlainPath reports whether every byte of p is a slash or an unreserved
// URI character (letters, digits, '-', '.', '_', '~'): one that
// url.PathEscape leaves alone in a segment and that is not ':', so that
// escaping p segment by segment, ':' too, gives p itself.
func PlainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
		default:
			return false
		}
	}
	return true
}
