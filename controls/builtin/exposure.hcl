# Exposure: how an MCP workload is reached and what it may reach, from the
# Services, Ingresses, OpenShift Routes and NetworkPolicies of the same
# source.

control "MCP-EXPOSURE-01" {
  title       = "MCP workloads are not published on node ports or open load balancers"
  family      = "exposure"
  severity    = "high"
  risks       = ["missing-authentication", "missing-transport-security"]
  subject     = "workload"
  description = "A Service of type NodePort, a LoadBalancer without `loadBalancerSourceRanges`, or `externalIPs` publishes the MCP server outside the cluster directly: no ingress controller terminates TLS or authenticates in front of it, and every network that reaches a node (or the internet, for a public load balancer) reaches the server."
  remediation = "Use a ClusterIP Service behind an Ingress or a gateway that terminates TLS and authenticates callers; if a load balancer is needed, make it internal and set `loadBalancerSourceRanges`."
  references  = ["https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"]

  check = <<-CUE
    services?: [...({type: "ClusterIP" | "ExternalName", external_ips?: []} | {type: "LoadBalancer", source_ranges: [_, ...], external_ips?: []})]
  CUE
  message = "workload {{.object}} in {{.location}} is published outside the cluster by Service(s):{{$sep := \" \"}}{{range .services}}{{if or (eq .type \"NodePort\") (and (eq .type \"LoadBalancer\") (not .source_ranges)) .external_ips}}{{$sep}}{{.name}} ({{.type}}){{$sep = \", \"}}{{end}}{{end}}"

  example "open load balancer fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", services = [{ name = "mcp", type = "LoadBalancer", ports = [8080] }] }
  }
  example "node port fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", services = [{ name = "mcp", type = "NodePort", ports = [3000] }] }
  }
  example "cluster IP passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", services = [{ name = "mcp", type = "ClusterIP", ports = [8000] }] }
  }
  example "restricted load balancer passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", services = [{ name = "mcp", type = "LoadBalancer", source_ranges = ["10.0.0.0/8"] }] }
  }
}

control "MCP-EXPOSURE-02" {
  title       = "Ingresses to MCP workloads terminate TLS"
  family      = "exposure"
  severity    = "high"
  risks       = ["missing-transport-security", "session-hijacking"]
  subject     = "workload"
  description = "An Ingress (or OpenShift Route) routes to the MCP workload for a host that no `tls` entry covers, so bearer tokens, tool arguments and results cross the network in clear text. The MCP authorization specification requires HTTPS for everything but loopback."
  remediation = "Add a `tls` entry with a certificate for every host the Ingress routes to the MCP server (cert-manager can issue them), or set `tls` on the Route, and redirect plain HTTP."
  references  = ["https://kubernetes.io/docs/concepts/services-networking/ingress/#tls", "https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#communication-security"]

  check = <<-CUE
    ingresses?: [...{tls: true}]
  CUE
  message = "workload {{.object}} in {{.location}} is exposed without TLS by:{{$sep := \" \"}}{{range .ingresses}}{{if not .tls}}{{$sep}}{{.kind}}/{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "plain ingress fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp-server-kubernetes", ingresses = [{ name = "mcp", kind = "Ingress", hosts = ["mcp-server.company.com"], tls = false, auth = "" }] }
  }
  example "TLS passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", ingresses = [{ name = "mcp", kind = "Ingress", tls = true, auth = "" }] }
  }
}

