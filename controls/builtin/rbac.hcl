# RBAC: what an MCP workload's service account may do in the Kubernetes API.
# The rules are those of every Role and ClusterRole bound to the account in
# the assessed source (aggregated ClusterRoles resolved; cluster-admin,
# admin, edit and view known when a manifest binds them without defining
# them). A server steered by a prompt injection acts with exactly these.

control "MCP-RBAC-01" {
  title       = "MCP workloads are not bound to cluster-admin"
  family      = "rbac"
  severity    = "critical"
  risks       = ["excessive-scope", "confused-deputy"]
  subject     = "workload"
  description = "The workload's service account is bound cluster-wide to `cluster-admin` (or to a ClusterRole granting every verb on every resource). Any tool call the model can be talked into — deleting namespaces, reading every Secret, starting privileged pods — succeeds, and a Kubernetes MCP server's own read-only switch is the only guard left."
  remediation = "Bind a ClusterRole (or, better, namespaced Roles) listing only the resources and verbs the server's tools need; for a read-only Kubernetes server, `get`, `list` and `watch` on the resources it shows, without Secrets."
  references  = ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"]

  check = <<-CUE
    rbac: cluster_admin: false
  CUE
  message = "workload {{.object}} in {{.location}} runs as service account {{.service_account}}, bound to cluster-admin ({{join .rbac.bindings}} in effect)"

  example "cluster-admin binding fails" {
    expect  = "fail"
    subject = { object = "MCPServer/mkp", service_account = "mkp-sa", rbac = { cluster_admin = true, bindings = ["ClusterRoleBinding/mkp-sa-cluster-admin"] } }
  }
  example "scoped role passes" {
    expect  = "pass"
    subject = { object = "MCPServer/mkp", service_account = "mkp-sa", rbac = { cluster_admin = false } }
  }
}

control "MCP-RBAC-02" {
  title       = "MCP workload roles use no wildcards"
  family      = "rbac"
  severity    = "high"
  risks       = ["excessive-scope"]
  subject     = "workload"
  description = "A rule bound to the workload grants `*` verbs, `*` resources or `*` API groups. Wildcards grant today's and tomorrow's resources alike (new CRDs, subresources such as `pods/exec`), so the server's reach cannot be reviewed."
  remediation = "List the API groups, resources and verbs the server needs explicitly."
  references  = ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege"]

  check = <<-CUE
    rbac: wildcard: false
  CUE
  message = "workload {{.object}} in {{.location}} is granted wildcard RBAC rules through {{join .rbac.bindings}} (service account {{.service_account}})"

  example "wildcard verbs fail" {
    expect  = "fail"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", rbac = { wildcard = true, bindings = ["ClusterRoleBinding/k8s-mcp"] } }
  }
  example "explicit rules pass" {
    expect  = "pass"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", rbac = { wildcard = false } }
  }
}

control "MCP-RBAC-03" {
  title       = "MCP workloads cannot read Secrets"
  family      = "rbac"
  severity    = "high"
  risks       = ["excessive-scope", "plaintext-secrets", "sensitive-data-oversharing"]
  subject     = "workload"
  description = "The workload may `get`, `list` or `watch` Secrets. Every credential in the namespace (or the cluster, when bound by a ClusterRoleBinding) is one tool call away from the model's context, and from there from anyone who can steer it."
  remediation = "Remove Secrets from the server's rules. If a tool must read one Secret, grant `get` on it by `resourceNames`."
  references  = ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets"]

  check = <<-CUE
    rbac: secrets_read: false
  CUE
  message = "workload {{.object}} in {{.location}} may read Secrets through {{join .rbac.bindings}} (service account {{.service_account}})"

  example "secret reader fails" {
    expect  = "fail"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", rbac = { secrets_read = true, bindings = ["RoleBinding/reader"] } }
  }
  example "no secret access passes" {
    expect  = "pass"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", rbac = { secrets_read = false } }
  }
}

control "MCP-RBAC-04" {
  title       = "MCP workloads cannot start pods or exec into them"
  family      = "rbac"
  severity    = "high"
  risks       = ["excessive-scope", "command-injection"]
  subject     = "workload"
  description = "The workload may create pods or objects that make pods (Deployments, StatefulSets, Jobs, …), or exec and attach into running pods. Either runs code of the caller's choosing with any service account of the namespace, mounting any Secret: a path from a tool call to every permission in the namespace."
  remediation = "Remove `create` on pods and workload kinds and `pods/exec`/`pods/attach` from the server's rules. A server whose purpose is to deploy workloads should run behind an authorization policy that limits which callers may use those tools, in a namespace of its own."
  references  = ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation"]

  check = <<-CUE
    rbac: pods_create: false
    rbac: pods_exec:   false
  CUE
  message = "workload {{.object}} in {{.location}} may run code in pods ({{.failing}}) through {{join .rbac.bindings}} (service account {{.service_account}})"

  example "statefulset creation fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcpgateway", service_account = "mcpgateway-sa", rbac = { pods_create = true, bindings = ["RoleBinding/app-manager-binding"] } }
  }
  example "exec fails" {
    expect  = "fail"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", rbac = { pods_exec = true, bindings = ["RoleBinding/debug"] } }
  }
  example "read-only passes" {
    expect  = "pass"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", rbac = { pods_create = false, pods_exec = false } }
  }
}

control "MCP-RBAC-05" {
  title       = "MCP workloads cannot escalate, bind or impersonate"
  family      = "rbac"
  severity    = "critical"
  risks       = ["excessive-scope", "confused-deputy"]
  subject     = "workload"
  description = "The workload holds `escalate` or `bind` on roles, or `impersonate` on users, groups or service accounts. Each lets it grant itself, or act with, permissions it was never given: in effect cluster-admin by another name."
  remediation = "Remove the `escalate`, `bind` and `impersonate` verbs from the server's rules; they belong to cluster administrators and controllers, not to MCP servers."
  references  = ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb"]

  check = <<-CUE
    rbac: escalate:    false
    rbac: bind:        false
    rbac: impersonate: false
  CUE
  message = "workload {{.object}} in {{.location}} may grant itself permissions ({{.failing}}) through {{join .rbac.bindings}} (service account {{.service_account}})"

  example "impersonation fails" {
    expect  = "fail"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", rbac = { impersonate = true, bindings = ["RoleBinding/edit"] } }
  }
  example "none passes" {
    expect  = "pass"
    subject = { object = "Deployment/k8s-mcp", service_account = "k8s-mcp", rbac = { escalate = false, bind = false, impersonate = false } }
  }
}
