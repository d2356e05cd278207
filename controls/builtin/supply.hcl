# Supply chain: what a client downloads and runs when it starts a server must be
# the code that was reviewed, fetched from where it was meant to come from.
# Disabled and ignored entries are not launched, so these controls skip them.

control "MCP-SUPPLY-01" {
  title       = "Server packages are pinned to an exact version"
  family      = "supply-chain"
  severity    = "medium"
  risks       = ["supply-chain-tampering", "rug-pull"]
  subject     = "server"
  description = "A server is launched through a package runner (npx, uvx, bunx, pipx, pnpm dlx…) without an exact version, or with a version range. Every start resolves whatever the registry serves at that moment, so a compromised maintainer account, a hijacked package or a malicious update runs with the user's privileges without any review."
  remediation = "Pin an exact version (`npx -y @scope/server@1.4.2`, `uvx mcp-server-time==0.6.2`) and update it deliberately after review, or install the server once into a managed location and launch the installed binary."
  references  = ["https://owasp.org/www-project-mcp-top-10/", "https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#local-mcp-server-compromise"]

  when = <<-CUE
    ignored:  false
    launch: package: ecosystem: !="oci"
  CUE
  check = <<-CUE
    launch: package: pinning: "exact" | "digest" | "local"
  CUE
  message = "{{.name}} in {{.location}} runs {{.launch.package.name}} without an exact version (pinning: {{.launch.package.pinning}})"

  example "npx without a version fails" {
    expect  = "fail"
    subject = { name = "context7", disabled = false, ignored = false, launch = { command = "npx", runner = "npx", package = { ecosystem = "npm", name = "@upstash/context7-mcp", pinning = "none", pinned = false } } }
  }
  example "caret range fails" {
    expect  = "fail"
    subject = { name = "fs", disabled = false, ignored = false, launch = { command = "npx", runner = "npx", package = { ecosystem = "npm", name = "@modelcontextprotocol/server-filesystem", version = "^2025.1.0", pinning = "range", pinned = false } } }
  }
  example "exact version passes" {
    expect  = "pass"
    subject = { name = "time", disabled = false, ignored = false, launch = { command = "uvx", runner = "uvx", package = { ecosystem = "pypi", name = "mcp-server-time", version = "0.6.2", pinning = "exact", pinned = true } } }
  }
  example "disabled entry is still judged: it is one toggle away from running" {
    expect  = "fail"
    subject = { name = "puppeteer", disabled = true, ignored = false, launch = { command = "npx", runner = "npx", package = { ecosystem = "npm", name = "@modelcontextprotocol/server-puppeteer", pinning = "none", pinned = false } } }
  }
  example "container image is left to MCP-SUPPLY-04" {
    expect  = "not-applicable"
    subject = { name = "sqlite", disabled = false, ignored = false, launch = { command = "docker", runner = "docker", package = { ecosystem = "oci", name = "mcp/sqlite", pinning = "tag", pinned = false } } }
  }
}

control "MCP-SUPPLY-02" {
  title       = "No floating `latest` versions or tags"
  family      = "supply-chain"
  severity    = "medium"
  risks       = ["supply-chain-tampering", "rug-pull"]
  subject     = "server"
  description = "A server package or image is requested explicitly as `@latest` or `:latest`. The configuration states outright that whatever is newest will run, including a release published minutes ago by a compromised account; the running version also differs between machines and over time, so findings cannot be reproduced."
  remediation = "Replace `latest` with an exact version (`@playwright/mcp@0.0.41`) or, for images, a digest (`mcp/sqlite@sha256:…`), and update deliberately."

  when = <<-CUE
    ignored:  false
    launch: package: pinning: string
  CUE
  check = <<-CUE
    launch: package: pinning: !="latest"
  CUE
  message = "{{.name}} in {{.location}} runs {{.launch.package.name}} at the floating latest version"

  example "npm @latest fails" {
    expect  = "fail"
    subject = { name = "eslint", disabled = false, ignored = false, launch = { command = "npx", runner = "npx", package = { ecosystem = "npm", name = "@eslint/mcp", version = "latest", pinning = "latest", pinned = false } } }
  }
  example "image :latest fails" {
    expect  = "fail"
    subject = { name = "sqlite", disabled = false, ignored = false, launch = { command = "docker", runner = "docker", package = { ecosystem = "oci", name = "mcp/sqlite", version = "latest", pinning = "latest", pinned = false } } }
  }
  example "exact version passes" {
    expect  = "pass"
    subject = { name = "eslint", disabled = false, ignored = false, launch = { command = "npx", runner = "npx", package = { ecosystem = "npm", name = "@eslint/mcp", version = "0.1.0", pinning = "exact", pinned = true } } }
  }
  example "no package is not applicable" {
    expect  = "not-applicable"
    subject = { name = "local", disabled = false, ignored = false, launch = { command = "/opt/mcp/server", runner = "binary" } }
  }
}

