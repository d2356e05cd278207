# NIST SP 800-53 Rev. 5: security and privacy controls. Ids and titles as in the
# 5.1.1 release (controls-index of the OSCAL catalog). Groups are control families.
# Every link is asserted: no published crosswalk maps MCP checks onto 800-53.
# `objectives` names the SP 800-53A assessment objectives a link judges exactly,
# where the control examines precisely those; reports then target them.

framework "nist-800-53-rev5" {
  title   = "NIST SP 800-53 Rev. 5"
  version = "5.1.1"
  main    = true
  source  = "https://doi.org/10.6028/NIST.SP.800-53r5"
  catalog = "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json"

  group "AC" {
    requirement "AC-2"  { title = "Account Management" }
    requirement "AC-3"  { title = "Access Enforcement" }
    requirement "AC-4"  { title = "Information Flow Enforcement" }
    requirement "AC-6"  { title = "Least Privilege" }
  }

  group "AT" {
    requirement "AT-2" { title = "Literacy Training and Awareness" }
  }

  group "AU" {
    requirement "AU-2"  { title = "Event Logging" }
    requirement "AU-3"  { title = "Content of Audit Records" }
    requirement "AU-6"  { title = "Audit Record Review, Analysis, and Reporting" }
    requirement "AU-9"  { title = "Protection of Audit Information" }
    requirement "AU-11" { title = "Audit Record Retention" }
    requirement "AU-12" { title = "Audit Record Generation" }
    requirement "AU-12(1)" { title = "System-wide and Time-correlated Audit Trail" }
  }

  group "CA" {
    requirement "CA-2" { title = "Control Assessments" }
    requirement "CA-8" { title = "Penetration Testing" }
  }

  group "CM" {
    requirement "CM-2"    { title = "Baseline Configuration" }
    requirement "CM-3"    { title = "Configuration Change Control" }
    requirement "CM-5"    { title = "Access Restrictions for Change" }
    requirement "CM-6"    { title = "Configuration Settings" }
    requirement "CM-6(1)" { title = "Automated Management, Application, and Verification" }
    requirement "CM-7"    { title = "Least Functionality" }
    requirement "CM-7(2)" { title = "Prevent Program Execution" }
    requirement "CM-7(4)" { title = "Unauthorized Software — Deny-by-exception" }
    requirement "CM-7(5)" { title = "Authorized Software — Allow-by-exception" }
    requirement "CM-8"    { title = "System Component Inventory" }
    requirement "CM-10(1)" { title = "Open-source Software" }
    requirement "CM-11"   { title = "User-installed Software" }
  }

  group "IA" {
    requirement "IA-2"     { title = "Identification and Authentication (Organizational Users)" }
    requirement "IA-3"     { title = "Device Identification and Authentication" }
    requirement "IA-5"     { title = "Authenticator Management" }
    requirement "IA-5(1)"  { title = "Password-based Authentication" }
    requirement "IA-5(7)"  { title = "No Embedded Unencrypted Static Authenticators" }
    requirement "IA-8"     { title = "Identification and Authentication (Non-organizational Users)" }
    requirement "IA-9"     { title = "Service Identification and Authentication" }
  }

  group "IR" {
    requirement "IR-4" { title = "Incident Handling" }
    requirement "IR-8" { title = "Incident Response Plan" }
  }

  group "PL" {
    requirement "PL-4" { title = "Rules of Behavior" }
  }

  group "PM" {
    requirement "PM-5(1)" { title = "Inventory of Personally Identifiable Information" }
  }

  group "PT" {
    requirement "PT-3" { title = "Personally Identifiable Information Processing Purposes" }
  }

  group "RA" {
    requirement "RA-3" { title = "Risk Assessment" }
    requirement "RA-5" { title = "Vulnerability Monitoring and Scanning" }
    requirement "RA-8" { title = "Privacy Impact Assessments" }
  }

  group "SA" {
    requirement "SA-5"  { title = "System Documentation" }
    requirement "SA-9"  { title = "External System Services" }
    requirement "SA-11" { title = "Developer Testing and Evaluation" }
    requirement "SA-22" { title = "Unsupported System Components" }
  }

  group "SC" {
    requirement "SC-4"     { title = "Information in Shared System Resources" }
    requirement "SC-5"     { title = "Denial-of-service Protection" }
    requirement "SC-7"     { title = "Boundary Protection" }
    requirement "SC-7(5)"  { title = "Deny by Default — Allow by Exception" }
    requirement "SC-7(11)" { title = "Restrict Incoming Communications Traffic" }
    requirement "SC-8"     { title = "Transmission Confidentiality and Integrity" }
    requirement "SC-8(1)"  { title = "Cryptographic Protection" }
    requirement "SC-10"    { title = "Network Disconnect" }
    requirement "SC-12"    { title = "Cryptographic Key Establishment and Management" }
    requirement "SC-23"    { title = "Session Authenticity" }
    requirement "SC-28"    { title = "Protection of Information at Rest" }
    requirement "SC-39"    { title = "Process Isolation" }
  }

  group "SI" {
    requirement "SI-2"    { title = "Flaw Remediation" }
    requirement "SI-3"    { title = "Malicious Code Protection" }
    requirement "SI-4"    { title = "System Monitoring" }
    requirement "SI-7"    { title = "Software, Firmware, and Information Integrity" }
    requirement "SI-7(1)" { title = "Integrity Checks" }
    requirement "SI-10"   { title = "Information Input Validation" }
    requirement "SI-11"   { title = "Error Handling" }
    requirement "SI-15"   { title = "Information Output Filtering" }
  }

  group "SR" {
    requirement "SR-3"    { title = "Supply Chain Controls and Processes" }
    requirement "SR-4"    { title = "Provenance" }
    requirement "SR-4(3)" { title = "Validate as Genuine and Not Altered" }
    requirement "SR-6"    { title = "Supplier Assessments and Reviews" }
    requirement "SR-11"   { title = "Component Authenticity" }
  }
}

control "MCP-AUTH-01" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Callers of a remote MCP server must be identified and authenticated."
  }

  maps "IA-8" {
    provenance = "asserted"
    rationale  = "Remote servers are also called by non-organisational users and agents."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Without authentication, no access enforcement is possible."
  }
}

control "MCP-AUTH-02" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Static long-lived tokens are weak authenticator management compared with expiring, scoped OAuth tokens."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Static personal tokens usually carry the user's full scope."
  }
}

control "MCP-AUTH-03" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticators in URLs are exposed in logs."
  }

  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Query-string tokens leak outside the protected channel."
  }
}

