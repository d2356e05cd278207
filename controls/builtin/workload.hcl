# Workload: how MCP servers and gateways run in Kubernetes. These controls
# judge the pods of MCP workloads read from manifests, rendered Helm charts,
# kustomizations and live clusters. Facts Helm values do not state are left
# out of the evidence and not judged.

control "MCP-WORKLOAD-01" {
  title       = "MCP workloads do not run privileged containers"
  family      = "workload"
  severity    = "critical"
  risks       = ["local-server-compromise", "excessive-scope"]
  subject     = "workload"
  description = "A container of the MCP workload sets `securityContext.privileged: true`. It gets every capability and the node's devices: a server that a prompt injection or a poisoned tool turns against its operator owns the node and every pod on it."
  remediation = "Remove `privileged: true`. Grant the one capability the server needs, if any, and meet the Pod Security Standard `restricted` profile (non-root, no privilege escalation, capabilities dropped, RuntimeDefault seccomp)."
  references  = ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"]

  check = <<-CUE
    containers?: [...{privileged: false}]
  CUE
  message = "workload {{.object}} in {{.location}} runs privileged container(s):{{$sep := \" \"}}{{range .containers}}{{if .privileged}}{{$sep}}{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "privileged sidecar fails" {
    expect  = "fail"
    subject = { object = "Deployment/github-mcp", containers = [{ name = "mcp", privileged = false }, { name = "debug", privileged = true }] }
  }
  example "unprivileged containers pass" {
    expect  = "pass"
    subject = { object = "Deployment/github-mcp", containers = [{ name = "mcp", privileged = false }] }
  }
}

control "MCP-WORKLOAD-02" {
  title       = "MCP workloads do not share the node's namespaces"
  family      = "workload"
  severity    = "high"
  risks       = ["local-server-compromise", "open-egress"]
  subject     = "workload"
  description = "The pod sets `hostNetwork`, `hostPID` or `hostIPC`. With the node's network it reaches every service bound on the node (kubelet, metadata endpoints, other pods' host ports) and bypasses NetworkPolicies; with its PID or IPC namespace it sees and signals the node's processes."
  remediation = "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec; expose the server through a Service instead."
  references  = ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"]

  check = <<-CUE
    host_network: false
    host_pid:     false
    host_ipc:     false
  CUE
  message = "workload {{.object}} in {{.location}} shares node namespaces ({{.failing}})"

  example "host network fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", host_network = true }
  }
  example "pod namespaces pass" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", host_network = false, host_pid = false, host_ipc = false }
  }
}

control "MCP-WORKLOAD-03" {
  title       = "MCP workloads mount no node directories"
  family      = "workload"
  severity    = "high"
  risks       = ["local-server-compromise", "excessive-scope"]
  subject     = "workload"
  description = "The pod mounts a `hostPath` volume. Files of the node (its container runtime socket, kubelet credentials, other pods' data) become reachable through the server's tools; written paths let a compromised server plant files on the node. The Pod Security Standard `baseline` forbids hostPath volumes."
  remediation = "Replace hostPath volumes with persistent volumes, ConfigMaps or Secrets. If a node path is unavoidable, mount it read-only and narrow it to one file or folder."
  references  = ["https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"]

  check = <<-CUE
    host_paths?: []
  CUE
  message = "workload {{.object}} in {{.location}} mounts node path(s):{{$sep := \" \"}}{{range .host_paths}}{{$sep}}{{.path}}{{if not .read_only}} (read-write){{end}}{{$sep = \", \"}}{{end}}"

  example "docker socket fails" {
    expect  = "fail"
    subject = { object = "Deployment/docker-mcp", host_paths = [{ path = "/var/run/docker.sock", read_only = false }] }
  }
  example "no host path passes" {
    expect  = "pass"
    subject = { object = "Deployment/fetch" }
  }
}

control "MCP-WORKLOAD-04" {
  title       = "MCP containers run as a non-root user"
  family      = "workload"
  severity    = "medium"
  risks       = ["local-server-compromise"]
  subject     = "workload"
  description = "A container may run as root: neither it nor the pod sets `runAsNonRoot: true` or a `runAsUser` other than 0, so the image's user decides, and most MCP server images run as root. Root in the container turns a kernel or runtime flaw, or a writable host mount, into control of the node."
  remediation = "Set `securityContext.runAsNonRoot: true` (and a numeric `runAsUser`) on the pod or on each container, and use an image built to run as an unprivileged user."
  references  = ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"]

  check = <<-CUE
    containers?: [...{run_as_non_root: true}]
  CUE
  message = "workload {{.object}} in {{.location}} may run container(s) as root:{{$sep := \" \"}}{{range .containers}}{{if not .run_as_non_root}}{{$sep}}{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "no security context fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcpgateway", containers = [{ name = "mcpgateway-container", run_as_non_root = false }] }
  }
  example "non-root passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", run_as_non_root = true }] }
  }
  example "unknown from Helm values passes" {
    expect  = "pass"
    subject = { object = "HelmValues/mcp", partial = true, containers = [{ name = "mcp" }] }
  }
}