control "MCP-SUPPLY-03" {
  title       = "Package runners do not install without confirmation"
  family      = "supply-chain"
  severity    = "low"
  risks       = ["supply-chain-tampering", "consent-bypass"]
  subject     = "server"
  description = "The runner is told to install packages without asking (`npx -y`, `--yes`, `bunx -y`, `pnpm dlx --yes`). That removes the one prompt that shows which package is about to be downloaded and executed; combined with an unpinned or mistyped name, the first launch installs and runs arbitrary code. Registry `server.json` manifests are not judged here: they publish a package, and how a client installs it is decided by the client's own configuration."
  remediation = "Install the server package ahead of time at a pinned version (global install, a lockfile-managed tool directory, or a container image by digest) and launch the installed command; if a runner must fetch, pin the exact version so `-y` can only ever install the reviewed release."

  when = <<-CUE
    scope?:   !="registry"
    ignored:  false
    launch: runner: string
  CUE
  check = <<-CUE
    launch: auto_install: false
  CUE
  message = "{{.name}} in {{.location}} lets {{.launch.runner}} download and run packages without confirmation"

  example "npx -y fails" {
    expect  = "fail"
    subject = { name = "context7", disabled = false, ignored = false, launch = { command = "npx", runner = "npx", auto_install = true } }
  }
  example "installed binary passes" {
    expect  = "pass"
    subject = { name = "context7", disabled = false, ignored = false, launch = { command = "context7-mcp", runner = "binary", auto_install = false } }
  }
  example "registry manifest is not applicable" {
    expect  = "not-applicable"
    subject = { name = "rundeck-mcp", scope = "registry", disabled = false, ignored = false, launch = { command = "uvx", runner = "uvx", auto_install = true, package = { ecosystem = "pypi", name = "rundeck-mcp", version = "0.1.0", pinning = "exact", pinned = true } } }
  }
  example "project uvx still fails" {
    expect  = "fail"
    subject = { name = "gis-mcp", scope = "project", disabled = false, ignored = false, launch = { command = "uvx", runner = "uvx", auto_install = true } }
  }
  example "remote server is not applicable" {
    expect  = "not-applicable"
    subject = { name = "linear", disabled = false, ignored = false, remote = { url = "https://mcp.linear.app/mcp" } }
  }
}