control "MCP-AUTH-04" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Whether callers of the remote server must identify and authenticate is not established until the endpoint is probed."
  }

  maps "CA-2" {
    provenance = "asserted"
    rationale  = "The configuration leaves the server's authentication unassessed; the probe that settles it is the assessment."
  }
}

control "MCP-CLIENT-01" {
  maps "AC-3" {
    provenance = "asserted"
    rationale  = "A client that approves every call removes the per-call enforcement point for tool use, for every server at once."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Unattended execution of every tool grants the agent far more authority than any task needs."
  }

  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Model-generated tool calls are untrusted input that a person should confirm."
  }
}

control "MCP-CLIENT-02" {
  maps "SC-39" {
    provenance = "asserted"
    rationale  = "Without its sandbox, the client runs the agent's commands without process isolation from the user's system."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Full access to files and network far exceeds what the agent's tasks need."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Switching the sandbox off enables every capability, contrary to least functionality."
  }
}

control "MCP-CLIENT-03" {
  maps "CM-11" {
    provenance = "asserted"
    objectives = ["cm-11_obj.b"]
    rationale  = "Servers a repository declares are software installed and run on the user's machine without the review user-installed software needs."
  }

  maps "CM-7(5)" {
    provenance = "asserted"
    objectives = ["cm-7.5_obj.b"]
    rationale  = "Servers run without being individually authorized, the opposite of allow-by-exception."
  }
}

control "MCP-CLIENT-04" {
  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Client-wide allow rules remove the per-call enforcement point for the tools they name."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Tools approved in every project run with more authority than a single task needs."
  }
}

control "MCP-CONFIG-01" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "A configuration that does not parse is not applied as intended."
  }

  maps "CM-2" {
    provenance = "asserted"
    rationale  = "The baseline configuration of the client cannot be established from an unreadable file."
  }
}

control "MCP-CONFIG-02" {
  maps "CM-8" {
    provenance = "asserted"
    rationale  = "Ignored entries make the component inventory disagree with reality."
  }

  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Entries the client never reads are configuration settings not in force."
  }
}

control "MCP-CONFIG-03" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Protections written with unrecognised keys are settings that are not in force."
  }

  maps "CM-6(1)" {
    provenance = "asserted"
    rationale  = "Automated verification of configuration settings catches silently ignored protections."
  }
}

control "MCP-CONFIG-04" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Entries should use only settings the client documents."
  }
}

control "MCP-CONFIG-05" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Content the client never reads is configuration believed in force that is not."
  }

  maps "CM-8" {
    provenance = "asserted"
    rationale  = "A file that declares no server the client reads makes the inventory disagree with what runs."
  }
}

control "MCP-CONSENT-01" {
  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Blanket trust removes the per-call enforcement point for tool use."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Unattended execution of every tool grants the agent more authority than needed."
  }

  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Model-generated tool calls are untrusted input that should be confirmed."
  }
}

control "MCP-CONSENT-02" {
  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Auto-approved state-changing tools escape per-call enforcement."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Acting tools should require confirmation as a least-privilege measure."
  }
}

control "MCP-CONSENT-03" {
  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Approval decisions delegated to server-declared annotations are not enforced by the client."
  }

  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Tool annotations are untrusted input and should not drive approval."
  }
}

control "MCP-GATEWAY-01" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Gateway callers must be identified and authenticated."
  }

  maps "IA-8" {
    provenance = "asserted"
    rationale  = "Agents and external users reaching the gateway must be authenticated."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Access enforcement needs authenticated identities."
  }
}

control "MCP-GATEWAY-02" {
  maps "IA-9" {
    provenance = "asserted"
    rationale  = "The gateway must verify tokens were issued for it as a service."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Tokens for other audiences must not grant access."
  }
}

control "MCP-GATEWAY-03" {
  maps "IA-9" {
    provenance = "asserted"
    rationale  = "Upstream services should authenticate the gateway, not receive client tokens."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Forwarded tokens give upstreams more authority than needed."
  }

  maps "AU-3" {
    provenance = "asserted"
    rationale  = "Passthrough loses the accountable caller in upstream audit records."
  }
}

control "MCP-GATEWAY-04" {
  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Per-tool policy is the access enforcement for tools."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Callers should get only the tools they need."
  }
}

control "MCP-GATEWAY-05" {
  maps "AU-2" {
    provenance = "asserted"
    rationale  = "Tool calls are events that must be logged."
  }

  maps "AU-12" {
    provenance = "asserted"
    rationale  = "The gateway is where audit records of tool calls are generated."
  }

  maps "AU-3" {
    provenance = "asserted"
    rationale  = "Records must say who called which tool and when."
  }
}

control "MCP-GATEWAY-06" {
  maps "SC-5" {
    provenance = "asserted"
    rationale  = "Rate limiting protects against denial of service."
  }
}

control "MCP-GATEWAY-07" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Browser origins are a boundary the gateway must enforce."
  }

  maps "AC-4" {
    provenance = "asserted"
    rationale  = "Cross-origin requests are an information flow to be restricted."
  }
}

control "MCP-GATEWAY-08" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Host/Origin validation enforces the boundary against rebinding."
  }

  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Host and Origin headers are input to validate."
  }
}

control "MCP-GATEWAY-09" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Egress must be restricted at the boundary."
  }

  maps "SC-7(5)" {
    provenance = "asserted"
    rationale  = "Outbound connections should be denied by default and allowed by exception."
  }

  maps "AC-4" {
    provenance = "asserted"
    rationale  = "Information flow out of servers must be enforced."
  }
}

control "MCP-GATEWAY-10" {
  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Listeners must protect traffic in transit."
  }

  maps "SC-8(1)" {
    provenance = "asserted"
    rationale  = "TLS provides the cryptographic protection."
  }
}


control "MCP-GATEWAY-11" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Security settings written where the product does not read them are not part of the configuration actually established."
  }
}

control "MCP-GATEWAY-12" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticator management requires changing default authenticators before first use."
  }

  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "A documented default password or signing key is a static authenticator embedded in a published file."
  }

  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Secure configuration settings exclude vendor default credentials."
  }
}

control "MCP-GATEWAY-13" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticators kept by reference can be protected, rotated and revoked as authenticator management requires."
  }

  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "Literal credentials in gateway configuration are unencrypted static authenticators embedded in a file."
  }

  maps "SC-28" {
    provenance = "asserted"
    rationale  = "Credentials kept in plain configuration files are unprotected information at rest."
  }
}

