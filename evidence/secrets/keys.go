package secrets

import (
	"slices"
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
	// keys of a kind, written as one word (MASTERKEY, ACCOUNTKEY)
	"masterkey": true, "signingkey": true, "encryptionkey": true, "clientkey": true,
	"appkey": true, "licensekey": true, "sshkey": true, "authkey": true, "storagekey": true,
	"accountkey": true, "sharedkey": true, "hmackey": true, "deploykey": true,
	"servicekey": true, "adminkey": true, "sharedaccesskey": true,
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
//
// Names are read as people write them: words joined by separators or case
// (DB_PASSWORD, clientSecret), numbered (GITHUB_TOKEN2, OAUTH2_TOKEN), or run
// together with the credential word last (PGPASSWORD, DBPASS, CLIENTSECRET,
// GITHUBTOKEN, OPENAIAPIKEY). The word that names the credential decides,
// and words after it can turn the name into a setting about the credential
// (TOKEN_URL, PASSWORDFILE is one word and names a file).
func IsCredentialKey(key string) bool {
	var buf [16]string // room for most keys' words, split or not: none escapes
	return namesCredential(credentialWordsOf(buf[:0], key))
}

// namesCredential is IsCredentialKey for a key split by credentialWordsOf.
func namesCredential(words []string) bool {
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

// queryCredentials are URL query parameters that carry a credential though
// their names do not say so in words: OAuth's authorization code and the
// signatures of pre-signed and shared-access URLs (AWS, Google, Azure SAS).
var queryCredentials = map[string]bool{
	"code": true, "sig": true, "signature": true, "x-amz-signature": true,
	"x-amz-credential": true, "x-goog-signature": true, "x-goog-credential": true,
	"hmac": true, "client_secret": true,
}

// IsCredentialQueryKey reports whether a URL query parameter carries a
// credential: any name IsCredentialKey accepts (token, api_key,
// access_token), and the parameters that carry one by convention (code,
// sig, signature, X-Amz-Signature).
func IsCredentialQueryKey(name string) bool {
	return queryCredentials[strings.ToLower(name)] || IsCredentialKey(name)
}

// credentialWordsOf splits a key into the words IsCredentialKey judges,
// appending them to buf when no word needs splitting: keyWords, with
// numbers dropped ("token2" is token) and a word that runs several together
// split before the credential word it ends with ("pgpassword" is pg
// password).
func credentialWordsOf(buf []string, key string) []string {
	return splitCredentialWords(keyWords(buf, key))
}

// splitCredentialWords is credentialWordsOf for a key split by keyWords.
func splitCredentialWords(raw []string) []string {
	plain := true
	for _, w := range raw {
		if hasDigit(w) || couldBeCompound(w) {
			plain = false
			break
		}
	}
	if plain {
		return raw // the common case: nothing to split
	}
	// The words are appended after raw, in its array while that has room.
	words := raw[len(raw):]
	for _, w := range raw {
		if !hasDigit(w) {
			words = appendCompound(words, w)
			continue
		}
		// Numbered names (PASSWORD2, OAUTH2) are the word without the
		// number: the runs of letters between digits.
		start := -1
		for i, r := range w {
			if unicode.IsDigit(r) {
				if start >= 0 {
					words = appendCompound(words, w[start:i])
					start = -1
				}
				continue
			}
			if start < 0 {
				start = i
			}
		}
		if start >= 0 {
			words = appendCompound(words, w[start:])
		}
	}
	return words
}

// appendCompound appends w to words, split in two when it runs a prefix
// into the credential word it ends with (splitCompound).
func appendCompound(words []string, w string) []string {
	if prefix, cred, ok := splitCompound(w); ok {
		return append(words, prefix, cred)
	}
	return append(words, w)
}

func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if isDigitByte(w[i]) {
			return true
		}
	}
	return false
}

// couldBeCompound reports cheaply whether w might end with a credential
// word after a prefix (splitCompound decides).
func couldBeCompound(w string) bool {
	if len(w) < 5 || credentialWords[w] || companionWords[w] {
		return false
	}
	switch w[len(w)-1] {
	case 'n', 't', 'd', 's', 'e', 'l', 'y': // token, secret, password/pwd/passwd, pass/creds/credentials, passphrase, credential, …key
		return true
	}
	return false
}

// compoundSuffixes are credential words a run-together name may end with,
// longest first so that "apikey" wins over "key"-less matches. "key" on its
// own is not one: monkey, hockey and keyboard are not keys.
var compoundSuffixes = func() []string {
	list := []string{"token", "secret", "password", "passwd", "passphrase", "pass", "pwd",
		"credential", "credentials", "creds", "authtoken", "accesstoken"}
	for w := range credentialWords {
		if strings.HasSuffix(w, "key") {
			list = append(list, w)
		}
	}
	slices.SortFunc(list, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return list
}()

// compoundFalseFriends are words that end like a credential word but are
// not one: a pass that is a bypass, the previous working directory, the
// token of a paged listing.
var compoundFalseFriends = map[string]bool{
	"bypass": true, "compass": true, "surpass": true, "overpass": true, "underpass": true,
	"trespass": true, "multipass": true, "encompass": true, "impass": true, "oldpwd": true,
	"nexttoken": true, "pagetoken": true, "continuationtoken": true, "cancellationtoken": true,
	"canceltoken": true, "synctoken": true, "starttoken": true, "endtoken": true,
}

// splitCompound splits a word that runs a prefix of at least two letters
// into a credential word it ends with ("githubtoken" → github token).
func splitCompound(w string) (prefix, cred string, ok bool) {
	if credentialWords[w] || companionWords[w] || compoundFalseFriends[w] {
		return "", "", false
	}
	for _, s := range compoundSuffixes {
		if len(w) >= len(s)+2 && strings.HasSuffix(w, s) {
			return w[:len(w)-len(s)], s, true
		}
	}
	return "", "", false
}

// keyWords splits a key into lower-case words at separators and camelCase
// boundaries, appending them to words: "X-API-Key" → x api key,
// "clientSecret" → client secret.
func keyWords(words []string, key string) []string {
	key = strings.TrimLeft(key, "-")
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return append(words, keyWordsRunes(key)...)
		}
	}
	// ASCII: the same rules as keyWordsRunes, on bytes; a word is a
	// contiguous run of the key, and of the key in lower case, which has
	// the same length.
	lower := strings.ToLower(key)
	start := -1
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case !isLetter(c) && !isDigitByte(c):
			if start >= 0 {
				words = append(words, lower[start:i])
				start = -1
			}
			continue
		case isUpperByte(c) && start >= 0:
			prev := key[i-1]
			nextLower := i+1 < len(key) && isLowerByte(key[i+1])
			if isLowerByte(prev) || isDigitByte(prev) || (isUpperByte(prev) && nextLower) {
				words = append(words, lower[start:i])
				start = -1
			}
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, lower[start:])
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