control "MCP-SUPPLY-04" {
  title       = "Container images are pinned by digest"
  family      = "supply-chain"
  severity    = "medium"
  risks       = ["supply-chain-tampering", "rug-pull"]
  subject     = "server"
  description = "A server runs in a container image referenced by a tag (`mcp/github:1.2`, `:dind`) or no tag at all. Tags are mutable: the registry can serve different content under the same name tomorrow, and image signature verification cannot be tied to what was reviewed."
  remediation = "Reference the image by digest (`docker run --rm -i mcp/github@sha256:…`), optionally keeping the tag for readability (`mcp/github:1.2@sha256:…`), and verify its signature where the publisher signs images."
  references  = ["https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier"]

  when = <<-CUE
    ignored:  false
    launch: package: name:      string
    launch: package: ecosystem: "oci"
  CUE
  check = <<-CUE
    launch: package: pinning: "digest" | "local"
  CUE
  message = "{{.name}} in {{.location}} runs image {{.launch.package.name}} without a digest (pinning: {{.launch.package.pinning}})"

  example "tagged image fails" {
    expect  = "fail"
    subject = { name = "github", disabled = false, ignored = false, launch = { command = "docker", runner = "docker", package = { ecosystem = "oci", name = "ghcr.io/github/github-mcp-server", version = "v0.4.0", pinning = "tag", pinned = false } } }
  }
  example "untagged image fails" {
    expect  = "fail"
    subject = { name = "fetch", disabled = false, ignored = false, launch = { command = "docker", runner = "docker", package = { ecosystem = "oci", name = "mcp/fetch", pinning = "none", pinned = false } } }
  }
  example "digest passes" {
    expect  = "pass"
    subject = { name = "duckduckgo", disabled = false, ignored = false, launch = { command = "docker", runner = "docker", package = { ecosystem = "oci", name = "mcp/duckduckgo", digest = "sha256:68eb20db6109f5c312a695fc5ec3386ad15d93ffb765a0b4eb1baf4328dec14f", pinning = "digest", pinned = true } } }
  }
  example "launch without a package is not applicable" {
    expect  = "not-applicable"
    subject = { name = "local", disabled = false, ignored = false, launch = { command = "/opt/mcp/server", runner = "binary" } }
  }
  example "npm package is not applicable" {
    expect  = "not-applicable"
    subject = { name = "fs", disabled = false, ignored = false, launch = { command = "npx", runner = "npx", package = { ecosystem = "npm", name = "x", pinning = "none", pinned = false } } }
  }
}

control "MCP-SUPPLY-05" {
  title       = "Servers are not launched through a shell wrapper"
  family      = "supply-chain"
  severity    = "medium"
  risks       = ["command-injection", "local-server-compromise"]
  subject     = "server"
  description = "The server command is a shell (`bash -c`, `sh -c`, `cmd /c`, `powershell -c`, `wsl … bash -c`) that interprets a command string. Whatever ends up in that string runs with the user's privileges, reviewers and clients see only the shell rather than the program that actually starts, and expansion, quoting and chaining (`&&`, `;`, `|`) make the effective command hard to audit."
  remediation = "Launch the server program directly with its arguments as a list (`\"command\": \"npx\", \"args\": [\"-y\", \"pkg@1.2.3\"]`). On Windows use `npx.cmd` or the full path of the executable instead of `cmd /c`. Put environment setup in `env`, not in a shell prefix."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#local-mcp-server-compromise"]

  when = <<-CUE
    ignored:  false
    launch: command: string
  CUE
  check = <<-CUE
    launch: shell_wrapper?: ""
  CUE
  message = "{{.name}} in {{.location}} is started through a shell wrapper ({{.launch.shell_wrapper}})"

  example "cmd /c fails" {
    expect  = "fail"
    subject = { name = "brave", disabled = false, ignored = false, launch = { command = "cmd.exe", runner = "shell", shell_wrapper = "cmd /c", args = ["/c", "npx.cmd", "-y", "brave-mcp"] } }
  }
  example "bash -c fails" {
    expect  = "fail"
    subject = { name = "tools", disabled = false, ignored = false, launch = { command = "bash", runner = "shell", shell_wrapper = "bash -c" } }
  }
  example "direct launch passes" {
    expect  = "pass"
    subject = { name = "brave", disabled = false, ignored = false, launch = { command = "npx", runner = "npx" } }
  }
}

