# NIST SP 800-218 (SSDF) v1.1 tasks. MCP clients and servers are developer tools on
# development endpoints, so most links go to PO.3 (toolchains), PO.5 (environments)
# and PW.4 (third-party components). A link is "official" when the SSDF catalog's own
# SP 800-53 references relate the task to an 800-53 control (named by `via`) that the
# same Tollgate control maps to. Titles are short paraphrases of the task statements.

framework "nist-ssdf-1.1" {
  title   = "NIST SP 800-218 Secure Software Development Framework"
  version = "1.1"
  main    = true
  source  = "https://doi.org/10.6028/NIST.SP.800-218"

  crosswalk {
    title  = "NIST SP 800-218 (SSDF 1.1): the SP 800-53 Rev. 5 references of each task"
    source = "https://doi.org/10.6028/NIST.SP.800-218"
  }

  group "PO.1" {
    requirement "PO.1.3" { title = "Communicate requirements to third-party providers" }
  }

  group "PO.2" {
    requirement "PO.2.2" { title = "Provide role-based training" }
  }

  group "PO.3" {
    requirement "PO.3.2" { title = "Deploy and maintain toolchains securely" }
    requirement "PO.3.3" { title = "Configure tools to generate artifacts of their activity" }
  }

  group "PO.5" {
    requirement "PO.5.1" { title = "Separate and protect development environments" }
    requirement "PO.5.2" { title = "Secure and harden development endpoints" }
  }

  group "PS.1" {
    requirement "PS.1.1" { title = "Protect all forms of code from unauthorized access and tampering" }
  }

  group "PS.2" {
    requirement "PS.2.1" { title = "Make software integrity verification information available" }
  }

  group "PS.3" {
    requirement "PS.3.1" { title = "Archive and protect each software release" }
  }

  group "PW.1" {
    requirement "PW.1.1" { title = "Use risk modeling to assess the software's security risk" }
  }

  group "PW.4" {
    requirement "PW.4.1" { title = "Acquire and maintain well-secured third-party components" }
    requirement "PW.4.4" { title = "Verify acquired components comply with requirements" }
  }

  group "PW.5" {
    requirement "PW.5.1" { title = "Follow secure coding practices appropriate to the languages and environment" }
  }

  group "PW.8" {
    requirement "PW.8.2" { title = "Test executable code to identify vulnerabilities" }
  }

  group "PW.9" {
    requirement "PW.9.1" { title = "Define a secure baseline of configuration settings" }
    requirement "PW.9.2" { title = "Implement the secure default settings and document them" }
  }

  group "RV.1" {
    requirement "RV.1.1" { title = "Gather information about potential vulnerabilities" }
    requirement "RV.1.2" { title = "Review, analyze and test software for unreported vulnerabilities" }
  }

  group "RV.2" {
    requirement "RV.2.2" { title = "Plan and implement risk responses for vulnerabilities" }
  }
}

control "MCP-AUTH-01" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Development tools should only connect to authenticated services."
  }
}

control "MCP-AUTH-02" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Short-lived tokens reduce the impact of a compromised development endpoint."
  }
}

control "MCP-AUTH-03" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Keeping tokens out of URLs hardens development endpoints' logs and history."
  }
}

control "MCP-AUTH-04" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Development tools should only connect to services shown to authenticate their callers."
  }
}

control "MCP-CLIENT-01" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Unattended tool execution on development endpoints weakens their protection."
  }
}

control "MCP-CLIENT-02" {
  maps "PO.5.1" {
    provenance = "asserted"
    rationale  = "Tools in the development environment must be separated from the host they run on."
  }

  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "An unsandboxed agent undermines hardening of development endpoints."
  }
}

control "MCP-CLIENT-03" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Opening a repository should not run its tooling on the development endpoint unreviewed."
  }

  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Components a repository brings in are run without being verified first."
  }
}

control "MCP-CLIENT-04" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Unattended tool execution on development endpoints weakens their protection."
  }
}

control "MCP-CONFIG-01" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Development endpoint configuration must be valid to be hardened."
  }
}

none "MCP-CONFIG-02" {
  reason = "An ignored entry runs nothing, so no SSDF task is served beyond configuration hygiene covered by MCP-CONFIG-01."
}

control "MCP-CONFIG-03" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Endpoint hardening fails silently when protective keys are ignored."
  }
}

none "MCP-CONFIG-04" {
  reason = "Undocumented but harmless keys do not touch secure development practice."
}