control "MCP-GATEWAY-14" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Users must be uniquely identified and authenticated; a header value set by anyone identifies no one."
  }

  maps "IA-8" {
    provenance = "asserted"
    rationale  = "Callers reaching the gateway are not authenticated when the gateway trusts a header they can set."
  }
}

control "MCP-GATEWAY-15" {
  maps "AU-9" {
    provenance = "asserted"
    rationale  = "Audit information must be protected; logs holding tokens become credentials to protect."
  }

  maps "SC-28" {
    provenance = "asserted"
    rationale  = "Tokens and tool payloads written to log files are sensitive information at rest outside the stores built to protect it."
  }
}

control "MCP-GATEWAY-16" {
  maps "AC-4" {
    provenance = "asserted"
    rationale  = "Blocking secrets in tool arguments and results enforces a flow control on the information crossing the gateway."
  }

  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Blocking secrets at the gateway enforces a boundary control on information flowing to and from tools."
  }
}

control "MCP-GATEWAY-17" {
  maps "SI-7" {
    provenance = "asserted"
    rationale  = "Integrity verification of the server images the gateway runs."
  }

  maps "SI-7(1)" {
    provenance = "asserted"
    rationale  = "Signature checks are integrity checks performed before the software runs."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "Signature checks establish the provenance of the server components the gateway runs."
  }

  maps "SR-4(3)" {
    provenance = "asserted"
    rationale  = "Verifying signatures validates the provenance of the server components."
  }
}

control "MCP-GATEWAY-18" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Secure configuration settings exclude debug modes in deployed systems."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Debug endpoints and verbose modes are functions a production gateway does not need."
  }
}

control "MCP-GATEWAY-19" {
  maps "SC-23" {
    provenance = "asserted"
    rationale  = "Session authenticity requires that session identifiers are protected in transit."
  }

  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Cookies without the Secure attribute may cross the network unencrypted."
  }
}

control "MCP-GATEWAY-20" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticator management includes lifetimes; tokens that never expire cannot be managed."
  }

  maps "SC-23" {
    provenance = "asserted"
    rationale  = "Session authenticity depends on sessions and tokens that end."
  }
}

control "MCP-GATEWAY-21" {
  maps "IA-9" {
    provenance = "asserted"
    rationale  = "Services must identify and authenticate the tokens intended for them; an audience that is not the service's identifier accepts tokens for others."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Access enforcement depends on tokens bound to the resource being accessed."
  }
}

control "MCP-GATEWAY-22" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "The gateway must not be usable to cross into internal networks and metadata services."
  }

  maps "SI-10" {
    provenance = "asserted"
    rationale  = "URLs supplied by users or upstream metadata are inputs that must be validated."
  }
}

control "MCP-GATEWAY-23" {
  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Access enforcement on claims is meaningless for callers who present none."
  }

  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Rules that assume identified callers require authentication to be enforced."
  }
}

control "MCP-GATEWAY-24" {
  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Identity provider metadata and keys must be protected in transit."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "The keys that validate authenticators must come from an authenticated source."
  }
}

control "MCP-GATEWAY-25" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticators in URLs are disclosed in logs and referrers."
  }

  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Credentials must travel in protected request fields, not the URL."
  }
}

control "MCP-GATEWAY-26" {
  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Upstream traffic is protected only if the peer is authenticated."
  }

  maps "SC-8(1)" {
    provenance = "asserted"
    rationale  = "Cryptographic protection without certificate checks does not prevent interception."
  }
}

control "MCP-GATEWAY-27" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Least privilege grants tools to the callers that need them, not to everyone."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Access enforcement that grants to every caller enforces nothing for those grants."
  }
}

control "MCP-GATEWAY-28" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "The gateway should run with the least privilege it needs; the Docker API or privileged mode is root on the host."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Host-level access is functionality a gateway container should not have."
  }

  maps "SC-39" {
    provenance = "asserted"
    rationale  = "Process isolation is lost when the container shares the host or controls its container runtime."
  }
}

control "MCP-GATEWAY-29" {
  maps "CM-2" {
    provenance = "asserted"
    rationale  = "A pinned image is part of a known baseline configuration."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "Provenance of the gateway component is known only when its version is fixed."
  }
}

control "MCP-GATEWAY-30" {
  maps "CM-7" {
    provenance = "asserted"
    rationale  = "A superseded protocol kept in service is functionality the system no longer needs and that receives no further hardening."
  }

  maps "SC-23" {
    provenance = "asserted"
    rationale  = "The deprecated transport's session handling (a separate message endpoint keyed by session) is weaker protection of session authenticity."
  }
}

control "MCP-GATEWAY-31" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Callers from the internet reach the gateway without being identified or authenticated."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Access to the tools behind the gateway is not enforced for any caller."
  }

  maps "SC-7" {
    provenance = "asserted"
    rationale  = "The gateway is published past the network boundary with no authenticating managed interface in front of it."
  }
}

control "MCP-GATEWAY-32" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "The gateway's configuration settings must be established and in force; a setting that refers to an object that does not exist establishes nothing."
  }

  maps "IA-2" {
    provenance = "asserted"
    rationale  = "The authentication the missing OIDC configuration was meant to provide is not enforced for callers reaching the proxy."
  }
}

control "MCP-GOV-01" {
  maps "CM-7(5)" {
    provenance = "asserted"
    rationale  = "An allowlist of servers is allow-by-exception for software."
  }

  maps "CM-8" {
    provenance = "asserted"
    rationale  = "Approved servers form part of the component inventory."
  }

  maps "CM-11" {
    provenance = "asserted"
    rationale  = "Rules govern which servers users may install."
  }

  maps "SR-6" {
    provenance = "asserted"
    rationale  = "Servers are assessed before approval."
  }
}

control "MCP-GOV-02" {
  maps "IR-8" {
    provenance = "asserted"
    rationale  = "The incident response plan covers MCP scenarios."
  }

  maps "IR-4" {
    provenance = "asserted"
    rationale  = "Incident handling for MCP compromises."
  }
}

control "MCP-GOV-03" {
  maps "CA-8" {
    provenance = "asserted"
    rationale  = "Penetration testing of MCP endpoints."
  }

  maps "RA-5" {
    provenance = "asserted"
    rationale  = "Vulnerability scanning of MCP endpoints."
  }

  maps "CA-2" {
    provenance = "asserted"
    rationale  = "Periodic security testing of MCP endpoints is a control assessment (CA-2) extended to the MCP services the organisation runs."
  }
}

