package secrets

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name, client, key, value string
		kind                     string
		secret                   bool
		reason, ref              string
	}{
		{"empty", "cursor", "API_KEY", "  ", evidence.ValueEmpty, false, "", ""},
		{"plain literal", "cursor", "LOG_LEVEL", "debug", evidence.ValueLiteral, false, "", ""},
		{"claude-code brace", "claude-code", "GITHUB_TOKEN", "${GITHUB_TOKEN}", evidence.ValueEnvReference, true, "key-name", "GITHUB_TOKEN"},
		{"claude-code default", "claude-code", "BASE", "${BASE_URL:-https://x.dev}", evidence.ValueEnvReference, false, "", "BASE_URL"},
		{"claude-code env colon unexpanded", "claude-code", "TOKEN", "${env:TOKEN}", evidence.ValueUnexpandedReference, true, "key-name", "TOKEN"},
		{"claude-desktop brace unexpanded", "claude-desktop", "API_KEY", "${API_KEY}", evidence.ValueUnexpandedReference, true, "key-name", "API_KEY"},
		{"cline brace unexpanded", "cline", "DB", "${DB_NAME}", evidence.ValueUnexpandedReference, false, "", "DB_NAME"},
		{"percent path unexpanded", "cline", "PATH", "C:/Python312/Scripts;%PATH%", evidence.ValueUnexpandedReference, false, "", "PATH"},
		{"cursor env colon", "cursor", "Authorization", "Bearer ${env:MY_TOKEN}", evidence.ValueEnvReference, true, "key-name", "MY_TOKEN"},
		{"cursor predefined", "cursor", "ROOT", "${workspaceFolder}/data", evidence.ValueConfigReference, false, "", "workspaceFolder"},
		{"cursor brace unexpanded", "cursor", "X", "${HOME}/x", evidence.ValueUnexpandedReference, false, "", "HOME"},
		{"vscode input bearer", "vscode", "Authorization", "Bearer ${input:home-assistant-token}", evidence.ValueInputReference, true, "key-name", "home-assistant-token"},
		{"vscode input url", "vscode", "url", "https://${input:home-assistant-domain}/mcp", evidence.ValueInputReference, false, "", "home-assistant-domain"},
		{"vscode input by name", "vscode", "", "${input:GITHUB_PERSONAL_ACCESS_TOKEN}", evidence.ValueInputReference, true, "key-name", "GITHUB_PERSONAL_ACCESS_TOKEN"},
		{"input in cursor unexpanded", "cursor", "API_KEY", "${input:key}", evidence.ValueUnexpandedReference, true, "key-name", "key"},
		{"windsurf file", "windsurf", "API_KEY", "${file:/run/secrets/key}", evidence.ValueSecretReference, true, "key-name", "/run/secrets/key"},
		{"gemini bare", "gemini-cli", "OPENAI_API_KEY", "$OPENAI_API_KEY", evidence.ValueEnvReference, true, "key-name", "OPENAI_API_KEY"},
		{"gemini brace", "gemini-cli", "HOME_DIR", "${HOME}", evidence.ValueEnvReference, false, "", "HOME"},
		{"continue secret", "continue", "API_KEY", "${{ secrets.OPENAI_KEY }}", evidence.ValueSecretReference, true, "key-name", "OPENAI_KEY"},
		{"continue input", "continue", "X", "${{ inputs.region }}", evidence.ValueInputReference, false, "", "region"},
		{"continue form elsewhere", "cursor", "API_KEY", "${{ secrets.OPENAI_KEY }}", evidence.ValueUnexpandedReference, true, "key-name", "OPENAI_KEY"},
		{"mcpb user config", "mcpb", "API_KEY", "${user_config.api_key}", evidence.ValueConfigReference, true, "key-name", "api_key"},
		{"mcpb dirname", "mcpb", "", "${__dirname}/server/index.js", evidence.ValueConfigReference, false, "", "__dirname"},
		{"mcpb home", "mcpb", "", "${HOME}/Documents", evidence.ValueConfigReference, false, "", "HOME"},
		{"kubernetes dependent env", "kubernetes", "--requirepass", "$(REDIS_PASSWORD)", evidence.ValueEnvReference, true, "key-name", "REDIS_PASSWORD"},
		{"kubernetes escaped", "kubernetes", "X", "$$(NOT_EXPANDED)", evidence.ValueLiteral, false, "", ""},
		{"codex nothing", "codex", "TOKEN", "$TOKEN", evidence.ValueUnexpandedReference, true, "key-name", "TOKEN"},
		{"kong decK env", "kong", "client_secret", `${{ env "DECK_CLIENT_SECRET" }}`, evidence.ValueEnvReference, true, "key-name", "DECK_CLIENT_SECRET"},
		{"kong vault", "kong", "password", "{vault://aws/redis/password}", evidence.ValueSecretReference, true, "key-name", "aws/redis/password"},
		{"kong vault in header", "kong", "Authorization", "Bearer {vault://env/upstream-token}", evidence.ValueSecretReference, true, "key-name", "env/upstream-token"},
		{"decK env elsewhere", "cursor", "TOKEN", `${{ env "DECK_TOKEN" }}`, evidence.ValueUnexpandedReference, true, "key-name", "DECK_TOKEN"},
		{"terraform variable", "terraform", "GITHUB_TOKEN", "${var.github_token}", evidence.ValueConfigReference, true, "key-name", "var.github_token"},
		{"terraform attribute in a header", "terraform", "Authorization", "Bearer ${google_secret_manager_secret_version.mcp.secret_data}", evidence.ValueConfigReference, true, "key-name", "google_secret_manager_secret_version.mcp.secret_data"},
		{"helm default literal", "kubernetes", "JWT_SECRET_KEY", `{{ .Values.jwt | default "Zq81mKx0pLr7TnB4" | quote }}`, evidence.ValueLiteralSecret, true, "key-name", ""},
		{"helm literal piped", "kubernetes", "password", `{{- "Hunter2Hunter2x" | b64enc }}`, evidence.ValueLiteralSecret, true, "key-name", ""},
		{"helm required message", "kubernetes", "password", `{{ required "set the admin password" .Values.password }}`, evidence.ValuePlaceholder, true, "", ""},
		{"helm value only", "kubernetes", "password", `{{ .Values.auth.password | quote }}`, evidence.ValuePlaceholder, true, "", ""},
		{"placeholder angle", "claude-code", "NOTION_API_TOKEN", "<paste-your-notion-internal-integration-token-here>", evidence.ValuePlaceholder, true, "", ""},
		{"placeholder your", "cursor", "API_KEY", "YOUR_API_KEY", evidence.ValuePlaceholder, true, "", ""},
		{"placeholder here", "cursor", "API_KEY", "your-api-key-here", evidence.ValuePlaceholder, true, "", ""},
		{"placeholder xxx", "cursor", "TOKEN", "xxxxxxxxxxxx", evidence.ValuePlaceholder, true, "", ""},
		{"placeholder dots", "cursor", "TOKEN", "...", evidence.ValuePlaceholder, true, "", ""},
		{"placeholder bearer token", "cursor", "Authorization", "Bearer <token>", evidence.ValuePlaceholder, true, "", ""},
		{"placeholder replace me", "cursor", "SECRET", "REPLACE_ME", evidence.ValuePlaceholder, true, "", ""},
		{"placeholder prefix x", "cursor", "OPENAI_API_KEY", "sk-xxxxxxxx", evidence.ValuePlaceholder, true, "", ""},
		{"placeholder non-credential", "cursor", "REGION", "<your-region>", evidence.ValuePlaceholder, false, "", ""},
		{"github token", "cursor", "GITHUB_TOKEN", "ghp_" + strings.Repeat("a1B2", 9), evidence.ValueLiteralSecret, true, "token-shape:github", ""},
		{"github token no key", "cursor", "X", "ghp_" + strings.Repeat("a1B2", 9), evidence.ValueLiteralSecret, true, "token-shape:github", ""},
		{"fine-grained pat", "cursor", "", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", evidence.ValueLiteralSecret, true, "token-shape:github", ""},
		{"anthropic", "cursor", "", "sk-ant-api03-" + strings.Repeat("Ab3_", 10), evidence.ValueLiteralSecret, true, "token-shape:anthropic", ""},
		{"openai proj", "cursor", "", "sk-proj-" + strings.Repeat("Ab3x", 10), evidence.ValueLiteralSecret, true, "token-shape:openai", ""},
		{"openai", "cursor", "", "sk-" + strings.Repeat("Ab3x", 10), evidence.ValueLiteralSecret, true, "token-shape:openai", ""},
		{"slack", "cursor", "", "xoxb-123456789012-abcdefABCDEF", evidence.ValueLiteralSecret, true, "token-shape:slack", ""},
		{"slack app", "cursor", "", "xapp-1-A0123-456-abcdef", evidence.ValueLiteralSecret, true, "token-shape:slack", ""},
		{"aws", "cursor", "", "AKIAIOSFODNN7EXAMPLE", evidence.ValueLiteralSecret, true, "token-shape:aws", ""},
		{"google", "cursor", "", "AIza" + strings.Repeat("Sy0_", 8) + "abc", evidence.ValueLiteralSecret, true, "token-shape:google", ""},
		{"gitlab", "cursor", "", "glpat-" + strings.Repeat("x1Y2", 5), evidence.ValueLiteralSecret, true, "token-shape:gitlab", ""},
		{"npm", "cursor", "", "npm_" + strings.Repeat("a1B2", 9), evidence.ValueLiteralSecret, true, "token-shape:npm", ""},
		{"huggingface", "cursor", "", "hf_" + strings.Repeat("a1B2", 8), evidence.ValueLiteralSecret, true, "token-shape:huggingface", ""},
		{"stripe", "cursor", "", "sk_live_" + strings.Repeat("a1B2", 6), evidence.ValueLiteralSecret, true, "token-shape:stripe", ""},
		{"stripe restricted", "cursor", "", "rk_live_" + strings.Repeat("a1B2", 6), evidence.ValueLiteralSecret, true, "token-shape:stripe", ""},
		{"jwt", "cursor", "", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", evidence.ValueLiteralSecret, true, "jwt", ""},
		{"pem", "cursor", "", "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----", evidence.ValueLiteralSecret, true, "pem", ""},
		{"postgres url", "cursor", "DATABASE_URL", "postgres://app:s3cretpw@db:5432/app", evidence.ValueLiteralSecret, true, "connection-string", ""},
		{"https userinfo", "cursor", "URL", "https://bob:hunter22@example.com/x", evidence.ValueLiteralSecret, true, "url-password", ""},
		{"url with reference password", "claude-code", "DATABASE_URL", "postgres://app:${DB_PASSWORD}@db/app", evidence.ValueEnvReference, true, "key-name", "DB_PASSWORD"},
		{"ado connection string", "cursor", "CONN", "Server=tcp:x;Database=d;User Id=u;Password=Sup3rS3cret!;", evidence.ValueLiteralSecret, true, "connection-string", ""},
		{"redis options connection string", "cursor", "Redis__ConnectionString", "redis-service:6379,password=Sup3rS3cret!,ssl=False", evidence.ValueLiteralSecret, true, "connection-string", ""},
		{"key name", "cline", "MSSQL_PASSWORD", "FakeP4sswordNotReal0000", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"key name brave", "cline", "BRAVE_API_KEY", "BSAFk3eXmpl0Dummy00KeyNotReal12", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"entropy without key", "cline", "CONFIG", "BSAFk3eXmpl0Dummy00KeyNotReal12", evidence.ValueLiteralSecret, true, "entropy", ""},
		{"example password", "gemini-cli", "OPENAI_API_KEY", "Example!000", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"weak default", "cursor", "BASIC_AUTH_PASSWORD", "changeme", evidence.ValueLiteralSecret, true, "weak-default", ""},
		{"weak default variant", "cursor", "REDIS_PASSWORD", "change-me-redis", evidence.ValueLiteralSecret, true, "weak-default", ""},
		{"weak admin123", "cursor", "PGADMIN_PASSWORD", "admin123", evidence.ValueLiteralSecret, true, "weak-default", ""},
		{"weak minio", "cursor", "MINIO_SECRET_KEY", "minioadmin", evidence.ValueLiteralSecret, true, "weak-default", ""},
		{"bearer literal", "cursor", "Authorization", "Bearer abcdef123456", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"baked-in default", "claude-code", "DB_PASSWORD", "${DB_PASSWORD:-hunter2hunter2}", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"pwd false friend", "cursor", "PWD", "/home/me/project", evidence.ValueLiteral, false, "", ""},
		{"pwd value", "cursor", "PWD", "s3cr3tvalue", evidence.ValueLiteral, false, "", ""},
		{"max tokens", "cursor", "MAX_TOKENS", "4096", evidence.ValueLiteral, false, "", ""},
		{"token expiry", "cursor", "TOKEN_EXPIRY", "1440", evidence.ValueLiteral, false, "", ""},
		{"token url", "cursor", "OAUTH_TOKEN_URL", "https://auth.example.com/token", evidence.ValueLiteral, false, "", ""},
		{"password min length", "cursor", "PASSWORD_MIN_LENGTH", "12", evidence.ValueLiteral, false, "", ""},
		{"tokenizers", "cursor", "TOKENIZERS_PARALLELISM", "false", evidence.ValueLiteral, false, "", ""},
		{"credential boolean", "cursor", "USE_AUTH", "true", evidence.ValueLiteral, false, "", ""},
		{"credential path", "cursor", "GOOGLE_APPLICATION_CREDENTIALS", "/etc/gcp/creds.json", evidence.ValueLiteral, false, "", ""},
		{"key name of key", "cursor", "passwordKey", "POSTGRES_PASSWORD", evidence.ValueLiteral, false, "", ""},
		{"leader key", "cursor", "REDIS_LEADER_KEY", "gateway_service_leader", evidence.ValueLiteral, false, "", ""},
		{"uuid", "cursor", "WORKSPACE", "123e4567-e89b-12d3-a456-426614174000", evidence.ValueLiteral, false, "", ""},
		{"package name", "cursor", "", "@modelcontextprotocol/server-filesystem", evidence.ValueLiteral, false, "", ""},
		{"camel identifier", "cursor", "CLASS", "AbstractSingletonProxyFactoryBean", evidence.ValueLiteral, false, "", ""},
		{"dollar in password", "cline", "DB_PASSWORD", "pa$$w0rdIsLong", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"unexpanded with literal password", "cline", "DB_PASSWORD", "Xy7$HOMEq9zzLong", evidence.ValueLiteralSecret, true, "key-name", ""},
		// Under a credential key the value is the credential whatever it
		// looks like: a PIN, a base64 key starting with "/", a version-shaped
		// password, a token as a URL's user.
		{"all-digit token", "cursor", "API_TOKEN", "8423917650", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"all-digit password", "cursor", "ADMIN_PASSWORD", "4815162342", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"pin", "cursor", "PIN_PASSWORD", "4815", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"base64 key starting with a slash", "cursor", "SECRET_KEY", "/8fK2mQ9zR4tY7wE1uIo3pA5sD6fG7hJ8kL9==", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"version-shaped password", "cursor", "API_PASSWORD", "1.0-Xq7secretvalue", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"sentry dsn", "cursor", "SENTRY_DSN", "https://a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6@o1.ingest.sentry.io/1", evidence.ValueLiteralSecret, true, "url-userinfo", ""},
		{"token as url user", "cursor", "GIT_REMOTE", "https://x7Kp2Lm9Qr4Tz8Wv3Ny6aB3dE5fG@git.example.com/repo", evidence.ValueLiteralSecret, true, "url-userinfo", ""},
		{"name as url user", "cursor", "DATABASE_URL", "postgres://postgres@localhost:5432/app", evidence.ValueLiteral, false, "", ""},
		{"ssh user", "cursor", "REPO", "ssh://git@github.com/o/r.git", evidence.ValueLiteral, false, "", ""},
		{"short count under credential key", "cursor", "AUTH", "1", evidence.ValueLiteral, false, "", ""},
		{"yaml block header under credential key", "cursor", "token", "|", evidence.ValueLiteral, false, "", ""},
		{"punctuation under credential key", "cursor", "Authorization", ",", evidence.ValueLiteral, false, "", ""},
		{"home path under credential key", "cursor", "GOOGLE_APPLICATION_CREDENTIALS", "/Users/me/.config/gcloud/application_default_credentials.json", evidence.ValueLiteral, false, "", ""},
		{"url under credential key", "cursor", "AUTH_SERVER_URL_OVERRIDE", "https://auth.example.com", evidence.ValueLiteral, false, "", ""},
		// Names as people write them: numbered, run together, abbreviated.
		{"libpq password", "cursor", "PGPASSWORD", "Summer2024", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"numbered token", "cursor", "GITHUB_TOKEN2", "Summer2025", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"numbered password", "cursor", "DB_PASSWORD3", "%DB_USER%:pwSummer", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"run-together secret", "cursor", "CLIENTSECRET", "Summer2026", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"run-together pass", "cursor", "DBPASS", "Summer2027", evidence.ValueLiteralSecret, true, "key-name", ""},
		{"run-together token", "cursor", "GITHUBTOKEN", "Summer2028", evidence.ValueLiteralSecret, true, "key-name", ""},
		// Known formats, whatever the key.
		{"azure storage", "cursor", "AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFy+/Zm9vYmFyZm9vYmFyZm9vYmE=;EndpointSuffix=core.windows.net", evidence.ValueLiteralSecret, true, "connection-string", ""},
		{"service bus", "cursor", "SB", "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=Qm9vYmFy+/Zm9vYmFyZm9vYmE=", evidence.ValueLiteralSecret, true, "connection-string", ""},
		{"slack webhook", "cursor", "HOOK", "https://hooks.slack.com/services/T0001/B0002/slackwebhooksecret012345", evidence.ValueLiteralSecret, true, "token-shape:slack-webhook", ""},
		{"telegram bot url", "cursor", "BOT", "https://api.telegram.org/bot123456789:AAtelegramsecret0123456789abcdef/sendMessage", evidence.ValueLiteralSecret, true, "token-shape:telegram", ""},
		{"telegram token", "cursor", "X", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", evidence.ValueLiteralSecret, true, "token-shape:telegram", ""},
		{"discord webhook", "cursor", "X", "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyzABCDEF012345", evidence.ValueLiteralSecret, true, "token-shape:discord-webhook", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(tt.key, tt.value, SyntaxFor(tt.client))
			if got.Kind != tt.kind || got.Secret != tt.secret || got.Reason != tt.reason || got.Ref != tt.ref {
				t.Fatalf("Classify(%q, %q, %s) = %+v; want kind=%s secret=%v reason=%q ref=%q",
					tt.key, tt.value, tt.client, got, tt.kind, tt.secret, tt.reason, tt.ref)
			}
			switch got.Kind {
			case evidence.ValueLiteralSecret:
				if strings.Contains(got.Text, tt.value) || !strings.HasPrefix(got.Text, "[REDACTED:") {
					t.Errorf("secret Text %q reveals or is not redacted", got.Text)
				}
				if len(got.Fingerprint) != 12 || got.Shape == "" {
					t.Errorf("secret lacks fingerprint or shape: %+v", got)
				}
			case evidence.ValueEmpty:
			default:
				if got.Text != tt.value {
					t.Errorf("Text = %q, want the value %q", got.Text, tt.value)
				}
			}
		})
	}
}

func TestIsCredentialKey(t *testing.T) {
	yes := []string{"GITHUB_TOKEN", "token", "SECRET", "DB_PASSWORD", "MYSQL_PWD", "DB_PASS", "API_KEY", "apiKey",
		"APIKEY", "X-API-Key", "AWS_SECRET_ACCESS_KEY", "ACCESS_KEY", "PRIVATE_KEY", "CREDENTIALS", "clientSecret",
		"CLIENT_SECRET", "Authorization", "AUTH", "Cookie", "SESSION_TOKEN", "SESSION", "--api-key", "--token",
		"--password", "OPENAI_KEY", "KEY", "JWT_SECRET_KEY", "X-Auth-Token", "GITHUB_PAT", "REFRESH_TOKEN",
		"Proxy-Authorization", "AUTH_ENCRYPTION_SECRET",
		// numbered, run together, abbreviated
		"PGPASSWORD", "DB_PASSWORD3", "PASSWORD2", "GITHUB_TOKEN2", "CLIENTSECRET", "DBPASS", "GITHUBTOKEN",
		"OAUTH2_TOKEN", "MYSQLPWD", "OPENAIAPIKEY", "STORAGEACCOUNTKEY", "SharedAccessKey", "dbPass", "S3_SECRET",
		"HUGGINGFACEHUB_API_TOKEN", "MASTERKEY", "redisPassword2"}
	no := []string{"PWD", "MAX_TOKENS", "TOKEN_EXPIRY", "OAUTH_TOKEN_URL", "PASSWORD_MIN_LENGTH",
		"TOKENIZERS_PARALLELISM", "AUTH_REQUIRED", "MCP_CLIENT_AUTH_ENABLED", "BASIC_AUTH_USER", "JWT_ALGORITHM",
		"JWT_AUDIENCE", "passwordKey", "REDIS_LEADER_KEY", "AWS_ACCESS_KEY_ID", "PUBLIC_KEY", "PATH", "HOME",
		"LOG_LEVEL", "SECRETS_DIR", "PASSWORD_FILE", "AUTH_CACHE_REVOCATION_TTL", "", "MAX_TOKEN", "API_KEY_HEADER",
		"STRIPE_PUBLISHABLE_KEY", "PASS_THROUGH",
		// words that end like a credential word, and settings about one
		"OLDPWD", "BYPASS", "BYPASS_PROXY", "COMPASS_URL", "KEYBOARD", "MONKEY", "HOCKEY_KEY_ID", "PGPASSFILE",
		"PASSWORDFILE", "TOKENURL", "MAXTOKEN", "NEXTTOKEN", "PAGE_TOKEN2_URL", "PASS", "KEYS", "TOKENS2"}
	for _, k := range yes {
		if !IsCredentialKey(k) {
			t.Errorf("IsCredentialKey(%q) = false, want true", k)
		}
	}
	for _, k := range no {
		if IsCredentialKey(k) {
			t.Errorf("IsCredentialKey(%q) = true, want false", k)
		}
	}
}

func TestShapeAndFingerprint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ghp_" + strings.Repeat("x", 36), "ghp_…(40)"},
		{"github_pat_" + strings.Repeat("y", 30), "github_pat_…(41)"},
		{"sk-ant-" + strings.Repeat("z", 30), "sk-ant-…(37)"},
		{"FakeP4sswordNotReal0000", "…(23)"},
		{"ghp_", "…(4)"}, // too short to reveal a prefix
	}
	for _, tt := range tests {
		if got := Shape(tt.in); got != tt.want {
			t.Errorf("Shape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Fingerprint("abc"); got != "ba7816bf8f01" {
		t.Errorf("Fingerprint(abc) = %q", got)
	}
}

func TestLooksSecret(t *testing.T) {
	tests := []struct {
		key, value string
		want       bool
		reason     string
	}{
		{"API_KEY", "abcd1234efgh", true, "key-name"},
		{"API_KEY", "<token>", false, ""},
		{"API_KEY", "", false, ""},
		{"NAME", "hello world", false, ""},
		{"", "AKIAIOSFODNN7EXAMPLE", true, "token-shape:aws"},
		// The scheme alone, as a line-oriented scan sees it before a
		// reference ("Authorization: Bearer ${{ secrets.X }}"), is no secret.
		{"Authorization", "Bearer", false, ""},
		{"Authorization", "basic", false, ""},
		{"Authorization", "Bearer abcd1234efgh", true, "key-name"},
	}
	for _, tt := range tests {
		got, reason := LooksSecret(tt.key, tt.value)
		if got != tt.want || reason != tt.reason {
			t.Errorf("LooksSecret(%q, %q) = %v, %q; want %v, %q", tt.key, tt.value, got, reason, tt.want, tt.reason)
		}
	}
}

func TestSyntaxForUnknownClientExpandsNothing(t *testing.T) {
	syn := SyntaxFor("no-such-client")
	if syn != (Syntax{Client: "no-such-client"}) {
		t.Fatalf("SyntaxFor(unknown) = %+v", syn)
	}
	if v := Classify("X", "${env:X}", syn); v.Kind != evidence.ValueUnexpandedReference {
		t.Fatalf("unknown client expanded a reference: %+v", v)
	}
}