control "MCP-SUPPLY-06" {
  title       = "No download piped into a shell"
  family      = "supply-chain"
  severity    = "critical"
  risks       = ["command-injection", "supply-chain-tampering", "local-server-compromise"]
  subject     = "server"
  description = "The launch command downloads a script and pipes it into a shell (`curl … | sh`, `iwr … | iex`) every time the server starts. Whoever controls that URL, its DNS or any hop without TLS runs arbitrary code on the machine at each launch, with no version, no integrity check and no record of what ran."
  remediation = "Download and review the installer once, verify its checksum or signature, install the server to a fixed location and launch the installed program directly."

  when = <<-CUE
    ignored:  false
    launch: command: string
  CUE
  check = <<-CUE
    launch: pipe_to_shell: false
  CUE
  message = "{{.name}} in {{.location}} pipes a download into a shell each time it starts"

  example "curl | sh fails" {
    expect  = "fail"
    subject = { name = "installer", disabled = false, ignored = false, launch = { command = "sh", runner = "shell", shell_wrapper = "curl | sh", pipe_to_shell = true } }
  }
  example "plain launch passes" {
    expect  = "pass"
    subject = { name = "time", disabled = false, ignored = false, launch = { command = "uvx", runner = "uvx", pipe_to_shell = false } }
  }
}

control "MCP-SUPPLY-07" {
  title       = "No archived reference servers"
  family      = "supply-chain"
  severity    = "medium"
  risks       = ["supply-chain-tampering"]
  subject     = "server"
  description = "The server is a reference implementation that the MCP project moved to its archived servers repository (for example Brave Search, Puppeteer, GitHub, GitLab, Slack, PostgreSQL, SQLite, Redis, Google Drive). Archived packages receive no security fixes, and some have known issues that will never be patched."
  remediation = "Replace the archived package with its maintained successor (usually the vendor's official server, e.g. `@brave/brave-search-mcp-server`, `github/github-mcp-server`, `@playwright/mcp`) or remove the entry."
  references  = ["https://github.com/modelcontextprotocol/servers-archived"]

  when = <<-CUE
    ignored:  false
  CUE
  check = <<-CUE
    archived: false
  CUE
  message = "{{.name}} in {{.location}} runs an archived, unmaintained reference server"

  example "archived puppeteer fails" {
    expect  = "fail"
    subject = { name = "puppeteer", disabled = false, ignored = false, archived = true, launch = { command = "npx", package = { ecosystem = "npm", name = "@modelcontextprotocol/server-puppeteer" } } }
  }
  example "maintained server passes" {
    expect  = "pass"
    subject = { name = "playwright", disabled = false, ignored = false, archived = false }
  }
  example "disabled archived entry is still judged: it is one toggle away from running" {
    expect  = "fail"
    subject = { name = "brave", disabled = true, ignored = false, archived = true }
  }
}

control "MCP-SUPPLY-08" {
  title       = "Project configuration does not launch repository scripts by relative path"
  family      = "supply-chain"
  severity    = "medium"
  risks       = ["local-server-compromise", "command-injection"]
  subject     = "server"
  description = "A configuration committed to a repository starts a server from a script addressed by a relative path (`node .ai/mcp/launcher.mjs`, `python ./server.py`). Opening the project in the client runs whatever that path holds in the checked-out branch, so anyone who can push to the repository, or send a pull request that is checked out, chooses code that runs on every developer's machine."
  remediation = "Launch a pinned, published package or an installed binary instead, or move the entry to user scope so each developer opts in. Where a repository script is unavoidable, keep it under code-owner review and make clients ask before starting project servers."

  when = <<-CUE
    scope:    "project"
    ignored:  false
    launch: command: string
  CUE
  check = <<-CUE
    launch: relative_script: false
  CUE
  message = "{{.name}} in {{.location}} runs a repository script by relative path ({{.launch.command}})"

  example "relative node script fails" {
    expect  = "fail"
    subject = { name = "github", scope = "project", disabled = false, ignored = false, launch = { command = "node", args = [".ai/mcp/launchers/github.mjs"], runner = "node", relative_script = true } }
  }
  example "published package passes" {
    expect  = "pass"
    subject = { name = "github", scope = "project", disabled = false, ignored = false, launch = { command = "npx", runner = "npx", relative_script = false } }
  }
  example "user-scope entry is not applicable" {
    expect  = "not-applicable"
    subject = { name = "github", scope = "user", disabled = false, ignored = false, launch = { command = "node", relative_script = true } }
  }
}