control "MCP-GOV-04" {
  maps "AU-11" {
    provenance = "asserted"
    rationale  = "Tool-call logs must be kept long enough to investigate an incident after the fact, which is the retention AU-11 requires."
  }

  maps "AU-6" {
    provenance = "asserted"
    rationale  = "Someone must review tool-call logs for misuse; AU-6 requires that review and reporting."
  }

  maps "AU-9" {
    provenance = "asserted"
    rationale  = "Tool-call logs must be protected from alteration by the agents and servers whose actions they record (AU-9)."
  }
}

control "MCP-GOV-05" {
  maps "RA-8" {
    provenance = "asserted"
    rationale  = "Privacy impact assessment for servers handling PII."
  }

  maps "RA-3" {
    provenance = "asserted"
    rationale  = "A documented risk assessment before a server that processes personal data is approved is an RA-3 risk assessment scoped to that server."
  }
}

control "MCP-GOV-06" {
  maps "SA-9" {
    provenance = "asserted"
    rationale  = "External MCP services are governed as external system services."
  }

  maps "SR-6" {
    provenance = "asserted"
    rationale  = "Supplier assessments of MCP providers."
  }

  maps "PM-5(1)" {
    provenance = "asserted"
    rationale  = "Inventory of PII processing includes MCP."
  }
}

control "MCP-GOV-07" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticator lifetimes, rotation and revocation."
  }

  maps "AC-2" {
    provenance = "asserted"
    rationale  = "Credentials are tied to managed accounts."
  }
}

control "MCP-GOV-08" {
  maps "AT-2" {
    provenance = "asserted"
    rationale  = "Literacy training covers agent and MCP risks."
  }

  maps "PL-4" {
    provenance = "asserted"
    rationale  = "Rules of behaviour for adding servers and approving calls."
  }
}

control "MCP-MCPB-01" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Credentials entered into bundles must be protected as authenticators."
  }

  maps "SA-5" {
    provenance = "asserted"
    rationale  = "The manifest must flag sensitive settings."
  }
}

control "MCP-MCPB-02" {
  maps "PT-3" {
    provenance = "asserted"
    rationale  = "Privacy policies state the purposes for which data is processed by external services."
  }

  maps "SA-9" {
    provenance = "asserted"
    rationale  = "External services used by a bundle must be identified with their privacy terms."
  }
}

control "MCP-REGISTRY-01" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Secret inputs not marked as secret are handled without authenticator protection by installers."
  }

  maps "SA-5" {
    provenance = "asserted"
    rationale  = "Manifest metadata is system documentation that must flag sensitive parameters."
  }
}

control "MCP-REGISTRY-02" {
  maps "CM-2" {
    provenance = "asserted"
    rationale  = "Explicit versions make the baseline of published servers identifiable."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "Versioned entries support provenance of published servers."
  }
}

control "MCP-REGISTRY-03" {
  maps "SR-4" {
    provenance = "asserted"
    rationale  = "A verified namespace establishes who published the server."
  }

  maps "SR-11" {
    provenance = "asserted"
    rationale  = "Namespaces make counterfeit look-alike servers harder to pass off as genuine."
  }
}

control "MCP-REGISTRY-04" {
  maps "SI-7" {
    provenance = "asserted"
    rationale  = "A SHA-256 lets the downloaded bundle's integrity be verified."
  }

  maps "SR-4(3)" {
    provenance = "asserted"
    rationale  = "The hash validates the bundle as genuine and not altered."
  }

  maps "SR-11" {
    provenance = "asserted"
    rationale  = "A published hash lets a client detect a substituted bundle, one of the means to detect counterfeit components that SR-11 asks for."
  }
}

control "MCP-REGISTRY-05" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Misspelt manifest keys are settings silently not applied."
  }

  maps "SA-5" {
    provenance = "asserted"
    rationale  = "Manifests are documentation that must be accurate for installers."
  }
}

control "MCP-SANDBOX-01" {
  maps "SC-39" {
    provenance = "asserted"
    rationale  = "A privileged container does not provide process isolation from the host."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Full privileges far exceed what an MCP server needs."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Privileged mode enables every capability and device, contrary to least functionality."
  }
}

control "MCP-SANDBOX-02" {
  maps "SC-39" {
    provenance = "asserted"
    rationale  = "Host namespaces break the isolation between the server and host processes."
  }

  maps "SC-7" {
    provenance = "asserted"
    rationale  = "The host network removes the network boundary around the container."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Host namespaces grant access beyond what the server needs."
  }
}

control "MCP-SANDBOX-03" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Engine socket access is root-equivalent, far beyond least privilege."
  }

  maps "SC-39" {
    provenance = "asserted"
    rationale  = "A server controlling the container engine escapes process isolation."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "The engine API enforces no access control on what the server may start."
  }
}

control "MCP-SANDBOX-04" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Write access to host directories exceeds what most servers need."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Mount mode is the access enforcement for host files."
  }
}

control "MCP-SANDBOX-05" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Publishing on all interfaces exposes the server across the network boundary."
  }

  maps "SC-7(11)" {
    provenance = "asserted"
    rationale  = "Incoming traffic to the server is not restricted to the local host."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Exposing a stdio server's ports is unneeded functionality."
  }
}

control "MCP-SANDBOX-06" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Dangerous capabilities exceed least privilege."
  }

  maps "SC-39" {
    provenance = "asserted"
    rationale  = "Capabilities such as SYS_ADMIN break container isolation."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Unneeded capabilities are unneeded functionality."
  }
}

control "MCP-SANDBOX-07" {
  maps "AC-6" {
    provenance = "asserted"
    objectives = ["ac-6_obj"]
    rationale  = "Broad roots hand the server far more data than its task needs."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Filesystem roots are the server's access enforcement boundary."
  }
}

control "MCP-SECRETS-01" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "Literal credentials in client configuration are unencrypted static authenticators embedded in a file."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticators kept by reference can be protected, rotated and revoked as authenticator management requires."
  }

  maps "SC-28" {
    provenance = "asserted"
    objectives = ["sc-28_obj"]
    rationale  = "Credentials stored at rest in plain configuration files are unprotected information at rest."
  }
}

control "MCP-SECRETS-02" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "A literal credential on the command line is an unencrypted static authenticator embedded in the launch configuration."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Command-line credentials cannot be protected or rotated as authenticator management requires."
  }

  maps "SC-4" {
    provenance = "asserted"
    rationale  = "Process arguments are visible to every user of the host through shared system resources (the process table)."
  }
}

control "MCP-SECRETS-03" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "A literal bearer token in a header definition is an unencrypted static authenticator embedded in configuration."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Header credentials kept by reference can be protected and rotated."
  }
}