control "MCP-WORKLOAD-05" {
  title       = "MCP containers cannot gain privileges"
  family      = "workload"
  severity    = "medium"
  risks       = ["local-server-compromise"]
  subject     = "workload"
  description = "A container leaves `allowPrivilegeEscalation` at Kubernetes' default (allowed): a setuid binary in the image, or one the server is tricked into writing, can gain more privileges than the process started with."
  remediation = "Set `securityContext.allowPrivilegeEscalation: false` on every container."
  references  = ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"]

  check = <<-CUE
    containers?: [...{allow_privilege_escalation: false}]
  CUE
  message = "workload {{.object}} in {{.location}} allows privilege escalation in container(s):{{$sep := \" \"}}{{range .containers}}{{if .allow_privilege_escalation}}{{$sep}}{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "default fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", allow_privilege_escalation = true }] }
  }
  example "disallowed passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", allow_privilege_escalation = false }] }
  }
}

control "MCP-WORKLOAD-06" {
  title       = "MCP containers have a read-only root filesystem"
  family      = "workload"
  severity    = "low"
  risks       = ["local-server-compromise", "supply-chain-tampering"]
  subject     = "workload"
  description = "A container's root filesystem is writable. A server whose tools write files (or an attacker steering them) can replace the server's own code or libraries, and the change survives until the pod restarts."
  remediation = "Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where the server needs to write (caches, temporary files)."
  references  = ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"]

  check = <<-CUE
    containers?: [...{read_only_root_fs: true}]
  CUE
  message = "workload {{.object}} in {{.location}} has a writable root filesystem in container(s):{{$sep := \" \"}}{{range .containers}}{{if not .read_only_root_fs}}{{$sep}}{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "writable fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", read_only_root_fs = false }] }
  }
  example "read-only passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", read_only_root_fs = true }] }
  }
}

control "MCP-WORKLOAD-07" {
  title       = "MCP containers drop all capabilities"
  family      = "workload"
  severity    = "medium"
  risks       = ["local-server-compromise", "excessive-scope"]
  subject     = "workload"
  description = "A container keeps the runtime's default Linux capabilities (it does not drop `ALL`) or adds one beyond `NET_BIND_SERVICE`. Capabilities such as NET_RAW, SYS_ADMIN or SYS_PTRACE give a compromised server ways to attack the network and the node that an MCP server never needs."
  remediation = "Set `securityContext.capabilities.drop: [ALL]` on every container and add back only `NET_BIND_SERVICE` if the server binds a port below 1024."
  references  = ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"]

  check = <<-CUE
    containers?: [...{capabilities_drop_all: true, capabilities_added?: [...("NET_BIND_SERVICE")]}]
  CUE
  message = "workload {{.object}} in {{.location}} keeps or adds capabilities in container(s):{{$sep := \" \"}}{{range .containers}}{{if or (not .capabilities_drop_all) .capabilities_added}}{{$sep}}{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "default capabilities fail" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", capabilities_drop_all = false }] }
  }
  example "added SYS_ADMIN fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", capabilities_drop_all = true, capabilities_added = ["SYS_ADMIN"] }] }
  }
  example "drop all passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", capabilities_drop_all = true, capabilities_added = ["NET_BIND_SERVICE"] }] }
  }
}

control "MCP-WORKLOAD-08" {
  title       = "MCP containers run under a seccomp profile"
  family      = "workload"
  severity    = "low"
  risks       = ["local-server-compromise"]
  subject     = "workload"
  description = "A container runs without a seccomp profile (none set on the container or the pod, or `Unconfined`), so every system call of the kernel is open to a compromised server."
  remediation = "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a profile of your own)."
  references  = ["https://kubernetes.io/docs/tutorials/security/seccomp/"]

  check = <<-CUE
    containers?: [...{seccomp: *"RuntimeDefault" | "Localhost"}]
  CUE
  message = "workload {{.object}} in {{.location}} runs container(s) without a seccomp profile:{{$sep := \" \"}}{{range .containers}}{{if and .seccomp (ne .seccomp \"RuntimeDefault\") (ne .seccomp \"Localhost\")}}{{$sep}}{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "unset fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", seccomp = "unset" }] }
  }
  example "unconfined fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", seccomp = "Unconfined" }] }
  }
  example "runtime default passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", seccomp = "RuntimeDefault" }] }
  }
}