none "MCP-CONFIG-05" {
  reason = "Content the client does not read runs nothing; no SSDF task is served beyond configuration hygiene covered by MCP-CONFIG-01."
}

control "MCP-CONSENT-01" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Unattended tool execution weakens development endpoint protection."
  }
}

control "MCP-CONSENT-02" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Auto-approved code execution weakens development endpoint protection."
  }
}

none "MCP-CONSENT-03" {
  reason = "No SSDF task addresses how tool-call approvals are configured beyond what MCP-CONSENT-01 maps."
}

none "MCP-GATEWAY-01" {
  reason = "Gateway authentication is an operational control, not a secure development practice."
}

none "MCP-GATEWAY-02" {
  reason = "Token audience validation is an operational setting outside secure development practice."
}

none "MCP-GATEWAY-03" {
  reason = "Token passthrough is a deployment setting outside secure development practice."
}

none "MCP-GATEWAY-04" {
  reason = "Runtime authorization policy is an operational control."
}

control "MCP-GATEWAY-05" {
  maps "PO.3.3" {
    provenance = "asserted"
    rationale  = "Tools should generate artifacts of their activity for audit."
  }
}

none "MCP-GATEWAY-06" {
  reason = "Rate limiting is an operational control."
}

none "MCP-GATEWAY-07" {
  reason = "CORS settings are deployment configuration, not development practice."
}

none "MCP-GATEWAY-08" {
  reason = "DNS-rebinding protection is deployment configuration."
}

none "MCP-GATEWAY-09" {
  reason = "Egress policy is an operational control."
}

none "MCP-GATEWAY-10" {
  reason = "Listener TLS is deployment configuration."
}


none "MCP-GATEWAY-11" {
  reason = "Settings placed where a deployed gateway ignores them are an operational configuration defect, not a development practice."
}

control "MCP-GATEWAY-12" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Software should ship, and be deployed, with secure settings: default credentials are the classic insecure default."
  }
}

none "MCP-GATEWAY-13" {
  reason = "Where a deployment keeps its credentials is an operational choice; SSDF PS.1.1 concerns protecting code, not the credentials in deployment files."
}

none "MCP-GATEWAY-14" {
  reason = "Trusting an identity header is a deployment setting, not a development practice."
}

none "MCP-GATEWAY-15" {
  reason = "Log content of a deployed gateway is an operational setting outside secure development practice."
}

none "MCP-GATEWAY-16" {
  reason = "A runtime content filter setting is outside secure development practice."
}

control "MCP-GATEWAY-17" {
  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4(3)"
    rationale  = "Verifying signatures of third-party components is verifying their integrity and provenance before use."
  }
}

control "MCP-GATEWAY-18" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Secure default settings exclude debug modes."
  }
}

none "MCP-GATEWAY-19" {
  reason = "The cookie attribute of a deployed gateway is an operational setting."
}

none "MCP-GATEWAY-20" {
  reason = "Token lifetime is an operational policy of the deployed gateway."
}

none "MCP-GATEWAY-21" {
  reason = "Audience configuration is an operational setting of the deployed gateway."
}

none "MCP-GATEWAY-22" {
  reason = "The SSRF guard setting of a deployed gateway is an operational configuration."
}

none "MCP-GATEWAY-23" {
  reason = "The combination of gateway policies is an operational configuration."
}

none "MCP-GATEWAY-24" {
  reason = "Where a deployed gateway fetches keys from is an operational setting."
}

none "MCP-GATEWAY-25" {
  reason = "Token transport of a deployed gateway is an operational setting."
}

none "MCP-GATEWAY-26" {
  reason = "Certificate verification of a deployed gateway is an operational setting."
}

none "MCP-GATEWAY-27" {
  reason = "The content of a deployed authorization policy is an operational matter."
}

none "MCP-GATEWAY-28" {
  reason = "Container privileges of a deployed gateway are an operational setting."
}

control "MCP-GATEWAY-29" {
  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Pinning a third-party component version is part of verifying what is used."
  }
}

none "MCP-GATEWAY-30" {
  reason = "The transport a deployed gateway serves is an operational setting, not a development practice."
}

none "MCP-GATEWAY-31" {
  reason = "Who may invoke a deployed gateway is an operational setting, not a secure development practice."
}

none "MCP-GATEWAY-32" {
  reason = "Whether a deployed proxy's references resolve is an operational configuration check, not a secure software development practice."
}