control "MCP-SECRETS-04" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "Credentials in URLs are unencrypted static authenticators embedded in configuration."
  }

  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Credentials in URLs leak through logs and referrers on the way to the server, defeating transmission confidentiality."
  }
}

control "MCP-SECRETS-05" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Reference forms the client does not expand mean the configuration setting in force differs from the one intended."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "A credential that never resolves invites replacing the reference with a literal secret."
  }
}

control "MCP-SECRETS-06" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "Placeholders in committed files are where embedded static authenticators end up once developers fill them in."
  }

  maps "CM-6" {
    provenance = "asserted"
    rationale  = "A committed configuration that cannot work as written is a broken configuration setting."
  }
}

control "MCP-SECRETS-07" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "An authenticator expanded into process arguments is not protected from disclosure as authenticator management requires."
  }

  maps "SC-4" {
    provenance = "asserted"
    rationale  = "The process list is a shared system resource through which the credential reaches other users of the host."
  }
}

control "MCP-SECRETS-08" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "Literal credentials in client configuration files are unencrypted static authenticators embedded in a file."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticators kept out of files can be protected, rotated and revoked as authenticator management requires."
  }

  maps "SC-28" {
    provenance = "asserted"
    objectives = ["sc-28_obj"]
    rationale  = "Credentials stored at rest in plain configuration files are unprotected information at rest."
  }
}

control "MCP-SUPPLY-01" {
  maps "CM-2" {
    provenance = "asserted"
    rationale  = "Unpinned packages make the baseline configuration of the server non-deterministic."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "Without a fixed version, the provenance of the code that runs cannot be established or maintained."
  }

  maps "SR-3" {
    provenance = "asserted"
    rationale  = "Pinning is a basic supply-chain control over third-party components."
  }
}

control "MCP-SUPPLY-02" {
  maps "CM-2" {
    provenance = "asserted"
    rationale  = "A `latest` reference means the baseline changes whenever the registry does."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "Provenance of a floating `latest` release cannot be maintained."
  }

  maps "SR-3" {
    provenance = "asserted"
    rationale  = "Refusing floating releases is a basic supply-chain control."
  }
}

control "MCP-SUPPLY-03" {
  maps "CM-11" {
    provenance = "asserted"
    objectives = ["cm-11_obj.b"]
    rationale  = "Auto-install lets software be installed by the client without the user's approval."
  }

  maps "CM-7(5)" {
    provenance = "asserted"
    objectives = ["cm-7.5_obj.b"]
    rationale  = "Packages run without an allow decision, the opposite of allow-by-exception for software."
  }
}

control "MCP-SUPPLY-04" {
  maps "SI-7" {
    provenance = "asserted"
    objectives = ["si-7_obj.a-1"]
    rationale  = "A digest pins the exact image content, letting its integrity be verified."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "A digest records the precise provenance of the image that runs."
  }

  maps "SR-4(3)" {
    provenance = "asserted"
    rationale  = "A digest reference makes the engine refuse any image whose content differs from the one referenced, validating that the image received has not been altered (it says nothing of who built it)."
  }
}

control "MCP-SUPPLY-05" {
  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Shell wrappers add an interpreter the server does not need, contrary to least functionality."
  }

  maps "SI-10" {
    provenance = "asserted"
    rationale  = "A shell interprets the launch string, so any injected text becomes commands."
  }

  maps "CM-6" {
    provenance = "asserted"
    rationale  = "Launching the program directly is the secure configuration setting for stdio servers."
  }
}

control "MCP-SUPPLY-06" {
  maps "SI-7" {
    provenance = "asserted"
    objectives = ["si-7_obj.a-1"]
    rationale  = "Piping a download into a shell executes code whose integrity is never verified."
  }

  maps "CM-7(2)" {
    provenance = "asserted"
    rationale  = "Downloaded scripts should be prevented from executing unreviewed."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "The provenance of a script fetched at every launch is unknown."
  }

  maps "SI-3" {
    provenance = "asserted"
    rationale  = "Unverified downloaded code is a malicious-code delivery channel."
  }
}

control "MCP-SUPPLY-07" {
  maps "SA-22" {
    provenance = "asserted"
    rationale  = "Archived reference servers are unsupported system components."
  }

  maps "SI-2" {
    provenance = "asserted"
    rationale  = "Archived servers receive no flaw remediation."
  }
}

control "MCP-SUPPLY-08" {
  maps "CM-5" {
    provenance = "asserted"
    rationale  = "Repository contributors effectively change what runs on every developer machine."
  }

  maps "CM-7(2)" {
    provenance = "asserted"
    rationale  = "Repository-controlled scripts should not execute automatically."
  }

  maps "SI-7" {
    provenance = "asserted"
    rationale  = "The integrity of the script that runs is not verified."
  }
}

control "MCP-TOOL-01" {
  maps "SI-7" {
    provenance = "asserted"
    rationale  = "Changed tool definitions are detected by integrity checks against the approved hash."
  }

  maps "SI-7(1)" {
    provenance = "asserted"
    rationale  = "The lockfile comparison is the integrity check."
  }

  maps "CM-3" {
    provenance = "asserted"
    rationale  = "Tool definition changes must go through change control."
  }
}

control "MCP-TOOL-02" {
  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Tool descriptions are untrusted input to the model and must be validated."
  }

  maps "SI-3" {
    provenance = "asserted"
    rationale  = "Hidden instructions are malicious content delivered through metadata."
  }
}

control "MCP-TRANSPORT-01" {
  maps "SC-8" {
    provenance = "asserted"
    objectives = ["sc-8_obj"]
    rationale  = "Plain HTTP gives no transmission confidentiality or integrity."
  }

  maps "SC-8(1)" {
    provenance = "asserted"
    objectives = ["sc-8.1_obj"]
    rationale  = "TLS is the cryptographic protection of MCP traffic in transit."
  }

  maps "IA-9" {
    provenance = "asserted"
    rationale  = "TLS authenticates the remote MCP service by its certificate before the client sends credentials or data; plain HTTP identifies the service by name only."
  }
}

control "MCP-TRANSPORT-02" {
  maps "SC-23" {
    provenance = "asserted"
    rationale  = "The HTTP+SSE transport lacks the session protections of Streamable HTTP."
  }

  maps "SA-22" {
    provenance = "asserted"
    rationale  = "HTTP+SSE is a deprecated protocol component that clients and gateways are dropping."
  }
}