control "MCP-EXPOSURE-03" {
  title       = "Ingresses to MCP workloads authenticate callers"
  family      = "exposure"
  severity    = "high"
  risks       = ["missing-authentication"]
  subject     = "workload"
  description = "An Ingress or Route routes to the MCP workload with no authentication at the ingress (an auth annotation such as `nginx.ingress.kubernetes.io/auth-url`, client certificates) and no gateway in the same source requiring it (a ToolHive proxy with OIDC, an agentgateway policy). Unless the server itself demands OAuth tokens, anyone who reaches the host can list and call its tools."
  remediation = "Put an authenticating gateway in front (ToolHive with an MCPOIDCConfig, agentgateway `mcpAuthentication`) or authenticate at the ingress (oauth2-proxy with `auth-url`, mTLS). If the server validates OAuth tokens itself, record that with a waiver naming its configuration."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization"]

  when = <<-CUE
    ingresses: [_, ...]
    gateway_authentication: !="required"
  CUE
  check = <<-CUE
    ingresses: [...{auth: !=""}]
  CUE
  message = "workload {{.object}} in {{.location}} is exposed without authentication by:{{$sep := \" \"}}{{range .ingresses}}{{if not .auth}}{{$sep}}{{.kind}}/{{.name}}{{$sep = \", \"}}{{end}}{{end}}"

  example "open ingress fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcp", gateway_authentication = "none", ingresses = [{ name = "mcp", kind = "Ingress", tls = true, auth = "" }] }
  }
  example "oauth2-proxy passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", gateway_authentication = "none", ingresses = [{ name = "mcp", kind = "Ingress", tls = true, auth = "nginx.ingress.kubernetes.io/auth-url" }] }
  }
  example "authenticating gateway in front is not applicable" {
    expect  = "not-applicable"
    subject = { object = "MCPServer/fetch", gateway_authentication = "required", ingresses = [{ name = "mcp", kind = "Ingress", tls = true, auth = "" }] }
  }
}

control "MCP-EXPOSURE-04" {
  title       = "MCP workloads have restricted egress"
  family      = "exposure"
  severity    = "medium"
  risks       = ["open-egress", "sensitive-data-oversharing"]
  subject     = "workload"
  description = "No NetworkPolicy limits where the MCP workload's pods may connect, or one of its egress rules allows any destination (no `to`, or `0.0.0.0/0`). A server steered by a prompt injection, or a poisoned tool, can send whatever it reads to any host and reach internal services of the cluster and the network."
  remediation = "Select the workload with a NetworkPolicy of type Egress that allows DNS and only the hosts the server's tools need (an egress gateway or proxy for internet APIs); never allow 0.0.0.0/0."
  references  = ["https://kubernetes.io/docs/concepts/services-networking/network-policies/"]

  check = <<-CUE
    network: egress_restricted?: true
  CUE
  message = "workload {{.object}} in {{.location}} may connect anywhere{{if .network.open_egress}} ({{join .network.open_egress \"; \"}}){{else}}: no NetworkPolicy restricts its egress{{end}}"

  example "no policy fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcpgateway", network = { egress_restricted = false } }
  }
  example "restricted passes" {
    expect  = "pass"
    subject = { object = "Deployment/mcp", network = { egress_restricted = true } }
  }
  example "unknown from Helm values passes" {
    expect  = "pass"
    subject = { object = "HelmValues/mcp", partial = true }
  }
}

control "MCP-EXPOSURE-05" {
  title       = "MCP workloads have restricted ingress"
  family      = "exposure"
  severity    = "medium"
  risks       = ["missing-authentication", "shadow-servers"]
  subject     = "workload"
  description = "No NetworkPolicy limits who may connect to the MCP workload's pods, or a rule admits every source. Any pod of the cluster (or anything routed in) can call the server directly, around the gateway or ingress meant to authenticate and audit its callers."
  remediation = "Select the workload with a NetworkPolicy of type Ingress that admits only its gateway or ingress controller (by namespaceSelector and podSelector) on the MCP port."
  references  = ["https://kubernetes.io/docs/concepts/services-networking/network-policies/"]

  check = <<-CUE
    network: ingress_restricted?: true
  CUE
  message = "workload {{.object}} in {{.location}} accepts connections from any source{{if .network.policies}} (policies: {{join .network.policies}}){{end}}"

  example "port-only rule fails" {
    expect  = "fail"
    subject = { object = "Deployment/mcpgateway", network = { policies = ["allow-mcpgateway-ingress"], ingress_restricted = false } }
  }
  example "restricted passes" {
    expect  = "pass"
    subject = { object = "StatefulSet/toolgateway", network = { policies = ["adapter-access"], ingress_restricted = true } }
  }
}