control "MCP-WORKLOAD-09" {
  title       = "MCP containers have CPU and memory limits"
  family      = "workload"
  severity    = "medium"
  risks       = ["resource-exhaustion"]
  subject     = "workload"
  description = "A container has no CPU or memory limit. A tool call that loops, a large result or a flood of requests lets one MCP server starve the node and the workloads beside it; the MCP specification asks servers to rate-limit, and limits are the floor under that."
  remediation = "Set `resources.limits.cpu` and `resources.limits.memory` on every container (and requests to match what the server normally uses)."
  references  = ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"]

  check = <<-CUE
    containers?: [...{cpu_limit: true, memory_limit: true}]
  CUE
  message = "workload {{.object}} in {{.location}} has container(s) without CPU or memory limits:{{$sep := \" \"}}{{range .containers}}{{if not (and .cpu_limit .memory_limit)}}{{$sep}}{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "no limits fail" {
    expect  = "fail"
    subject = { object = "Deployment/mcpgateway", containers = [{ name = "gateway", cpu_limit = false, memory_limit = false }] }
  }
  example "limits pass" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", containers = [{ name = "mcp", cpu_limit = true, memory_limit = true }] }
  }
}

control "MCP-WORKLOAD-10" {
  title       = "MCP workload images are pinned by digest"
  family      = "workload"
  severity    = "medium"
  risks       = ["supply-chain-tampering", "rug-pull"]
  subject     = "workload"
  description = "An image of the MCP workload is referenced by tag, not by digest (the workload counterpart of MCP-SUPPLY-04). A tag can be moved to other content at any time: the cluster then runs a server nobody reviewed, and admission policies that verify signatures cannot bind to what was approved."
  remediation = "Reference every image by digest (`ghcr.io/github/github-mcp-server@sha256:…`, the tag may stay for readability), and let a tool such as Renovate update the digest through review."
  references  = ["https://kubernetes.io/docs/concepts/containers/images/#image-names"]

  when = <<-CUE
    images: [_, ...]
  CUE
  check = <<-CUE
    images: [...{pinning: "digest"}]
  CUE
  message = "workload {{.object}} in {{.location}} runs image(s) without a digest:{{$sep := \" \"}}{{range .images}}{{if ne .pinning \"digest\"}}{{$sep}}{{.name}}{{if .version}}:{{.version}}{{end}}{{$sep = \", \"}}{{end}}{{end}}"

  example "tag fails" {
    expect  = "fail"
    subject = { object = "MCPServer/fetch", images = [{ ecosystem = "oci", name = "ghcr.io/stackloklabs/gofetch/server", version = "0.0.4", pinning = "tag", pinned = false }] }
  }
  example "digest passes" {
    expect  = "pass"
    subject = { object = "MCPServer/fetch", images = [{ ecosystem = "oci", name = "mcp/fetch", digest = "sha256:68eb20db6109f5c312a695fc5ec3386ad15d93ffb765a0b4eb1baf4328dec14f", pinning = "digest", pinned = true }] }
  }
  example "no image is not applicable" {
    expect  = "not-applicable"
    subject = { object = "MCPRemoteProxy/github" }
  }
}

