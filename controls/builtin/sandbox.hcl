# Sandbox: a server run in a container is only isolated if the container is.
# These controls judge the docker/podman run flags of stdio servers that are launched.

control "MCP-SANDBOX-01" {
  title       = "Server containers are not privileged"
  family      = "sandbox"
  severity    = "critical"
  risks       = ["local-server-compromise", "excessive-scope"]
  subject     = "server"
  description = "The server's container runs with `--privileged`, which gives it every capability and access to all host devices. A compromised or malicious server escapes the container trivially and owns the host."
  remediation = "Remove `--privileged`. If the server needs one specific capability, add only that with `--cap-add`, and run as a non-root user (`--user`) with `--read-only` and `--security-opt no-new-privileges`."

  when = <<-CUE
    ignored:  false
    launch: container: image: string
  CUE
  check = <<-CUE
    launch: container: privileged: false
  CUE
  message = "{{.name}} in {{.location}} runs container {{.launch.container.image}} with --privileged"

  example "privileged container fails" {
    expect  = "fail"
    subject = { name = "dind", disabled = false, ignored = false, launch = { command = "docker", container = { image = "docker/mcp-gateway:dind", privileged = true } } }
  }
  example "unprivileged container passes" {
    expect  = "pass"
    subject = { name = "fetch", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/fetch", privileged = false } } }
  }
  example "non-container launch is not applicable" {
    expect  = "not-applicable"
    subject = { name = "time", disabled = false, ignored = false, launch = { command = "uvx" } }
  }
}

control "MCP-SANDBOX-02" {
  title       = "Server containers do not share host namespaces"
  family      = "sandbox"
  severity    = "high"
  risks       = ["local-server-compromise", "open-egress", "dns-rebinding"]
  subject     = "server"
  description = "The container joins the host network (`--network host`) or PID namespace (`--pid host`). With the host network it can reach every service bound to localhost on the host, including other MCP servers and admin interfaces, and anything it listens on is exposed like a host process; with the host PID namespace it can see and signal every process."
  remediation = "Drop `--network host` and `--pid host`. Use the default bridge network (or `--network none` for servers that need no network) and publish only the ports that are needed, bound to 127.0.0.1."

  when = <<-CUE
    ignored:  false
    launch: container: image: string
  CUE
  check = <<-CUE
    launch: container: host_network: false
    launch: container: host_pid:     false
  CUE
  message = "{{.name}} in {{.location}} runs container {{.launch.container.image}} in a host namespace ({{.failing}})"

  example "host network fails" {
    expect  = "fail"
    subject = { name = "sqlite", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/sqlite", network = "host", host_network = true, host_pid = false } } }
  }
  example "host pid fails" {
    expect  = "fail"
    subject = { name = "debug", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/debug", host_network = false, host_pid = true } } }
  }
  example "isolated namespaces pass" {
    expect  = "pass"
    subject = { name = "sqlite", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/sqlite", host_network = false, host_pid = false } } }
  }
}

control "MCP-SANDBOX-03" {
  title       = "The container engine socket is not mounted into servers"
  family      = "sandbox"
  severity    = "critical"
  risks       = ["local-server-compromise", "excessive-scope"]
  subject     = "server"
  description = "The Docker or Podman socket is mounted into the server's container (`-v /var/run/docker.sock:/var/run/docker.sock`). Control of the container engine is root on the host: the server (or anyone who injects instructions into it) can start a privileged container that mounts the host filesystem."
  remediation = "Do not mount the engine socket into MCP servers. If a server must manage containers, run it against a rootless engine or a socket proxy that allows only the API calls it needs, and never together with untrusted tools."

  when = <<-CUE
    ignored:  false
    launch: container: image: string
  CUE
  check = <<-CUE
    launch: container: docker_socket: false
  CUE
  message = "{{.name}} in {{.location}} mounts the container engine socket into {{.launch.container.image}}"

  example "docker.sock mount fails" {
    expect  = "fail"
    subject = { name = "docker", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/docker", docker_socket = true, mounts = [{ source = "/var/run/docker.sock", target = "/var/run/docker.sock", read_only = false, host_path = true, broad = false }] } } }
  }
  example "no socket passes" {
    expect  = "pass"
    subject = { name = "fetch", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/fetch", docker_socket = false } } }
  }
}

control "MCP-SANDBOX-04" {
  title       = "Host directories are mounted read-only"
  family      = "sandbox"
  severity    = "medium"
  risks       = ["excessive-scope", "local-server-compromise"]
  subject     = "server"
  description = "A host directory is bind-mounted into the server's container read-write. Anything the model can be induced to do through the server's tools (overwriting files, planting scripts, editing dotfiles in a mounted home) then lands on the host."
  remediation = "Mount host paths read-only (`-v /path:/data:ro` or `--mount type=bind,src=/path,dst=/data,readonly`), and give write access only to a dedicated directory the server actually needs to write to."

  when = <<-CUE
    ignored:  false
    launch: container: image: string
  CUE
  check = <<-CUE
    launch: container: mounts?: [...({host_path: false} | {read_only: true})]
  CUE
  message = "{{.name}} in {{.location}} mounts host path(s) read-write into {{.launch.container.image}}:{{$sep := \" \"}}{{range .launch.container.mounts}}{{if and .host_path (not .read_only)}}{{$sep}}{{.source}}{{$sep = \", \"}}{{end}}{{end}}"

  example "read-write bind mount fails" {
    expect  = "fail"
    subject = { name = "fs", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/filesystem", mounts = [{ source = "/Users/me/projects", target = "/projects", read_only = false, host_path = true, broad = false }] } } }
  }
  example "read-only bind and named volume pass" {
    expect  = "pass"
    subject = { name = "fs", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/filesystem", mounts = [{ source = "/Users/me/projects", target = "/projects", read_only = true, host_path = true, broad = false }, { source = "cache", target = "/cache", read_only = false, host_path = false, broad = false }] } } }
  }
  example "no mounts pass" {
    expect  = "pass"
    subject = { name = "fetch", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/fetch" } } }
  }
}

control "MCP-SANDBOX-05" {
  title       = "Server container ports are not published on all interfaces"
  family      = "sandbox"
  severity    = "medium"
  risks       = ["missing-authentication", "dns-rebinding"]
  subject     = "server"
  description = "The container publishes a port without a host address (`-p 8080:8080`), so it listens on every interface of the machine and anyone on the same network can reach the server, which for local MCP servers rarely has authentication."
  remediation = "Bind published ports to loopback (`-p 127.0.0.1:8080:8080`), or do not publish at all for stdio servers, which talk over stdin and stdout."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#security-warning"]

  when = <<-CUE
    ignored:  false
    launch: container: image: string
  CUE
  check = <<-CUE
    launch: container: published_all_interfaces: false
  CUE
  message = "{{.name}} in {{.location}} publishes container ports on all interfaces"

  example "-p 8080:8080 fails" {
    expect  = "fail"
    subject = { name = "sqlite", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/sql-lite", published_all_interfaces = true, ports = [{ host_port = "8080", container_port = "8080" }] } } }
  }
  example "loopback binding passes" {
    expect  = "pass"
    subject = { name = "sqlite", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/sql-lite", published_all_interfaces = false, ports = [{ host_ip = "127.0.0.1", host_port = "8080", container_port = "8080" }] } } }
  }
}

control "MCP-SANDBOX-06" {
  title       = "Server containers do not add dangerous capabilities"
  family      = "sandbox"
  severity    = "high"
  risks       = ["local-server-compromise", "excessive-scope"]
  subject     = "server"
  description = "The container is given a Linux capability that defeats isolation (`--cap-add SYS_ADMIN`, `ALL`, `SYS_PTRACE`, `SYS_MODULE`, `NET_ADMIN`, `DAC_READ_SEARCH`, `DAC_OVERRIDE`, `SYS_RAWIO`, `BPF`). Each of these has known container-escape or host-tampering paths."
  remediation = "Remove the capability. Most MCP servers need none; run with `--cap-drop ALL` and add back only a harmless capability the server demonstrably needs."

  when = <<-CUE
    ignored:  false
    launch: container: image: string
  CUE
  check = <<-CUE
    launch: container: cap_add?: [...!~"(?i)^(cap_)?(sys_admin|all|sys_ptrace|sys_module|net_admin|dac_read_search|dac_override|sys_rawio|bpf)$"]
  CUE
  message = "{{.name}} in {{.location}} adds dangerous capabilities to {{.launch.container.image}} ({{.failing}})"

  example "SYS_ADMIN fails" {
    expect  = "fail"
    subject = { name = "fuse", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/fuse", cap_add = ["SYS_ADMIN"] } } }
  }
  example "harmless capability passes" {
    expect  = "pass"
    subject = { name = "ping", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/ping", cap_add = ["NET_RAW"] } } }
  }
  example "no added capabilities pass" {
    expect  = "pass"
    subject = { name = "fetch", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/fetch" } } }
  }
}

control "MCP-SANDBOX-07" {
  title       = "Servers are not given broad filesystem roots"
  family      = "sandbox"
  severity    = "high"
  risks       = ["excessive-scope", "sensitive-data-oversharing"]
  subject     = "server"
  description = "A filesystem-capable server is handed `/`, a drive root, a whole home directory or a dotfile directory (`~/.ssh`, `~/.aws`, `~/.config`), directly or as a container mount. Every credential, key and private document under it becomes reachable by the model, and by any instruction injected into content it reads."
  remediation = "Give the server only the project or data directories it needs (`/Users/me/projects/app`), never a home directory or dotfiles; for containers, mount just those directories, read-only where possible."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#scope-minimization"]

  when = <<-CUE
    ignored:  false
  CUE
  check = <<-CUE
    filesystem_roots?: [...{broad: false}]
    launch?: container?: mounts?: [...{broad: false}]
  CUE
  message = "{{.name}} in {{.location}} is given broad filesystem access:{{$sep := \" \"}}{{range .filesystem_roots}}{{if .broad}}{{$sep}}{{.path}} ({{.reason}}){{$sep = \", \"}}{{end}}{{end}}{{if eq $sep \" \"}}{{with .launch}}{{with .container}}{{range .mounts}}{{if .broad}}{{$sep}}{{.source}} (mounted into the container){{$sep = \", \"}}{{end}}{{end}}{{end}}{{end}}{{end}}"

  example "home directory root fails" {
    expect  = "fail"
    subject = { name = "filesystem", disabled = false, ignored = false, filesystem_roots = [{ path = "/Users/zhuyao", broad = true, reason = "home" }] }
  }
  example "home mounted into a container fails" {
    expect  = "fail"
    subject = { name = "fs", disabled = false, ignored = false, launch = { command = "docker", container = { image = "mcp/filesystem", mounts = [{ source = "/home/me", target = "/home", read_only = true, host_path = true, broad = true }] } } }
  }
  example "project directory passes" {
    expect  = "pass"
    subject = { name = "filesystem", disabled = false, ignored = false, filesystem_roots = [{ path = "/Users/me/projects/app", broad = false }] }
  }
  example "disabled entry is still judged: it is one toggle away from running" {
    expect  = "fail"
    subject = { name = "filesystem", disabled = true, ignored = false, filesystem_roots = [{ path = "/", broad = true, reason = "root" }] }
  }
}
