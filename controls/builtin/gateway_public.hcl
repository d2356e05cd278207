# Gateways a platform publishes to the internet: a managed front end (Cloud
# Run, a cloud load balancer in front of Envoy Gateway) that anyone can reach.

control "MCP-GATEWAY-31" {
  title       = "Gateways published to the internet require authentication"
  family      = "gateway"
  severity    = "critical"
  risks       = ["missing-authentication", "confused-deputy"]
  subject     = "gateway"
  description = "The gateway is published to the internet (a Cloud Run service with public ingress, a cloud load balancer in front of the gateway) and accepts MCP requests without authentication: `roles/run.invoker` granted to `allUsers` or `invoker_iam_disabled`, an Envoy AI Gateway MCPRoute without a security policy on Envoy Gateway's default load balancer. Anyone who finds the address calls every tool behind it, with the credentials the servers hold. Unlike a gateway left open on a private network, nothing but the address stands between the internet and the tools."
  remediation = "Require authentication at the front end (Cloud Run: remove the allUsers invoker binding, grant roles/run.invoker to the callers' service accounts or groups, and have clients send identity tokens or use `gcloud run services proxy`; Envoy AI Gateway: an MCPRoute `securityPolicy.oauth`), or keep the gateway off the internet (internal ingress, an internal load balancer)."
  references  = ["https://cloud.google.com/run/docs/authenticating/public", "https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization"]

  when = <<-CUE
    listeners: [_, ...]
    authentication: mode: "required" | "optional" | "none"
  CUE
  check = <<-CUE
    {authentication: mode: "required"} | {listeners: [...{exposure: !="public"}]}
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} is published to the internet without authentication (authentication: {{.authentication.mode}})"

  example "Cloud Run service invocable by allUsers fails" {
    expect  = "fail"
    subject = { name = "github-mcp", product = "cloud-run", authentication = { mode = "none" }, listeners = [{ bind = "", port = 443, tls = true, loopback = false, exposure = "public", hosts = ["github-mcp"], transport = "streamable-http" }] }
  }
  example "MCPRoute without security policy on a public load balancer fails" {
    expect  = "fail"
    subject = { name = "tools", product = "envoy-ai-gateway", authentication = { mode = "none" }, listeners = [{ bind = "", port = 80, tls = false, loopback = false, exposure = "public", path = "/mcp" }] }
  }
  example "Cloud Run service with IAM invokers passes" {
    expect  = "pass"
    subject = { name = "mcp-fetch", product = "cloud-run", authentication = { mode = "required", kinds = ["external"] }, listeners = [{ bind = "", port = 443, tls = true, loopback = false, exposure = "public" }] }
  }
  example "unauthenticated gateway inside the cluster passes" {
    expect  = "pass"
    subject = { name = "github", product = "kmcp", authentication = { mode = "none" }, listeners = [{ bind = "", port = 3000, tls = false, loopback = false, exposure = "internal" }] }
  }
  example "authentication decided elsewhere is not applicable" {
    expect  = "not-applicable"
    subject = { name = "proxy", product = "litellm", authentication = { mode = "unknown" }, listeners = [{ bind = "0.0.0.0", port = 4000, tls = false, loopback = false, exposure = "public" }] }
  }
}
