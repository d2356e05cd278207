package secrets

import (
	"strings"
	"unicode"
)

// credentialWords are key-name words that, on their own, name a credential.
var credentialWords = map[string]bool{
	"token": true, "secret": true, "password": true, "passwd": true, "passphrase": true,
	"apikey": true, "accesskey": true, "privatekey": true, "secretkey": true,
	"credential": true, "credentials": true, "creds": true, "cookie": true,
	"bearer": true, "auth": true, "authorization": true, "authtoken": true,
	"accesstoken": true, "jwt": true, "session": true, "secrets": true,
	"connectionstring": true, "dsn": true,
}

// companionWords name a credential only together with another word
// (DB_PWD, DB_PASS, GITHUB_PAT, OPENAI_KEY) — alone, PWD is the working
// directory and KEY is ambiguous.
var companionWords = map[string]bool{"pwd": true, "pass": true, "pat": true, "key": true}

// qualifierWords turn a credential word that precedes them into something
// else: TOKEN_EXPIRY, OAUTH_TOKEN_URL, PASSWORD_MIN_LENGTH, AUTH_REQUIRED.
var qualifierWords = map[string]bool{
	"url": true, "uri": true, "urls": true, "endpoint": true, "host": true, "port": true,
	"expiry": true, "expiration": true, "expires": true, "expire": true, "ttl": true,
	"timeout": true, "length": true, "len": true, "min": true, "max": true, "size": true,
	"count": true, "limit": true, "parallelism": true, "type": true, "algorithm": true,
	"alg": true, "name": true, "file": true, "path": true, "dir": true, "directory": true,
	"header": true, "enabled": true, "enable": true, "disabled": true, "disable": true,
	"required": true, "require": true, "mode": true, "provider": true, "issuer": true,
	"audience": true, "user": true, "username": true, "id": true, "prefix": true,
	"env": true, "var": true, "field": true, "fields": true, "format": true,
	"location": true, "version": true, "policy": true, "method": true, "scheme": true,
	"strategy": true, "level": true, "duration": true, "lifetime": true, "interval": true,
	"rotation": true, "backend": true, "server": true, "service": true, "domain": true,
	"scope": true, "scopes": true, "cache": true, "store": true, "hint": true, "label": true,
}

// leadingQualifiers make the whole name a setting: MAX_TOKEN, MIN_PASSWORD.
var leadingQualifiers = map[string]bool{"max": true, "min": true, "num": true, "n": true}

// notSecretKeyQualifiers precede KEY in names of keys, not keys themselves.
var notSecretKeyQualifiers = map[string]bool{
	"password": true, "user": true, "cache": true, "leader": true, "sort": true,
	"partition": true, "primary": true, "foreign": true, "public": true,
	"publishable": true, "idempotency": true, "routing": true, "object": true,
	"lookup": true, "map": true, "hash": true, "dedupe": true, "dedup": true,
	"shortcut": true, "hot": true, "group": true, "index": true, "row": true,
}

// IsCredentialKey reports whether a key, header or flag name says its value
// is a credential (GITHUB_TOKEN, X-API-Key, --password, clientSecret), and is
// not a false friend such as PWD, MAX_TOKENS, TOKEN_EXPIRY, OAUTH_TOKEN_URL,
// PASSWORD_MIN_LENGTH or TOKENIZERS_PARALLELISM.
func IsCredentialKey(key string) bool {
	words := keyWords(key)
	if len(words) == 0 || leadingQualifiers[words[0]] {
		return false
	}
	last := -1
	for i, w := range words {
		switch {
		case credentialWords[w]:
			last = i
		case w == "api" && i+1 < len(words) && words[i+1] == "key":
			last = i + 1
		case companionWords[w] && len(words) > 1:
			if w == "key" && i > 0 && notSecretKeyQualifiers[words[i-1]] {
				continue
			}
			if w == "pass" && i != len(words)-1 {
				continue
			}
			last = i
		case w == "key" && len(words) == 1:
			last = i
		}
	}
	if last < 0 {
		return false
	}
	if n := len(words); n > 1 && words[n-1] == "key" && notSecretKeyQualifiers[words[n-2]] {
		return false // passwordKey, CACHE_KEY: the name of a key
	}
	for _, w := range words[last+1:] {
		if qualifierWords[w] {
			return false
		}
	}
	return true
}

// keyWords splits a key into lower-case words at separators and camelCase
// boundaries: "X-API-Key" → x api key, "clientSecret" → client secret.
func keyWords(key string) []string {
	key = strings.TrimLeft(key, "-")
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return keyWordsRunes(key)
		}
	}
	// ASCII: the same rules as keyWordsRunes, on bytes; a word is a
	// contiguous run of the key.
	var words []string
	start := -1
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case !isLetter(c) && !isDigitByte(c):
			if start >= 0 {
				words = append(words, strings.ToLower(key[start:i]))
				start = -1
			}
			continue
		case isUpperByte(c) && start >= 0:
			prev := key[i-1]
			nextLower := i+1 < len(key) && isLowerByte(key[i+1])
			if isLowerByte(prev) || isDigitByte(prev) || (isUpperByte(prev) && nextLower) {
				words = append(words, strings.ToLower(key[start:i]))
				start = -1
			}
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, strings.ToLower(key[start:]))
	}
	return words
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
func isUpperByte(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLowerByte(c byte) bool { return c >= 'a' && c <= 'z' }

// keyWordsRunes is keyWords for keys with non-ASCII characters.
func keyWordsRunes(key string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(key)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && len(cur) > 0:
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}