control "MCP-WORKLOAD-11" {
  title       = "MCP workloads do not run floating `latest` images"
  family      = "workload"
  severity    = "high"
  risks       = ["supply-chain-tampering", "rug-pull"]
  subject     = "workload"
  description = "An image of the MCP workload is tagged `latest`, or has no tag at all, which Kubernetes pulls as `latest` (the workload counterpart of MCP-SUPPLY-02). Every restart or new node may run a different server, so what was reviewed is not what runs. An image without a tag in Helm values is read as the chart's own version (its appVersion), not as `latest`."
  remediation = "Pin each image to a released version, better to a digest, and update it through review."
  references  = ["https://kubernetes.io/docs/concepts/containers/images/#image-names"]

  when = <<-CUE
    images: [_, ...]
  CUE
  check = <<-CUE
    images: [...{pinning: !="latest" & !="none"}]
  CUE
  message = "workload {{.object}} in {{.location}} runs floating image(s):{{$sep := \" \"}}{{range .images}}{{if or (eq .pinning \"latest\") (eq .pinning \"none\")}}{{$sep}}{{.name}}{{if .version}}:{{.version}}{{end}}{{$sep = \", \"}}{{end}}{{end}}"

  example "latest fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcpgateway", images = [{ ecosystem = "oci", name = "localhost:5000/microsoft-mcpgateway-service", version = "latest", pinning = "latest", pinned = false }] }
  }
  example "untagged manifest image fails" {
    expect  = "fail"
    subject = { object = "MCPServer/mkp", images = [{ ecosystem = "oci", name = "ghcr.io/stackloklabs/mkp/server", pinning = "none", pinned = false }] }
  }
  example "version tag passes" {
    expect  = "pass"
    subject = { object = "MCPServer/fetch", images = [{ ecosystem = "oci", name = "ghcr.io/stackloklabs/gofetch/server", version = "0.0.4", pinning = "tag", pinned = false }] }
  }
}

control "MCP-WORKLOAD-12" {
  title       = "No plaintext credentials in MCP workload environment variables"
  family      = "workload"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "workload"
  description = "A container's environment variable holds a literal credential written in the manifest, chart or custom resource (the workload counterpart of MCP-SECRETS-01). It is stored in the repository and in the object, readable by anyone who can read the Deployment, and cannot be rotated without a new release."
  remediation = "Move the value into a Secret (created by a secret manager or External Secrets, not committed) and reference it with `valueFrom.secretKeyRef`; rotate the exposed credential."
  references  = ["https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables"]

  check = <<-CUE
    containers?: [...{env?: [string]: kind: !="literal-secret"}]
  CUE
  message = "workload {{.object}} in {{.location}} sets environment variable(s) to a literal credential ({{.failing}})"

  example "literal token fails" {
    expect  = "fail"
    subject = { object = "Deployment/github-mcp", containers = [{ name = "mcp", env = { GITHUB_PERSONAL_ACCESS_TOKEN = { kind = "literal-secret", secret = true, fingerprint = "0123456789ab", text = "[REDACTED:ghp_…(40)]" } } }] }
  }
  example "secret reference passes" {
    expect  = "pass"
    subject = { object = "Deployment/github-mcp", containers = [{ name = "mcp", env = { GITHUB_PERSONAL_ACCESS_TOKEN = { kind = "secret-reference", secret = true, ref = "github/token" } } }] }
  }
}

control "MCP-WORKLOAD-13" {
  title       = "No plaintext credentials on MCP container command lines"
  family      = "workload"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "workload"
  description = "A container's command or args carry a literal credential (`--api-key=…`, `--requirepass secret`; the workload counterpart of MCP-SECRETS-02). Command lines are stored in the object, shown by `kubectl describe` and visible to every process on the node. A `$(VAR)` reference to an environment variable is not a literal."
  remediation = "Pass the credential through an environment variable from a Secret (`valueFrom.secretKeyRef`) and reference it as `$(VAR)` if the program takes it only as an argument."
  references  = ["https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/"]

  check = <<-CUE
    containers?: [...{secret_args?: [...{value: kind: !="literal-secret"}]}]
  CUE
  message = "workload {{.object}} in {{.location}} passes a literal credential on the command line ({{.failing}})"

  example "literal password fails" {
    expect  = "fail"
    subject = { object = "Deployment/redis", containers = [{ name = "redis", secret_args = [{ index = 2, flag = "--requirepass", value = { kind = "literal-secret", secret = true, fingerprint = "0123456789ab", text = "[REDACTED:…(12)]" } }] }] }
  }
  example "environment reference passes" {
    expect  = "pass"
    subject = { object = "Deployment/redis", containers = [{ name = "redis", secret_args = [{ index = 2, flag = "--requirepass", value = { kind = "env-reference", secret = true, ref = "REDIS_PASSWORD" } }] }] }
  }
}

control "MCP-WORKLOAD-14" {
  title       = "Secrets used by MCP workloads are not committed with their values"
  family      = "workload"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "workload"
  description = "The workload reads a Secret whose values are written in the same manifests (`data` or `stringData`). Whoever can read the repository or the chart has the credential, and it stays in version history after it is changed."
  remediation = "Remove the Secret's values from the repository and rotate them. Create the Secret from a secret manager (External Secrets, Sealed Secrets, SOPS, the cloud's secret store) and keep only the reference in the manifests."
  references  = ["https://kubernetes.io/docs/concepts/security/secrets-good-practices/"]

  when = <<-CUE
    origin: !="cluster"
  CUE
  check = <<-CUE
    committed_secrets?: []
  CUE
  message = "workload {{.object}} in {{.location}} uses Secret(s) whose values are committed in the manifests: {{join .committed_secrets}}"

  example "committed secret fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcpgateway", origin = "manifest", committed_secrets = ["redis-secret"] }
  }
  example "no committed secret passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcpgateway", origin = "manifest" }
  }
  example "a cluster's Secrets are not in a repository" {
    expect  = "not-applicable"
    subject = { object = "Deployment/mcpgateway", origin = "cluster" }
  }
}

