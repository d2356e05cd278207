# The ten requirements every enterprise MCP server must meet, as listed in "An essential
# primer for building enterprise-ready MCP servers" (the "Magnificent 10"). Titles are short
# paraphrases. The controls mapped to each requirement are the checks that judge it: live
# probes of endpoints, tool definitions, gateways, Kubernetes workloads and sandboxing, and
# attestations where nothing can be seen from outside. Every link is asserted.

framework "mcp-enterprise-server" {
  title   = "Enterprise MCP server requirements"
  version = "2025"
  source  = "https://aleknwr.substack.com/p/essential-mcp"

  requirement "ESR-01" { title = "Authenticate the initialize request" }
  requirement "ESR-02" { title = "Manage sessions robustly" }
  requirement "ESR-03" { title = "Access-control tool discovery" }
  requirement "ESR-04" { title = "Apply least privilege" }
  requirement "ESR-05" { title = "Validate tool input parameters" }
  requirement "ESR-06" { title = "Never ask for credentials or tokens as tool parameters" }
  requirement "ESR-07" { title = "Filter output and moderate content" }
  requirement "ESR-08" { title = "Keep tool handlers free of resource leaks" }
  requirement "ESR-09" { title = "Anonymise error messages in tool responses" }
  requirement "ESR-10" { title = "Trace requests and observe the server end to end" }
}

control "MCP-AUTH-01" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "A configured remote server without any credential accepts an unauthenticated initialize."
  }
}

control "MCP-CLIENT-01" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "A client that runs every tool unattended gives each server more privilege than any task needs."
  }
}

control "MCP-CLIENT-04" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Tools approved client-wide run with more privilege than a task needs."
  }
}

control "MCP-CONSENT-02" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Auto-approving tools that act grants the model authority no person confirmed."
  }
}

control "MCP-ENDPOINT-01" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "The probe sends initialize without credentials and fails an endpoint that accepts it."
  }
}

control "MCP-ENDPOINT-02" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "A protected endpoint must tell clients where to obtain a token for initialize."
  }
}

control "MCP-ENDPOINT-03" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "Clients can authenticate initialize with OAuth only through authorization server metadata with PKCE."
  }
}

control "MCP-ENDPOINT-04" {
  maps "ESR-02" {
    provenance = "asserted"
    rationale  = "Refusing foreign origins keeps other web pages from riding a user session through the browser."
  }
}

control "MCP-ENDPOINT-06" {
  maps "ESR-02" {
    provenance = "asserted"
    rationale  = "Session ids must be unpredictable and stay out of URLs so sessions cannot be guessed or hijacked."
  }
}

control "MCP-ENDPOINT-11" {
  maps "ESR-03" {
    provenance = "asserted"
    rationale  = "The probe lists tools without credentials and fails an endpoint beyond loopback that answers."
  }
}

control "MCP-ENDPOINT-12" {
  maps "ESR-09" {
    provenance = "asserted"
    rationale  = "The error probe fails an endpoint whose errors disclose stack traces, paths or addresses."
  }
}

control "MCP-ENDPOINT-13" {
  maps "ESR-09" {
    provenance = "asserted"
    rationale  = "The error probe fails an endpoint whose errors carry credentials."
  }
}

control "MCP-EXPOSURE-03" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "An ingress in front of an MCP workload must authenticate callers before initialize reaches it."
  }
}

control "MCP-EXPOSURE-04" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Unrestricted egress lets a server reach far more than its tools need."
  }
}

control "MCP-GATEWAY-01" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "A gateway that does not require authentication forwards unauthenticated initialize requests."
  }
}

control "MCP-GATEWAY-02" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "Authenticating initialize with a token means validating that the token was issued for this resource."
  }
}

control "MCP-GATEWAY-31" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "An internet-facing gateway without authentication forwards unauthenticated initialize requests from anyone."
  }
}

control "MCP-GATEWAY-04" {
  maps "ESR-03" {
    provenance = "asserted"
    rationale  = "Per-tool authorization at a gateway lets each caller discover and call only its own tools."
  }
}

control "MCP-GATEWAY-05" {
  maps "ESR-10" {
    provenance = "asserted"
    rationale  = "An audit log of tool calls is the record observability starts from."
  }
}

control "MCP-GATEWAY-08" {
  maps "ESR-02" {
    provenance = "asserted"
    rationale  = "DNS-rebinding protection keeps hostile pages from reaching sessions on local or private gateways."
  }
}

control "MCP-GATEWAY-09" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Gateways that restrict egress keep fronted servers to the destinations they need."
  }
}

control "MCP-GATEWAY-14" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "Taking identity from an unverified header is no authentication of initialize."
  }
}