control "MCP-GOV-01" {
  maps "PO.3.2" {
    provenance = "asserted"
    rationale  = "MCP servers are components of the developer toolchain; approving them before use is the recommended practice for deploying toolchain components."
  }

  maps "PW.4.1" {
    provenance = "asserted"
    rationale  = "Components are acquired through a governed process."
  }
}

control "MCP-GOV-02" {
  maps "RV.2.2" {
    provenance = "asserted"
    rationale  = "Plans to respond to vulnerabilities in tools in use."
  }
}

control "MCP-GOV-03" {
  maps "PW.8.2" {
    provenance = "asserted"
    rationale  = "Testing executable MCP services to find vulnerabilities."
  }

  maps "RV.1.2" {
    provenance = "asserted"
    rationale  = "Reviewing and testing software for unreported vulnerabilities."
  }
}

none "MCP-GOV-04" {
  reason = "Log retention is an operational practice outside SSDF."
}

none "MCP-GOV-05" {
  reason = "A DPIA is a data-protection process, not a secure development practice."
}

control "MCP-GOV-06" {
  maps "PO.1.3" {
    provenance = "official"
    via        = "SA-9"
    rationale  = "Requirements are communicated to third-party providers."
  }
}

control "MCP-GOV-07" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Credentials on development endpoints are rotated and revocable."
  }
}

control "MCP-GOV-08" {
  maps "PO.2.2" {
    provenance = "asserted"
    rationale  = "Role-based training for developers using MCP tools."
  }
}

control "MCP-MCPB-01" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Sensitive marking is part of the bundle's secure default configuration."
  }
}

none "MCP-MCPB-02" {
  reason = "Privacy policy disclosure is outside secure software development practices."
}

control "MCP-REGISTRY-01" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Marking secrets is part of a secure default configuration shipped with the software."
  }

  maps "PW.9.2" {
    provenance = "official"
    via        = "SA-5"
    rationale  = "The secure setting is communicated to installers through the manifest."
  }
}

control "MCP-REGISTRY-02" {
  maps "PS.3.1" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Each release must be identifiable and retained."
  }

  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Consumers verify components by exact version."
  }
}

control "MCP-REGISTRY-03" {
  maps "PS.2.1" {
    provenance = "asserted"
    rationale  = "A verified namespace is part of the integrity verification information consumers rely on."
  }
}

control "MCP-REGISTRY-04" {
  maps "PS.2.1" {
    provenance = "asserted"
    rationale  = "fileSha256 is exactly the integrity verification information for the release."
  }

  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4(3)"
    rationale  = "Consumers can verify the acquired component."
  }
}

control "MCP-REGISTRY-05" {
  maps "PW.9.2" {
    provenance = "official"
    via        = "SA-5"
    rationale  = "Secure settings in the manifest only take effect if the manifest is valid."
  }
}

control "MCP-SANDBOX-01" {
  maps "PO.5.1" {
    provenance = "asserted"
    rationale  = "Tools in the development environment must be separated and protected from the host."
  }

  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Privileged containers undermine hardening of development endpoints."
  }
}

control "MCP-SANDBOX-02" {
  maps "PO.5.1" {
    provenance = "asserted"
    rationale  = "Development tools should be separated from the host environment."
  }
}

control "MCP-SANDBOX-03" {
  maps "PO.5.1" {
    provenance = "asserted"
    rationale  = "The development environment is not protected from a server that controls the engine."
  }
}

control "MCP-SANDBOX-04" {
  maps "PO.5.1" {
    provenance = "asserted"
    rationale  = "Read-only mounts protect the development environment from server changes."
  }
}

control "MCP-SANDBOX-05" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Development endpoints should not expose tool ports to the network."
  }
}

control "MCP-SANDBOX-06" {
  maps "PO.5.1" {
    provenance = "asserted"
    rationale  = "Development tools should stay separated from the host."
  }
}

control "MCP-SANDBOX-07" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Exposing whole home directories and dotfiles to tools undermines development endpoint hardening."
  }
}

control "MCP-SECRETS-01" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "MCP clients run on development endpoints; keeping credentials out of their configs hardens those endpoints."
  }
}

control "MCP-SECRETS-02" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Keeping credentials off development endpoints' process lists is part of hardening those endpoints."
  }
}

control "MCP-SECRETS-03" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Removing plaintext tokens from IDE MCP configs hardens development endpoints."
  }
}

control "MCP-SECRETS-04" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Keeping credentials out of URLs in development tool configs hardens development endpoints."
  }
}