control "MCP-TRANSPORT-03" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Local HTTP servers should identify and authenticate their callers."
  }

  maps "IA-9" {
    provenance = "asserted"
    rationale  = "Local services should authenticate the client connecting to them."
  }

  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Loopback is not a trust boundary against browsers and other local processes."
  }
}

control "MCP-TRANSPORT-04" {
  maps "SC-8" {
    provenance = "asserted"
    objectives = ["sc-8_obj"]
    rationale  = "Plain HTTP to the service gives the credentials and data the server sends no transmission confidentiality or integrity."
  }

  maps "SC-8(1)" {
    provenance = "asserted"
    rationale  = "TLS is the cryptographic protection the traffic lacks."
  }

  maps "IA-5(1)" {
    provenance = "asserted"
    rationale  = "Passwords and tokens must be transmitted only over cryptographically protected channels; these cross the network in the clear."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticator content sent in the clear is not protected from disclosure and modification as authenticator management requires."
  }
}

control "MCP-TRANSPORT-05" {
  maps "SC-8" {
    provenance = "asserted"
    objectives = ["sc-8_obj"]
    rationale  = "Plain HTTP to the service gives the data the server exchanges no transmission confidentiality or integrity."
  }

  maps "SC-8(1)" {
    provenance = "asserted"
    rationale  = "TLS is the cryptographic protection the traffic lacks."
  }
}

control "MCP-ENDPOINT-01" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Callers of the endpoint must be identified and authenticated."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Access to tools must be enforced on every request."
  }
}

control "MCP-ENDPOINT-02" {
  maps "IA-9" {
    provenance = "asserted"
    rationale  = "Clients identify the protected service and its authorization server from the metadata."
  }

  maps "IA-8" {
    provenance = "asserted"
    rationale  = "Non-organisational clients authenticate through the advertised authorization server."
  }
}

control "MCP-ENDPOINT-03" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Authorization code flows must resist interception (PKCE S256)."
  }

  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Authorization endpoints must use protected transport."
  }
}

control "MCP-ENDPOINT-04" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Requests from foreign web origins cross a boundary that must be enforced."
  }

  maps "AC-4" {
    provenance = "asserted"
    rationale  = "Browser-originated flows to the server must be controlled."
  }
}

control "MCP-ENDPOINT-05" {
  maps "AC-4" {
    provenance = "asserted"
    rationale  = "CORS decides which web origins may read the server's answers."
  }

  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Wildcard CORS removes a boundary."
  }
}

control "MCP-ENDPOINT-06" {
  maps "SC-23" {
    provenance = "asserted"
    rationale  = "Session identifiers must be authentic and unguessable."
  }
}

control "MCP-ENDPOINT-07" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Tokens in URLs leak into logs and must not be accepted."
  }

  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Credentials in URLs are exposed beyond the protected channel."
  }
}

control "MCP-ENDPOINT-08" {
  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Unverified or outdated TLS does not protect transmission."
  }

  maps "SC-8(1)" {
    provenance = "asserted"
    rationale  = "TLS is the cryptographic protection in transit."
  }

  maps "SC-12" {
    provenance = "asserted"
    rationale  = "Certificates must be issued and renewed properly."
  }
}

control "MCP-ENDPOINT-09" {
  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Plain HTTP gives no transmission confidentiality or integrity."
  }

  maps "SC-8(1)" {
    provenance = "asserted"
    rationale  = "TLS is the cryptographic protection of MCP traffic."
  }
}

control "MCP-ENDPOINT-10" {
  maps "SA-22" {
    provenance = "asserted"
    rationale  = "Old protocol revisions lack current security features and fixes."
  }

  maps "SI-2" {
    provenance = "asserted"
    rationale  = "Upgrading the server remediates protocol-level flaws."
  }
}

control "MCP-TOOL-03" {
  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Definition text is untrusted input to the model; invisible characters and escapes are input validation failures."
  }

  maps "SI-3" {
    provenance = "asserted"
    rationale  = "Hidden text in tool metadata is malicious content delivered through the tool list."
  }
}

control "MCP-TOOL-04" {
  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Encoded text in definitions is unvalidated input to the model."
  }

  maps "SI-3" {
    provenance = "asserted"
    rationale  = "Encoded instructions are malicious content delivered through metadata."
  }
}

control "MCP-TOOL-05" {
  maps "AC-4" {
    provenance = "asserted"
    rationale  = "One server's text redirects what flows to another server's tools."
  }

  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Definitions are untrusted input and must not steer other tools."
  }

  maps "SI-3" {
    provenance = "asserted"
    rationale  = "Shadowing instructions are malicious content delivered through metadata."
  }
}

control "MCP-TOOL-06" {
  maps "CM-8" {
    provenance = "asserted"
    rationale  = "Each tool in the inventory must be uniquely identifiable to the server that offers it."
  }
}

control "MCP-TOOL-07" {
  maps "SI-3" {
    provenance = "asserted"
    rationale  = "A look-alike name is impersonation delivered through metadata."
  }

  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Names are untrusted input and must be validated."
  }
}

control "MCP-TOOL-08" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Pointing the model at credential stores endangers authenticators."
  }

  maps "SI-3" {
    provenance = "asserted"
    rationale  = "Credential-harvesting instructions are malicious content."
  }
}

control "MCP-TOOL-09" {
  maps "AC-4" {
    provenance = "asserted"
    rationale  = "Instructions to send data elsewhere break information flow enforcement."
  }

  maps "SI-3" {
    provenance = "asserted"
    rationale  = "Exfiltration instructions are malicious content."
  }
}

control "MCP-TOOL-10" {
  maps "SA-5" {
    provenance = "asserted"
    rationale  = "Annotations are the documentation clients rely on to gate destructive actions."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "A destructive tool posing as read-only runs without the confirmation least privilege requires."
  }
}

control "MCP-TOOL-11" {
  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Overlong descriptions evade review as input to the model."
  }
}

# Kubernetes workloads, RBAC and exposure.

control "MCP-WORKLOAD-01" {
  maps "SC-39" {
    provenance = "asserted"
    rationale  = "A privileged container has no process isolation from the node."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Privileged mode grants every capability and device, far beyond what an MCP server needs."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Privileged mode enables every kernel capability and device, contrary to least functionality."
  }
}

control "MCP-WORKLOAD-02" {
  maps "SC-39" {
    provenance = "asserted"
    rationale  = "Node namespaces break the isolation between the MCP pod and the node's processes."
  }

  maps "SC-7" {
    provenance = "asserted"
    rationale  = "The node's network removes the network boundary around the pod and bypasses NetworkPolicies."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Node namespaces grant access beyond what the server needs."
  }
}