control "MCP-GATEWAY-16" {
  maps "ESR-07" {
    provenance = "asserted"
    rationale  = "Secret blocking filters credentials out of tool arguments and results."
  }
}

control "MCP-GATEWAY-18" {
  maps "ESR-09" {
    provenance = "asserted"
    rationale  = "Debug modes return detailed errors to callers."
  }
}

control "MCP-GATEWAY-19" {
  maps "ESR-02" {
    provenance = "asserted"
    rationale  = "Session cookies not marked Secure can be stolen over plain HTTP."
  }
}

control "MCP-GATEWAY-20" {
  maps "ESR-02" {
    provenance = "asserted"
    rationale  = "Tokens that never expire make a stolen session usable forever."
  }
}

control "MCP-GATEWAY-21" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "Validated audiences must name the MCP resource for the token check to mean anything."
  }
}

control "MCP-GATEWAY-27" {
  maps "ESR-03" {
    provenance = "asserted"
    rationale  = "Grants every caller receives make discovery the same for everyone, whoever asks."
  }
}

control "MCP-GATEWAY-33" {
  maps "ESR-07" {
    provenance = "asserted"
    rationale  = "The control fails a gateway where no enforcing filter inspects tool results on every MCP route."
  }
}

control "MCP-GATEWAY-34" {
  maps "ESR-10" {
    provenance = "asserted"
    rationale  = "The control fails a gateway that exports no traces of the requests it handles."
  }
}

control "MCP-GOV-04" {
  maps "ESR-10" {
    provenance = "asserted"
    rationale  = "Tool-call logs must be kept and reviewed to be of use."
  }
}

control "MCP-GOV-09" {
  maps "ESR-08" {
    provenance = "asserted"
    rationale  = "Only load and soak testing can show that tool handlers do not leak resources."
  }
}

control "MCP-RBAC-01" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Binding an MCP workload to cluster-admin is the opposite of least privilege."
  }
}

control "MCP-RBAC-02" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Wildcard rules grant every verb or resource instead of those the server needs."
  }
}

control "MCP-RBAC-03" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Reading Secrets gives the server every credential in its namespace."
  }
}

control "MCP-RBAC-05" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Escalate, bind and impersonate let the server grant itself more privilege."
  }
}

control "MCP-SANDBOX-01" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "A privileged server container holds every privilege of the host."
  }
}

control "MCP-SANDBOX-02" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Sharing host namespaces gives a server more reach than its tools need."
  }
}

control "MCP-SANDBOX-03" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "The container engine socket hands a server control of the host."
  }
}

control "MCP-SANDBOX-04" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Read-write host mounts let a server change more than it needs to read."
  }
}

control "MCP-SANDBOX-06" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Added capabilities raise a server container above what its tools need."
  }
}

control "MCP-SANDBOX-07" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Broad filesystem roots give a file server access far beyond its task."
  }
}

control "MCP-TOOL-08" {
  maps "ESR-06" {
    provenance = "asserted"
    rationale  = "A definition pointing the model at credential files asks for credentials by other means."
  }
}

control "MCP-TOOL-12" {
  maps "ESR-06" {
    provenance = "asserted"
    rationale  = "The control fails every tool or prompt whose input schema asks for a credential."
  }
}

control "MCP-TOOL-13" {
  maps "ESR-05" {
    provenance = "asserted"
    rationale  = "An input schema that declares and types every argument is what calls are validated against."
  }
}

control "MCP-TOOL-14" {
  maps "ESR-05" {
    provenance = "asserted"
    rationale  = "Paths, URLs, commands and queries are the parameters whose validation matters most."
  }
}

control "MCP-TRANSPORT-03" {
  maps "ESR-01" {
    provenance = "asserted"
    rationale  = "A local HTTP server without authentication accepts initialize from any local process or web page."
  }
}

control "MCP-WORKLOAD-01" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "A privileged pod holds every privilege of the node."
  }
}

control "MCP-WORKLOAD-04" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Running as root grants the server process more than it needs."
  }
}

control "MCP-WORKLOAD-05" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Privilege escalation lets the server process gain privileges it was not given."
  }
}

control "MCP-WORKLOAD-07" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Dropping all capabilities leaves the server only what it needs."
  }
}

control "MCP-WORKLOAD-09" {
  maps "ESR-08" {
    provenance = "asserted"
    rationale  = "CPU and memory limits contain a leak that slips through testing."
  }
}

control "MCP-WORKLOAD-16" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "An API token the workload does not use is privilege it should not hold."
  }
}

control "MCP-WORKLOAD-17" {
  maps "ESR-04" {
    provenance = "asserted"
    rationale  = "Ambient cloud credentials give the server the node identity and its permissions."
  }
}