control "MCP-SECRETS-05" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Correctly resolved credential references are part of a hardened development endpoint configuration."
  }
}

control "MCP-SECRETS-06" {
  maps "PS.1.1" {
    provenance = "asserted"
    rationale  = "A placeholder in committed configuration asks each developer to write a credential into a file that everyone with access to the repository can read, defeating least-privilege storage of configuration-as-code."
  }
}

control "MCP-SECRETS-07" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Keeping credentials off development endpoints' process lists is part of hardening those endpoints."
  }
}

control "MCP-SECRETS-08" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "AI clients run on development endpoints; keeping credentials out of their settings hardens those endpoints."
  }
}

control "MCP-SUPPLY-01" {
  maps "PW.4.1" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Third-party server packages must be acquired and maintained as well-secured components."
  }

  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Only a pinned component can be verified to be the one that was assessed."
  }

  maps "PO.3.2" {
    provenance = "asserted"
    rationale  = "MCP servers are developer tools; deploying tools at known versions is a recommended toolchain practice."
  }
}

control "MCP-SUPPLY-02" {
  maps "PW.4.1" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Components must be acquired deliberately, not whatever is newest."
  }

  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "A floating tag cannot be verified against the assessed release."
  }
}

control "MCP-SUPPLY-03" {
  maps "PO.3.2" {
    provenance = "asserted"
    rationale  = "Developer tools should not fetch and run unreviewed code silently."
  }

  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Skipping the install prompt removes a check that the acquired component is the intended one."
  }
}

control "MCP-SUPPLY-04" {
  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "A digest lets the acquired image be verified as the assessed one."
  }

  maps "PS.2.1" {
    provenance = "asserted"
    rationale  = "Image digests are the integrity verification information for the component."
  }
}

control "MCP-SUPPLY-05" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Direct, auditable launch commands harden the development endpoint."
  }

  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Launching without a shell is the secure default for running tools."
  }
}

control "MCP-SUPPLY-06" {
  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "The downloaded component is never verified before use."
  }

  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Developer endpoints are hardened only if they do not run arbitrary downloads."
  }
}

control "MCP-SUPPLY-07" {
  maps "PW.4.1" {
    provenance = "asserted"
    rationale  = "Components must be well-secured and maintained; archived servers are not."
  }

  maps "RV.1.1" {
    provenance = "asserted"
    rationale  = "No vulnerability information or fixes will be published for archived servers."
  }
}

control "MCP-SUPPLY-08" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Development endpoints must not run repository code just because a project is opened."
  }

  maps "PS.1.1" {
    provenance = "asserted"
    rationale  = "Protection of code from unauthorized change matters doubly when the code runs on open."
  }
}

control "MCP-TOOL-01" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Acquired components are verified against what was assessed."
  }

  maps "PS.2.1" {
    provenance = "asserted"
    rationale  = "The lock is integrity verification information."
  }
}

control "MCP-TOOL-02" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Third-party tool definitions are verified before use."
  }
}

control "MCP-TRANSPORT-01" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Development tools should not send tokens and code over cleartext links."
  }
}

control "MCP-TRANSPORT-02" {
  maps "PW.4.1" {
    provenance = "asserted"
    rationale  = "Servers should be built on maintained protocol components."
  }
}

control "MCP-TRANSPORT-03" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Unauthenticated local tool servers weaken development endpoint hardening."
  }
}

control "MCP-TRANSPORT-04" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Development tools should not send credentials over unprotected networks."
  }
}

control "MCP-TRANSPORT-05" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Hardening development endpoints includes protecting the traffic of the tools they run."
  }
}

control "MCP-ENDPOINT-01" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "A secure baseline for an MCP server requires authentication."
  }
}

control "MCP-ENDPOINT-02" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Publishing correct authorization metadata is part of the server's secure baseline."
  }
}

control "MCP-ENDPOINT-03" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "PKCE S256 and HTTPS endpoints are part of the secure baseline."
  }
}

control "MCP-ENDPOINT-04" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Origin validation is part of the server's secure baseline."
  }
}

control "MCP-ENDPOINT-05" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Restrictive CORS is part of the server's secure baseline."
  }
}

control "MCP-ENDPOINT-06" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Random, header-only session ids are part of the secure baseline."
  }
}

control "MCP-ENDPOINT-07" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Refusing query-string tokens is part of the secure baseline."
  }
}