control "MCP-WORKLOAD-15" {
  title       = "MCP workloads run under their own service account"
  family      = "workload"
  severity    = "low"
  risks       = ["excessive-scope"]
  subject     = "workload"
  description = "The pod runs as its namespace's `default` service account. Every pod of the namespace shares it, so permissions granted for one workload reach the MCP server and the reverse, and the API server's audit log cannot tell them apart."
  remediation = "Create a service account for the MCP workload, set `serviceAccountName`, and bind to it only what the server needs."
  references  = ["https://kubernetes.io/docs/concepts/security/service-accounts/"]

  when = <<-CUE
    service_account: string
  CUE
  check = <<-CUE
    default_service_account: false
  CUE
  message = "workload {{.object}} in {{.location}} runs as the namespace's default service account"

  example "default account fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", service_account = "default", default_service_account = true }
  }
  example "own account passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", service_account = "mcp-sa", default_service_account = false }
  }
}

control "MCP-WORKLOAD-16" {
  title       = "MCP workloads mount no API token they do not use"
  family      = "workload"
  severity    = "medium"
  risks       = ["excessive-scope", "plaintext-secrets"]
  subject     = "workload"
  description = "The service account token is mounted into the pod (Kubernetes' default) although no Role or ClusterRole is bound to the account in the assessed source. The token is a credential for the API server that a compromised server or a tool that reads files can steal and use, for nothing the server needs."
  remediation = "Set `automountServiceAccountToken: false` on the pod or the service account. A server that does call the API keeps the token, and its rules are judged by the MCP-RBAC controls."
  references  = ["https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting"]

  when = <<-CUE
    service_account: string
    rbac: rules?: []
    rbac: unresolved?: []
  CUE
  check = <<-CUE
    automount_token: false
  CUE
  message = "workload {{.object}} in {{.location}} mounts the token of service account {{.service_account}}, which has no RBAC rules bound in this source"

  example "unused token fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcpgateway", service_account = "default", automount_token = true }
  }
  example "token off passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", service_account = "mcp", automount_token = false }
  }
  example "token of an account with rules is judged by the RBAC controls" {
    expect  = "not-applicable"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", automount_token = true, rbac = { rules = [{ api_groups = [""], resources = ["pods"], verbs = ["get", "list"], role = "ClusterRole/view", binding = "ClusterRoleBinding/x", scope = "cluster" }] } }
  }
}

control "MCP-WORKLOAD-17" {
  title       = "MCP workloads do not hold ambient cloud credentials"
  family      = "workload"
  severity    = "medium"
  risks       = ["excessive-scope", "open-egress"]
  subject     = "workload"
  description = "The pod can obtain cloud credentials without any secret of its own: its service account is bound to a cloud identity (AWS IRSA `eks.amazonaws.com/role-arn`, GKE `iam.gke.io/gcp-service-account`, Azure Workload Identity), or a NetworkPolicy explicitly lets it reach the instance metadata service at 169.254.169.254, which hands out the node's credentials. A server steered by a prompt injection can then act in the cloud account."
  remediation = "Bind a cloud identity only to MCP servers that need the cloud API, with a role limited to what their tools do; block egress to 169.254.169.254 (except it from broad ipBlocks) and require IMDSv2 with a hop limit of 1 on the nodes."
  references  = ["https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html", "https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity"]

  check = <<-CUE
    cloud_identity?: []
    network: metadata_egress: false
  CUE
  message = "workload {{.object}} in {{.location}} can obtain cloud credentials ({{.failing}})"

  example "metadata egress fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp-server-kubernetes", network = { metadata_egress = true } }
  }
  example "IRSA role fails" {
    expect  = "fail"
    subject = { object = "Deployment/aws-mcp", cloud_identity = ["eks.amazonaws.com/role-arn"], network = { metadata_egress = false } }
  }
  example "no cloud credentials pass" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", network = { metadata_egress = false } }
  }
}