control "MCP-WORKLOAD-03" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Node directories exceed what an MCP server needs to reach."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "The volume list is the access enforcement for node files."
  }

  maps "SC-39" {
    provenance = "asserted"
    rationale  = "A node path mounted into the pod breaches the isolation of the container."
  }
}

control "MCP-WORKLOAD-04" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Running as root grants the server process more privilege than it needs."
  }

  maps "SC-39" {
    provenance = "asserted"
    rationale  = "A root process in the container turns a runtime or kernel flaw into control of the node, weakening process isolation."
  }
}

control "MCP-WORKLOAD-05" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Processes that can gain privileges at run time escape the least privilege they were started with."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Privilege escalation through setuid binaries is a function the server does not need."
  }
}

control "MCP-WORKLOAD-06" {
  maps "SI-7" {
    provenance = "asserted"
    rationale  = "A read-only root filesystem keeps the server's own software from being altered at run time."
  }

  maps "CM-5" {
    provenance = "asserted"
    rationale  = "Changes to the running software are prevented rather than left to the process."
  }
}

control "MCP-WORKLOAD-07" {
  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Kernel capabilities the server does not use are functions it should not have."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Default capabilities grant more privilege than an MCP server needs."
  }
}

control "MCP-WORKLOAD-08" {
  maps "CM-7" {
    provenance = "asserted"
    rationale  = "A seccomp profile removes system calls the server does not need."
  }

  maps "SC-39" {
    provenance = "asserted"
    rationale  = "Filtering system calls strengthens the isolation of the server's process."
  }
}

control "MCP-WORKLOAD-09" {
  maps "SC-5" {
    provenance = "asserted"
    rationale  = "Limits keep one server from exhausting the node and denying service to others."
  }
}

control "MCP-WORKLOAD-10" {
  maps "SI-7" {
    provenance = "asserted"
    rationale  = "A digest pins the exact image content, letting its integrity be verified."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "A digest records the precise provenance of the image that runs."
  }

  maps "SR-4(3)" {
    provenance = "asserted"
    rationale  = "A digest reference makes the runtime refuse any image whose content differs from the one referenced, validating that the image received has not been altered (it says nothing of who built it)."
  }
}

control "MCP-WORKLOAD-11" {
  maps "CM-2" {
    provenance = "asserted"
    rationale  = "A `latest` image means the baseline changes whenever the registry does."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "Provenance of a floating `latest` image cannot be maintained."
  }

  maps "SR-3" {
    provenance = "asserted"
    rationale  = "Refusing floating releases is a basic supply-chain control."
  }
}

control "MCP-WORKLOAD-12" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "Literal credentials in a manifest are unencrypted static authenticators embedded in a file."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticators kept in Secrets can be protected, rotated and revoked as authenticator management requires."
  }

  maps "SC-28" {
    provenance = "asserted"
    rationale  = "Credentials stored at rest in plain manifests and objects are unprotected information at rest."
  }
}

control "MCP-WORKLOAD-13" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "A literal credential on the container command line is an unencrypted static authenticator embedded in the manifest."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Command-line credentials cannot be protected or rotated as authenticator management requires."
  }

  maps "SC-4" {
    provenance = "asserted"
    rationale  = "Process arguments are visible to every process of the node through shared system resources (the process table)."
  }
}

control "MCP-WORKLOAD-14" {
  maps "IA-5(7)" {
    provenance = "asserted"
    rationale  = "Secret values committed with the manifests are unencrypted static authenticators embedded in the repository."
  }

  maps "SC-28" {
    provenance = "asserted"
    rationale  = "Committed Secret values are unprotected information at rest in every clone and in history."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Committed credentials cannot be rotated without a change to the repository, against authenticator management."
  }
}

control "MCP-WORKLOAD-15" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "A shared default account accumulates the permissions of every pod that uses it."
  }

  maps "IA-9" {
    provenance = "asserted"
    rationale  = "Each service needs its own identity so that its API calls can be told apart."
  }
}

control "MCP-WORKLOAD-16" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "A token for API access the server does not use is privilege beyond need."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "The mounted token is an authenticator exposed to every process and tool of the pod."
  }
}

control "MCP-WORKLOAD-17" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Ambient cloud credentials extend the server's privileges into the cloud account."
  }

  maps "SC-7" {
    provenance = "asserted"
    rationale  = "The metadata endpoint is a boundary that egress rules must not open."
  }
}

control "MCP-RBAC-01" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "cluster-admin is the opposite of least privilege."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "RBAC bindings are the API server's access enforcement; cluster-admin disables it for the server."
  }

  maps "AC-2" {
    provenance = "asserted"
    rationale  = "Account privileges must be reviewed; cluster-admin bound to a workload account is a privileged account."
  }
}

control "MCP-RBAC-02" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Wildcards grant present and future resources beyond need."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Wildcard rules leave the API server's access enforcement unable to limit the server."
  }
}

control "MCP-RBAC-03" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Reading Secrets is beyond what almost any MCP server needs."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Secrets should be readable only by the workloads that use them."
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Secrets hold authenticators that must be protected from unauthorised disclosure."
  }
}

control "MCP-RBAC-04" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Creating pods or exec grants the privileges of any account in the namespace."
  }

  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Running arbitrary workloads is a function an MCP server should not have."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Pod creation and exec bypass the access enforcement on the namespace's Secrets and accounts."
  }
}

control "MCP-RBAC-05" {
  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Escalate, bind and impersonate let the account exceed its own privileges."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "These verbs defeat RBAC's access enforcement."
  }

  maps "AC-2" {
    provenance = "asserted"
    rationale  = "Accounts able to grant themselves rights escape account management."
  }
}

control "MCP-EXPOSURE-01" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "NodePorts and open load balancers publish the server past the cluster boundary without a managed interface."
  }

  maps "AC-4" {
    provenance = "asserted"
    rationale  = "Traffic from outside reaches the server without passing the controlled entry points."
  }
}

control "MCP-EXPOSURE-02" {
  maps "SC-8" {
    provenance = "asserted"
    rationale  = "Tokens and tool data cross the network without TLS."
  }

  maps "SC-8(1)" {
    provenance = "asserted"
    rationale  = "No cryptographic protection is applied in transmission."
  }

  maps "IA-9" {
    provenance = "asserted"
    rationale  = "Without TLS the service cannot authenticate itself to clients."
  }
}