control "MCP-ENDPOINT-08" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Current TLS with valid certificates is part of the secure baseline."
  }
}

control "MCP-ENDPOINT-09" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "Serving only over TLS is part of the secure baseline."
  }
}

control "MCP-ENDPOINT-10" {
  maps "PW.4.1" {
    provenance = "asserted"
    rationale  = "Third-party MCP servers and SDKs must be kept current."
  }
}

control "MCP-TOOL-03" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Third-party tool definitions are verified before they reach the model."
  }
}

control "MCP-TOOL-04" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Third-party tool definitions are verified before use."
  }
}

control "MCP-TOOL-05" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Third-party tool definitions are verified before use."
  }
}

control "MCP-TOOL-06" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Acquired components are verified not to replace or impersonate others."
  }
}

control "MCP-TOOL-07" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Acquired components are verified to be what they claim."
  }
}

control "MCP-TOOL-08" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Third-party tool definitions are verified before use."
  }
}

control "MCP-TOOL-09" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Third-party tool definitions are verified before use."
  }
}

control "MCP-TOOL-10" {
  maps "PW.9.2" {
    provenance = "official"
    via        = "SA-5"
    rationale  = "Secure defaults (confirmation of destructive tools) depend on documented behaviour."
  }
}

control "MCP-TOOL-11" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Third-party tool definitions must be reviewable to be verified."
  }
}

# Kubernetes workloads, RBAC and exposure.

control "MCP-WORKLOAD-01" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "The manifest or chart ships the workload's security settings; running unprivileged must be the default it ships."
  }
}

control "MCP-WORKLOAD-02" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "Pod namespaces are the secure default a shipped manifest or chart must keep."
  }
}

control "MCP-WORKLOAD-03" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "Shipping manifests without node mounts is a secure default."
  }
}

control "MCP-WORKLOAD-04" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "A non-root user is the secure default a manifest or chart should ship."
  }
}

control "MCP-WORKLOAD-05" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "Disabling privilege escalation is a secure default a shipped manifest should set."
  }
}

control "MCP-WORKLOAD-06" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "A read-only root filesystem is a secure default a manifest or chart should ship."
  }
}

control "MCP-WORKLOAD-07" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "Dropping all capabilities is a secure default a manifest or chart should ship."
  }
}

control "MCP-WORKLOAD-08" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "RuntimeDefault seccomp is a secure default a manifest or chart should ship."
  }
}

control "MCP-WORKLOAD-09" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "Resource limits are a secure default a manifest or chart should ship."
  }
}

control "MCP-WORKLOAD-10" {
  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "A digest lets the deployed image be verified as the assessed one."
  }

  maps "PS.2.1" {
    provenance = "asserted"
    rationale  = "Image digests are the integrity verification information for the component."
  }
}

control "MCP-WORKLOAD-11" {
  maps "PW.4.1" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Components must be acquired deliberately, not whatever is newest."
  }

  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "A floating tag cannot be verified against the assessed release."
  }
}

control "MCP-WORKLOAD-12" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Keeping credentials out of the deployment code the team maintains protects the environment and data at rest."
  }
}

control "MCP-WORKLOAD-13" {
  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Keeping credentials off command lines is part of protecting the environment and data at rest."
  }
}

control "MCP-WORKLOAD-14" {
  maps "PS.1.1" {
    provenance = "asserted"
    rationale  = "Secrets in the code repository make access to the code access to credentials, which protecting the code must prevent."
  }

  maps "PO.5.2" {
    provenance = "asserted"
    rationale  = "Keeping secrets out of the code the team maintains protects data at rest."
  }
}

control "MCP-WORKLOAD-15" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "A dedicated service account is a secure default a manifest or chart should ship."
  }
}

control "MCP-WORKLOAD-16" {
  maps "PW.9.2" {
    provenance = "asserted"
    rationale  = "Not mounting unused tokens is a secure default a manifest or chart should ship."
  }
}

none "MCP-WORKLOAD-17" {
  reason = "Cloud identities of running workloads are an operational access matter outside the secure development practices."
}

none "MCP-RBAC-01" {
  reason = "Runtime permissions of deployed workloads are operational access control, outside the secure development practices."
}

none "MCP-RBAC-02" {
  reason = "Runtime permissions of deployed workloads are operational access control, outside the secure development practices."
}

none "MCP-RBAC-03" {
  reason = "Runtime permissions of deployed workloads are operational access control, outside the secure development practices."
}