control "MCP-EXPOSURE-03" {
  maps "IA-2" {
    provenance = "asserted"
    rationale  = "Callers reaching the server through the ingress are not identified and authenticated."
  }

  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Without authentication no access decision can be enforced on tool calls."
  }

  maps "IA-8" {
    provenance = "asserted"
    rationale  = "Callers from outside the organisation are not authenticated either."
  }
}

control "MCP-EXPOSURE-04" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Egress not limited to needed destinations leaves the boundary open outward."
  }

  maps "SC-7(5)" {
    provenance = "asserted"
    rationale  = "Deny by default, allow by exception, is not applied to the server's outbound traffic."
  }

  maps "AC-4" {
    provenance = "asserted"
    rationale  = "Information can flow from the server to any destination."
  }
}

control "MCP-EXPOSURE-05" {
  maps "SC-7" {
    provenance = "asserted"
    rationale  = "Inbound traffic to the server is not limited to its intended entry points."
  }

  maps "AC-4" {
    provenance = "asserted"
    rationale  = "Calls can flow to the server around the gateway or ingress that controls them."
  }
}

control "MCP-TOOL-12" {
  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticators must be protected from disclosure; one passed as a tool argument is disclosed to the model, transcripts and logs."
  }
}

control "MCP-TOOL-13" {
  maps "SI-10" {
    provenance = "asserted"
    rationale  = "A schema that admits any argument cannot be used to check the syntax and semantics of tool inputs."
  }
}

control "MCP-TOOL-14" {
  maps "SI-10" {
    provenance = "asserted"
    rationale  = "Paths, URLs, commands and queries are the inputs whose validity must be checked before use."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "An unconstrained path or query grants the tool more reach than its purpose needs."
  }
}

control "MCP-ENDPOINT-11" {
  maps "AC-3" {
    provenance = "asserted"
    rationale  = "Listing tools is access to system resources that must be enforced for each caller."
    objectives = ["ac-3_obj"]
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "A caller should discover only the tools it is authorised to use."
  }
}

control "MCP-ENDPOINT-12" {
  maps "SI-11" {
    provenance = "asserted"
    rationale  = "Errors that carry stack traces, paths, addresses or connection strings reveal information that could be exploited."
    objectives = ["si-11_obj.a"]
  }
}

control "MCP-ENDPOINT-13" {
  maps "SI-11" {
    provenance = "asserted"
    rationale  = "A credential in an error is information that can be exploited at once."
    objectives = ["si-11_obj.a"]
  }

  maps "IA-5" {
    provenance = "asserted"
    rationale  = "Authenticator content must be protected from disclosure, including through error messages."
  }
}

control "MCP-GOV-09" {
  maps "SA-11" {
    provenance = "asserted"
    rationale  = "Load and soak testing is developer testing and evaluation of the server for flaws that appear only over time."
  }

  maps "SC-5" {
    provenance = "asserted"
    rationale  = "A handler that leaks resources lets ordinary or hostile call volume deny service."
  }
}

# Organisation policy (controls/builtin/policy.hcl).

control "MCP-POLICY-01" {
  maps "CM-2" {
    provenance = "asserted"
    rationale  = "The versions and digests an approved entry allows are the baseline configuration of that server; a server running another one has left the baseline."
  }

  maps "CM-7(5)" {
    provenance = "asserted"
    rationale  = "Allow-by-exception authorizes specific software; a release nobody reviewed is not the software that was authorized."
  }

  maps "SR-4" {
    provenance = "asserted"
    rationale  = "Pinning to the reviewed version or digest keeps the provenance of the server's code established."
  }
}

control "MCP-POLICY-02" {
  maps "CM-7(4)" {
    provenance = "asserted"
    rationale  = "The policy's denied list is the deny-by-exception list of unauthorized software for MCP servers, checked on every configuration found."
  }

  maps "CM-10(1)" {
    provenance = "asserted"
    rationale  = "Denied packages and publishers are the organisation's restrictions on the use of open-source MCP servers."
  }

  maps "SR-3" {
    provenance = "asserted"
    rationale  = "Ruling out compromised releases and untrusted publishers is a supply-chain control over third-party components."
  }
}

control "MCP-POLICY-03" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "The transports and authentication an approval requires are configuration settings the organisation established for that server."
  }

  maps "SA-9" {
    provenance = "asserted"
    rationale  = "For a remote MCP service, the conditions of its approval (OAuth rather than static keys, a current transport) are the security requirements its use must meet."
  }
}

control "MCP-POLICY-04" {
  maps "CM-7" {
    provenance = "asserted"
    rationale  = "Allowing only the reviewed tools of a server limits it to the functions the organisation needs."
  }

  maps "AC-6" {
    provenance = "asserted"
    rationale  = "Tools beyond the allowed list give the agent more capability than its task was granted."
  }
}

control "MCP-POLICY-05" {
  maps "CM-7(5)" {
    provenance = "asserted"
    rationale  = "Only images the policy authorizes may run as MCP workloads; an unapproved image is unauthorized software."
  }

  maps "CM-2" {
    provenance = "asserted"
    rationale  = "The approved digests are the baseline of the workload's images."
  }

  maps "CM-8" {
    provenance = "asserted"
    rationale  = "Comparing the cluster's MCP workloads with the approved list keeps the component inventory complete: a workload absent from it is found."
  }
}

control "MCP-POLICY-06" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "The policy's requirements are configuration settings the organisation established for its MCP servers; each server is checked against them and departures are approved only as exceptions with an expiry."
  }
}

control "MCP-POLICY-07" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "The policy's requirements are configuration settings the organisation established for its MCP gateways; each gateway is checked against them."
  }
}

control "MCP-POLICY-08" {
  maps "CM-6" {
    provenance = "asserted"
    rationale  = "The policy's requirements are configuration settings the organisation established for the workloads running MCP servers and gateways."
  }
}

control "MCP-GATEWAY-33" {
  maps "SI-15" {
    provenance = "asserted"
    rationale  = "Tool results are output of programs that the gateway should check against expected content before the model reads them."
  }

  maps "AC-4" {
    provenance = "asserted"
    rationale  = "A filter on tool results enforces what information may flow from servers into the model context."
  }
}

control "MCP-GATEWAY-34" {
  maps "AU-12" {
    provenance = "asserted"
    rationale  = "Each span is a record the gateway generates of a request it handled."
  }

  maps "AU-12(1)" {
    provenance = "asserted"
    rationale  = "Traces correlate the records of one request across client, gateway and servers into a time-correlated trail."
  }

  maps "SI-4" {
    provenance = "asserted"
    rationale  = "Exported traces feed the monitoring that detects unusual tool use."
  }
}