none "MCP-RBAC-04" {
  reason = "Runtime permissions of deployed workloads are operational access control, outside the secure development practices."
}

none "MCP-RBAC-05" {
  reason = "Runtime permissions of deployed workloads are operational access control, outside the secure development practices."
}

none "MCP-EXPOSURE-01" {
  reason = "How a deployed service is published is an operational network matter outside the secure development practices."
}

none "MCP-EXPOSURE-02" {
  reason = "TLS on a deployed ingress is an operational transport matter outside the secure development practices."
}

none "MCP-EXPOSURE-03" {
  reason = "Authentication at a deployed ingress is an operational access matter outside the secure development practices."
}

none "MCP-EXPOSURE-04" {
  reason = "Network policy of deployed workloads is an operational matter outside the secure development practices."
}

none "MCP-EXPOSURE-05" {
  reason = "Network policy of deployed workloads is an operational matter outside the secure development practices."
}

control "MCP-TOOL-12" {
  maps "PW.5.1" {
    provenance = "asserted"
    rationale  = "Taking credentials from configuration or OAuth rather than from arguments is a secure coding practice for MCP servers."
  }
}

control "MCP-TOOL-13" {
  maps "PW.5.1" {
    provenance = "asserted"
    rationale  = "Validating all inputs against a precise schema is a secure coding practice."
  }
}

control "MCP-TOOL-14" {
  maps "PW.5.1" {
    provenance = "asserted"
    rationale  = "Constraining and validating dangerous inputs is a secure coding practice."
  }
}

control "MCP-ENDPOINT-11" {
  maps "PW.9.1" {
    provenance = "asserted"
    rationale  = "A secure baseline for an MCP server lists tools only to authenticated callers."
  }
}

control "MCP-ENDPOINT-12" {
  maps "PW.5.1" {
    provenance = "asserted"
    rationale  = "Generic error responses with details kept in server logs are a secure coding practice."
  }
}

control "MCP-ENDPOINT-13" {
  maps "PW.5.1" {
    provenance = "asserted"
    rationale  = "Keeping secrets out of error messages is a secure coding practice."
  }
}

control "MCP-GOV-09" {
  maps "PW.8.2" {
    provenance = "official"
    via        = "SA-11"
    rationale  = "Load and soak tests are tests of executable code whose findings are tracked to closure."
  }
}

# Organisation policy (controls/builtin/policy.hcl).

control "MCP-POLICY-01" {
  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "The version check verifies that the acquired component is the release the organisation assessed."
  }

  maps "PW.4.1" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Keeping servers at reviewed releases maintains them as well-secured third-party components."
  }
}

control "MCP-POLICY-02" {
  maps "PW.4.1" {
    provenance = "official"
    via        = "SR-3"
    rationale  = "Ruling out compromised releases and untrusted publishers is part of acquiring well-secured components."
  }

  maps "PW.4.4" {
    provenance = "official"
    via        = "SR-3"
    rationale  = "Checking every configured server against the denied list verifies that acquired components meet the organisation's requirements."
  }
}

control "MCP-POLICY-03" {
  maps "PO.3.2" {
    provenance = "asserted"
    rationale  = "MCP servers in developers' clients are toolchain components; using them only as approved (transport, authentication) is deploying the toolchain securely."
  }
}

control "MCP-POLICY-04" {
  maps "PO.3.2" {
    provenance = "asserted"
    rationale  = "Limiting a toolchain component to its reviewed tools keeps the developer toolchain as it was approved."
  }
}

control "MCP-POLICY-05" {
  maps "PW.4.4" {
    provenance = "asserted"
    rationale  = "Approved images at approved digests are third-party components verified against the organisation's requirements."
  }
}

control "MCP-POLICY-06" {
  maps "PO.3.2" {
    provenance = "asserted"
    rationale  = "Required settings of the MCP servers developers use are the secure deployment and maintenance of their toolchain."
  }
}

none "MCP-POLICY-07" {
  reason = "Gateway settings govern an operated service, not the software development practices the SSDF describes."
}

none "MCP-POLICY-08" {
  reason = "Workload settings govern operated services, not the software development practices the SSDF describes."
}

none "MCP-GATEWAY-33" {
  reason = "A runtime content filter on tool results is an operational setting outside secure development practice."
}

control "MCP-GATEWAY-34" {
  maps "PO.3.3" {
    provenance = "asserted"
    rationale  = "Tools should emit artifacts of their activity, here traces of each request."
  }
}
