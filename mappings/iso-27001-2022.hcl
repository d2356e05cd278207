# ISO/IEC 27001:2022 Annex A controls and clauses: identifiers and short titles only
# (the standard's text is copyrighted by ISO). A link is "official" when the NIST
# OLIR crosswalk from SP 800-53 Rev. 5 to ISO/IEC 27001:2022 relates the ISO control
# to an 800-53 control (named by `via`) that the same Tollgate control maps to.

framework "iso-27001-2022" {
  title   = "ISO/IEC 27001:2022"
  version = "2022"
  main    = true
  source  = "https://www.iso.org/standard/27001"

  crosswalk {
    title  = "NIST OLIR informative reference: SP 800-53 Rev. 5 to ISO/IEC 27001:2022 (2023-10-12)"
    source = "https://csrc.nist.gov/projects/olir"
  }

  group "A.5" {
    requirement "A.5.7"  { title = "Threat intelligence" }
    requirement "A.5.9"  { title = "Inventory of information and other associated assets" }
    requirement "A.5.10" { title = "Acceptable use of information and other associated assets" }
    requirement "A.5.14" { title = "Information transfer" }
    requirement "A.5.15" { title = "Access control" }
    requirement "A.5.16" { title = "Identity management" }
    requirement "A.5.17" { title = "Authentication information" }
    requirement "A.5.18" { title = "Access rights" }
    requirement "A.5.19" { title = "Information security in supplier relationships" }
    requirement "A.5.20" { title = "Addressing information security within supplier agreements" }
    requirement "A.5.21" { title = "Managing information security in the ICT supply chain" }
    requirement "A.5.23" { title = "Information security for use of cloud services" }
    requirement "A.5.24" { title = "Information security incident management planning and preparation" }
    requirement "A.5.26" { title = "Response to information security incidents" }
    requirement "A.5.34" { title = "Privacy and protection of PII" }
  }

  group "A.6" {
    requirement "A.6.3" { title = "Information security awareness, education and training" }
  }

  group "A.8" {
    requirement "A.8.1"  { title = "User end point devices" }
    requirement "A.8.2"  { title = "Privileged access rights" }
    requirement "A.8.3"  { title = "Information access restriction" }
    requirement "A.8.4"  { title = "Access to source code" }
    requirement "A.8.5"  { title = "Secure authentication" }
    requirement "A.8.6"  { title = "Capacity management" }
    requirement "A.8.7"  { title = "Protection against malware" }
    requirement "A.8.8"  { title = "Management of technical vulnerabilities" }
    requirement "A.8.9"  { title = "Configuration management" }
    requirement "A.8.12" { title = "Data leakage prevention" }
    requirement "A.8.15" { title = "Logging" }
    requirement "A.8.16" { title = "Monitoring activities" }
    requirement "A.8.18" { title = "Use of privileged utility programs" }
    requirement "A.8.19" { title = "Installation of software on operational systems" }
    requirement "A.8.20" { title = "Networks security" }
    requirement "A.8.22" { title = "Segregation of networks" }
    requirement "A.8.23" { title = "Web filtering" }
    requirement "A.8.24" { title = "Use of cryptography" }
    requirement "A.8.26" { title = "Application security requirements" }
    requirement "A.8.28" { title = "Secure coding" }
    requirement "A.8.29" { title = "Security testing in development and acceptance" }
    requirement "A.8.32" { title = "Change management" }
  }
}

control "MCP-AUTH-01" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication to remote MCP services."
  }

  maps "A.5.16" {
    provenance = "official"
    via        = "IA-2"
    rationale  = "Callers of MCP services need managed identities."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to tools requires access control."
  }
}

control "MCP-AUTH-02" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Long-lived static credentials are poorly managed authentication information."
  }

  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "OAuth provides stronger, audience-bound authentication."
  }
}

control "MCP-AUTH-03" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information in query strings is disclosed in logs."
  }

  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Tokens belong in the Authorization header for secure authentication."
  }
}

control "MCP-AUTH-04" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication to a remote MCP service is not yet shown to be in place."
  }

  maps "A.5.16" {
    provenance = "official"
    via        = "IA-2"
    rationale  = "Whether the service identifies its callers is not yet known."
  }
}

control "MCP-CLIENT-01" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Unconfirmed execution of every tool is unchecked use of privileged functions."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to tool functions should follow access rules, not a client-wide approval."
  }
}

control "MCP-CLIENT-02" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Full access grants the agent the user's privileged access rights."
  }

  maps "A.8.18" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "The agent gains the power of privileged utility programs over the host."
  }
}

control "MCP-CLIENT-03" {
  maps "A.8.19" {
    provenance = "official"
    via        = "CM-11"
    rationale  = "Software a repository names is installed and run on developer machines without control."
  }
}

control "MCP-CLIENT-04" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Tools that act without confirmation are unchecked use of privileged functions."
  }
}

control "MCP-CONFIG-01" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Configurations must be valid to be managed."
  }
}

control "MCP-CONFIG-02" {
  maps "A.5.9" {
    provenance = "official"
    via        = "CM-8"
    rationale  = "The inventory of MCP servers must match what actually runs."
  }

  maps "A.8.9" {
    provenance = "official"
    via        = "CM-8"
    rationale  = "Configuration management needs configurations the client applies."
  }
}

control "MCP-CONFIG-03" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Security settings must be expressed so the client applies them."
  }
}

control "MCP-CONFIG-04" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Clean, documented configuration is part of configuration management."
  }
}

control "MCP-CONFIG-05" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-8"
    rationale  = "Configuration management needs configurations the client applies."
  }

  maps "A.5.9" {
    provenance = "official"
    via        = "CM-8"
    rationale  = "The inventory of MCP servers must match what the client actually loads."
  }
}

control "MCP-CONSENT-01" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Unconfirmed tool execution is unchecked use of privileged functions."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to tool functions should follow access rules, not blanket trust."
  }
}

control "MCP-CONSENT-02" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Tools that act are privileged functions that should not run unattended."
  }
}

control "MCP-CONSENT-03" {
  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access decisions should not rest on the accessing party's own claims."
  }
}

control "MCP-GATEWAY-01" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication at the MCP entry point."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access control requires authentication at the gateway."
  }
}

control "MCP-GATEWAY-02" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication includes audience validation."
  }
}

control "MCP-GATEWAY-03" {
  maps "A.5.17" {
    provenance = "asserted"
    rationale  = "Client tokens are disclosed to upstream services."
  }

  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Each hop should authenticate with its own credentials."
  }
}

control "MCP-GATEWAY-04" {
  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access control rules per tool."
  }

  maps "A.8.3" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to tool functions is restricted."
  }
}

control "MCP-GATEWAY-05" {
  maps "A.8.15" {
    provenance = "official"
    via        = "AU-2"
    rationale  = "A.8.15 requires logs of activities; a gateway that records each tool call produces the log of what agents did through MCP."
  }

  maps "A.8.16" {
    provenance = "asserted"
    rationale  = "Logs enable monitoring for misuse."
  }
}

control "MCP-GATEWAY-06" {
  maps "A.8.6" {
    provenance = "asserted"
    rationale  = "Capacity management of MCP servers and upstream quotas."
  }
}

control "MCP-GATEWAY-07" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Network service exposure to arbitrary web origins."
  }

  maps "A.8.26" {
    provenance = "asserted"
    rationale  = "Application security requirements include origin restrictions."
  }
}

control "MCP-GATEWAY-08" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Network security against rebinding attacks."
  }

  maps "A.8.26" {
    provenance = "asserted"
    rationale  = "Origin validation is an application security requirement of the MCP transport."
  }
}

control "MCP-GATEWAY-09" {
  maps "A.8.22" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Restricting the gateway's outbound access keeps the MCP servers in their own network segment instead of letting them reach any network."
  }

  maps "A.8.23" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "An egress allow-list at the gateway filters which external web destinations MCP servers may reach."
  }

  maps "A.8.12" {
    provenance = "asserted"
    rationale  = "Egress restriction prevents data leakage."
  }
}

control "MCP-GATEWAY-10" {
  maps "A.8.24" {
    provenance = "asserted"
    rationale  = "Use of cryptography on listeners."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Network security of exposed listeners."
  }
}


control "MCP-GATEWAY-11" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Configuration must be implemented as documented; a setting the gateway ignores is documented but not implemented."
  }
}

control "MCP-GATEWAY-12" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information must be allocated and managed so that defaults are changed; a documented default is known to everyone."
  }
}

control "MCP-GATEWAY-13" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information written in a configuration file is disclosed to everyone who can read the file or its history."
  }
}

control "MCP-GATEWAY-14" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication cannot rest on an unverified request header."
  }

  maps "A.5.16" {
    provenance = "official"
    via        = "IA-2"
    rationale  = "Identity management requires that the identity asserted is the one verified; a spoofable header breaks that link."
  }
}

control "MCP-GATEWAY-15" {
  maps "A.8.15" {
    provenance = "official"
    via        = "AU-9"
    rationale  = "Logs should record events, not the protected information (payloads, tokens) the events carried."
  }

  maps "A.8.12" {
    provenance = "asserted"
    rationale  = "Keeping tool payloads and tokens out of logs prevents data leakage through the log store."
  }
}

control "MCP-GATEWAY-16" {
  maps "A.8.12" {
    provenance = "asserted"
    rationale  = "Secret blocking is a data leakage prevention measure."
  }
}

control "MCP-GATEWAY-17" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Managing security in the supply chain includes verifying the provenance of components before use."
  }

  maps "A.8.19" {
    provenance = "asserted"
    rationale  = "Only verified software should be installed on operational systems."
  }
}

control "MCP-GATEWAY-18" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Configuration management should keep development settings out of deployable configurations."
  }
}

control "MCP-GATEWAY-19" {
  maps "A.8.24" {
    provenance = "asserted"
    rationale  = "Session cookies must only travel over cryptographically protected connections."
  }
}

control "MCP-GATEWAY-20" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information should have a limited lifetime."
  }
}

control "MCP-GATEWAY-21" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication validates that a token was issued for this resource (RFC 8707)."
  }
}

control "MCP-GATEWAY-22" {
  maps "A.8.22" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Segregation of networks requires that a gateway cannot be steered into internal networks."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Network controls must cover connections the gateway initiates on others' behalf."
  }
}

control "MCP-GATEWAY-23" {
  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access control rules rely on authenticated identities."
  }

  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Optional authentication does not establish the identity authorization rules depend on."
  }
}

control "MCP-GATEWAY-24" {
  maps "A.8.24" {
    provenance = "asserted"
    rationale  = "Cryptographic key material must be obtained over protected channels."
  }

  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication depends on keys whose source is authenticated."
  }
}

control "MCP-GATEWAY-25" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information in URLs is disclosed wherever URLs are logged."
  }
}

control "MCP-GATEWAY-26" {
  maps "A.8.24" {
    provenance = "asserted"
    rationale  = "Use of cryptography includes validating certificates."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Network security of connections from the gateway to servers."
  }
}

control "MCP-GATEWAY-27" {
  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access control rules should be tied to identities and roles."
  }

  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Privileged tools should be restricted to the callers who need them."
  }
}

control "MCP-GATEWAY-28" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Privileged access rights should be restricted; the Docker API is full host access."
  }

  maps "A.8.18" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Privileged utilities such as the Docker API should be restricted."
  }
}

control "MCP-GATEWAY-29" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Supply-chain security requires knowing which gateway release runs."
  }

  maps "A.8.32" {
    provenance = "asserted"
    rationale  = "Updating the gateway should be a deliberate, controlled change."
  }
}

control "MCP-GATEWAY-30" {
  maps "A.8.19" {
    provenance = "official"
    via        = "CM-7"
    rationale  = "Software on operational systems should run supported functions; a deprecated protocol kept enabled is not one."
  }
}

control "MCP-GATEWAY-31" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "An internet-facing MCP entry point without secure authentication."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Network services exposed to the internet should be protected at the boundary; this one accepts any caller."
  }
}

control "MCP-GATEWAY-32" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "A.8.9 asks for configurations to be established, implemented and monitored; a configuration whose referenced parts are missing is not implemented."
  }
}

control "MCP-GOV-01" {
  maps "A.5.9" {
    provenance = "official"
    via        = "CM-8"
    rationale  = "The approved-server list is an inventory of the MCP servers the organisation allows, with their owners; A.5.9 asks for such an inventory of assets."
  }

  maps "A.8.19" {
    provenance = "official"
    via        = "CM-7(5)"
    rationale  = "Installation of software is controlled."
  }

  maps "A.5.19" {
    provenance = "asserted"
    rationale  = "Supplier relationships of third-party servers are governed."
  }
}

control "MCP-GOV-02" {
  maps "A.5.24" {
    provenance = "official"
    via        = "IR-8"
    rationale  = "Incident management planning includes MCP."
  }

  maps "A.5.26" {
    provenance = "official"
    via        = "IR-4"
    rationale  = "Response procedures that cover MCP (revoking server credentials, removing a server from clients) are what A.5.26 requires for incidents involving it."
  }
}

control "MCP-GOV-03" {
  maps "A.8.8" {
    provenance = "official"
    via        = "RA-5"
    rationale  = "Technical vulnerabilities of endpoints are managed."
  }

  maps "A.8.29" {
    provenance = "official"
    via        = "CA-2"
    rationale  = "Security testing of MCP services."
  }
}

control "MCP-GOV-04" {
  maps "A.8.15" {
    provenance = "official"
    via        = "AU-11"
    rationale  = "Logs are kept and protected."
  }

  maps "A.8.16" {
    provenance = "asserted"
    rationale  = "Reviewing tool-call logs is the monitoring of activity A.8.16 asks for, applied to what agents do through MCP."
  }
}

control "MCP-GOV-05" {
  maps "A.5.34" {
    provenance = "asserted"
    rationale  = "Privacy and protection of PII."
  }
}

control "MCP-GOV-06" {
  maps "A.5.19" {
    provenance = "asserted"
    rationale  = "Third-party MCP servers are suppliers; A.5.19 asks that their security risks be managed as part of the supplier relationship."
  }

  maps "A.5.20" {
    provenance = "asserted"
    rationale  = "Security requirements for hosted MCP services (data handling, credentials, logging) belong in the agreements A.5.20 asks for."
  }

  maps "A.5.23" {
    provenance = "official"
    via        = "SA-9"
    rationale  = "Security for use of cloud MCP services."
  }
}

control "MCP-GOV-07" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Rotating and revoking MCP credentials is the lifecycle management of authentication information that A.5.17 requires."
  }

  maps "A.5.18" {
    provenance = "official"
    via        = "AC-2"
    rationale  = "Access rights are reviewed and revoked."
  }
}

control "MCP-GOV-08" {
  maps "A.6.3" {
    provenance = "official"
    via        = "AT-2"
    rationale  = "People who configure MCP servers and approve tool calls need awareness of agent-specific risks such as prompt injection; A.6.3 asks for such training."
  }

  maps "A.5.10" {
    provenance = "official"
    via        = "PL-4"
    rationale  = "Acceptable use of MCP clients."
  }
}

control "MCP-MCPB-01" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information entered by users must be stored protected."
  }
}

control "MCP-MCPB-02" {
  maps "A.5.34" {
    provenance = "official"
    via        = "PT-3"
    rationale  = "Privacy information is needed to protect PII processed by the bundle."
  }
}

control "MCP-REGISTRY-01" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Publishers must mark authentication information so clients protect it."
  }
}

control "MCP-REGISTRY-02" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Identifiable releases are needed for ICT supply-chain management."
  }
}

control "MCP-REGISTRY-03" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Verified publisher identity supports supply-chain management."
  }
}

control "MCP-REGISTRY-04" {
  maps "A.5.21" {
    provenance = "asserted"
    rationale  = "Integrity of supplied packages in the ICT supply chain."
  }
}

control "MCP-REGISTRY-05" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Manifest configuration must be valid to be applied."
  }
}

control "MCP-SANDBOX-01" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Privileged mode grants privileged access rights to a third-party server."
  }

  maps "A.8.18" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "The server gains the power of privileged utility programs over the host."
  }
}

control "MCP-SANDBOX-02" {
  maps "A.8.22" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Host networking removes network segregation between the server and host services."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Host-local services become reachable from the server."
  }
}

control "MCP-SANDBOX-03" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Socket access grants privileged access rights over the host."
  }

  maps "A.8.18" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "The engine socket is a privileged utility exposed to a third-party server."
  }
}

control "MCP-SANDBOX-04" {
  maps "A.8.3" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to host information should be restricted to read where write is not needed."
  }
}

control "MCP-SANDBOX-05" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "The server is exposed to the whole network."
  }

  maps "A.8.22" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Local-only services are not segregated from the network."
  }
}

control "MCP-SANDBOX-06" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Added capabilities are privileged access rights on the host."
  }
}

control "MCP-SANDBOX-07" {
  maps "A.8.3" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to information is not restricted to what the task requires."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Access control rules should limit servers to needed directories."
  }
}

control "MCP-SECRETS-01" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information must be handled so it is not disclosed; a plaintext token in a config file is disclosed."
  }
}

control "MCP-SECRETS-02" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information passed on the command line is disclosed to other local users and logs."
  }
}

control "MCP-SECRETS-03" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Bearer tokens in configuration files are authentication information left unprotected."
  }
}

control "MCP-SECRETS-04" {
  maps "A.5.17" {
    provenance = "asserted"
    rationale  = "Authentication information embedded in URLs is disclosed wherever the URL is logged or shared."
  }

  maps "A.5.14" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "URLs with credentials are transferred through logs, tickets and proxies, outside the protected channel."
  }
}

control "MCP-SECRETS-05" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "The configuration actually applied differs from the documented one, a configuration management failure."
  }

  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Broken references push users towards writing authentication information into the file."
  }
}

control "MCP-SECRETS-06" {
  maps "A.5.17" {
    provenance = "asserted"
    rationale  = "Committed placeholders invite authentication information into version control."
  }
}

control "MCP-SECRETS-07" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information expanded onto a command line is disclosed to other local users."
  }
}

control "MCP-SECRETS-08" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information must be handled so it is not disclosed; a plaintext key in a config file is disclosed."
  }
}

control "MCP-SUPPLY-01" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Pinning third-party MCP packages manages security in the ICT supply chain."
  }

  maps "A.8.19" {
    provenance = "asserted"
    rationale  = "Floating versions install new software on operational systems without control."
  }

  maps "A.8.9" {
    provenance = "official"
    via        = "CM-2"
    rationale  = "An exact version is part of a controlled configuration."
  }
}

control "MCP-SUPPLY-02" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Floating latest releases bypass supply-chain management."
  }

  maps "A.8.32" {
    provenance = "asserted"
    rationale  = "Each new release becomes a change in production without change management."
  }
}

control "MCP-SUPPLY-03" {
  maps "A.8.19" {
    provenance = "official"
    via        = "CM-11"
    rationale  = "Software is installed on operational systems without a confirmation step."
  }
}

control "MCP-SUPPLY-04" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Pinning images by digest manages integrity in the ICT supply chain."
  }

  maps "A.8.19" {
    provenance = "asserted"
    rationale  = "Mutable tags let software on operational systems change without control."
  }
}

control "MCP-SUPPLY-05" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Secure configuration of the launch command."
  }

  maps "A.8.19" {
    provenance = "official"
    via        = "CM-7"
    rationale  = "Shell-wrapped launches hide which software actually runs on the system."
  }
}

control "MCP-SUPPLY-06" {
  maps "A.8.7" {
    provenance = "official"
    via        = "SI-3"
    rationale  = "Executing downloaded scripts unchecked defeats protection against malware."
  }

  maps "A.8.19" {
    provenance = "asserted"
    rationale  = "Software is installed and run on the system without control."
  }

  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "The script supplier is outside any supply-chain control."
  }
}

control "MCP-SUPPLY-07" {
  maps "A.8.8" {
    provenance = "official"
    via        = "SI-2"
    rationale  = "Unmaintained servers leave technical vulnerabilities unmanaged."
  }

  maps "A.5.21" {
    provenance = "asserted"
    rationale  = "An abandoned upstream is a supply-chain risk."
  }
}

control "MCP-SUPPLY-08" {
  maps "A.8.4" {
    provenance = "official"
    via        = "CM-5"
    rationale  = "Write access to source code becomes code execution on developer endpoints."
  }

  maps "A.8.19" {
    provenance = "official"
    via        = "CM-5"
    rationale  = "Opening a project installs and runs software without control."
  }
}

control "MCP-TOOL-01" {
  maps "A.8.32" {
    provenance = "official"
    via        = "CM-3"
    rationale  = "Changes to tools need change management."
  }

  maps "A.8.9" {
    provenance = "official"
    via        = "CM-3"
    rationale  = "Approved tool definitions are part of the configuration baseline."
  }
}

control "MCP-TOOL-02" {
  maps "A.8.7" {
    provenance = "official"
    via        = "SI-3"
    rationale  = "Protection against malicious content in tool metadata."
  }
}

control "MCP-TRANSPORT-01" {
  maps "A.8.24" {
    provenance = "asserted"
    rationale  = "Cryptography must protect MCP traffic crossing the network."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Network security requires protecting information in transit."
  }

  maps "A.5.14" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Information transferred to remote servers must be protected."
  }
}

control "MCP-TRANSPORT-02" {
  maps "A.8.26" {
    provenance = "asserted"
    rationale  = "Application security requirements call for a current, supported transport."
  }
}

control "MCP-TRANSPORT-03" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication is needed even for local services."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Local network services need protection against rebinding and local callers."
  }
}

control "MCP-TRANSPORT-04" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Network security requires protecting information in transit."
  }

  maps "A.5.14" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Credentials and data transferred to the service must be protected."
  }

  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information sent in the clear is disclosed to anyone on the path."
  }
}

control "MCP-TRANSPORT-05" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Network security requires protecting information in transit."
  }

  maps "A.5.14" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Information the server transfers to the service must be protected."
  }
}

control "MCP-ENDPOINT-01" {
  maps "A.5.16" {
    provenance = "official"
    via        = "IA-2"
    rationale  = "Every caller of the endpoint must have an identity."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to the endpoint's tools must be controlled."
  }

  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication of remote callers."
  }
}

control "MCP-ENDPOINT-02" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication needs discoverable, correct authorization metadata."
  }
}

control "MCP-ENDPOINT-03" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication requires PKCE and HTTPS authorization endpoints."
  }

  maps "A.5.16" {
    provenance = "official"
    via        = "IA-2"
    rationale  = "Identities are issued through a correctly identified authorization server."
  }
}

control "MCP-ENDPOINT-04" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Network security includes refusing cross-origin requests."
  }
}

control "MCP-ENDPOINT-05" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Network security includes restricting cross-origin access."
  }
}

control "MCP-ENDPOINT-06" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Secure authentication includes protecting session identifiers."
  }
}

control "MCP-ENDPOINT-07" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information must not be handled in URLs."
  }
}

control "MCP-ENDPOINT-08" {
  maps "A.8.24" {
    provenance = "official"
    via        = "SC-12"
    rationale  = "Use of cryptography requires sound certificates and protocols."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Network security requires protecting information in transit."
  }

  maps "A.5.14" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Information transferred to the server must be protected."
  }
}

control "MCP-ENDPOINT-09" {
  maps "A.8.24" {
    provenance = "asserted"
    rationale  = "Cryptography must protect MCP traffic crossing the network."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Network security requires protecting information in transit."
  }

  maps "A.5.14" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Information transferred to the server must be protected."
  }
}

control "MCP-ENDPOINT-10" {
  maps "A.8.8" {
    provenance = "official"
    via        = "SI-2"
    rationale  = "Outdated protocol implementations are technical vulnerabilities to manage."
  }
}

control "MCP-TOOL-03" {
  maps "A.8.7" {
    provenance = "official"
    via        = "SI-3"
    rationale  = "Protection against malicious content hidden in tool metadata."
  }
}

control "MCP-TOOL-04" {
  maps "A.8.7" {
    provenance = "official"
    via        = "SI-3"
    rationale  = "Protection against malicious content smuggled in encoded form."
  }
}

control "MCP-TOOL-05" {
  maps "A.8.7" {
    provenance = "official"
    via        = "SI-3"
    rationale  = "Shadowing instructions are malicious content in tool metadata."
  }
}

control "MCP-TOOL-06" {
  maps "A.5.9" {
    provenance = "official"
    via        = "CM-8"
    rationale  = "The inventory of tools must identify each one unambiguously."
  }
}

control "MCP-TOOL-07" {
  maps "A.8.7" {
    provenance = "official"
    via        = "SI-3"
    rationale  = "Protection against tools impersonating trusted ones."
  }
}

control "MCP-TOOL-08" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information must be protected from harvesting."
  }

  maps "A.8.7" {
    provenance = "official"
    via        = "SI-3"
    rationale  = "Protection against malicious content in tool metadata."
  }
}

control "MCP-TOOL-09" {
  maps "A.8.12" {
    provenance = "asserted"
    rationale  = "Data leakage prevention covers instructions to send data out."
  }

  maps "A.8.7" {
    provenance = "official"
    via        = "SI-3"
    rationale  = "Protection against malicious content in tool metadata."
  }
}

control "MCP-TOOL-10" {
  maps "A.8.26" {
    provenance = "asserted"
    rationale  = "Application security requirements include declaring destructive operations."
  }
}

control "MCP-TOOL-11" {
  maps "A.8.26" {
    provenance = "asserted"
    rationale  = "Tool metadata must be reviewable as part of application security requirements."
  }
}

# Kubernetes workloads, RBAC and exposure.

control "MCP-WORKLOAD-01" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Privileged mode hands privileged access rights on the node to the server's container."
  }

  maps "A.8.18" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "The container gains the power of privileged utility programs over the node."
  }
}

control "MCP-WORKLOAD-02" {
  maps "A.8.22" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "The node's network removes segregation between the MCP pod and node-local services."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Services bound on the node become reachable from the server."
  }
}

control "MCP-WORKLOAD-03" {
  maps "A.8.3" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to the node's information is not restricted to what the server needs."
  }
}

control "MCP-WORKLOAD-04" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Root inside the container is a privileged access right the server does not need."
  }
}

control "MCP-WORKLOAD-05" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Escalation lets the server obtain privileged access rights it was not given."
  }
}

control "MCP-WORKLOAD-06" {
  maps "A.8.19" {
    provenance = "official"
    via        = "CM-5"
    rationale  = "Software on the operational system cannot be replaced by the running server."
  }
}

control "MCP-WORKLOAD-07" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Linux capabilities are privileged access rights to restrict to the minimum."
  }
}

control "MCP-WORKLOAD-08" {
  maps "A.8.9" {
    provenance = "asserted"
    rationale  = "The seccomp profile is part of the secure configuration of the workload."
  }
}

control "MCP-WORKLOAD-09" {
  maps "A.8.6" {
    provenance = "asserted"
    rationale  = "Limits manage the capacity each MCP server may take from the cluster."
  }
}

control "MCP-WORKLOAD-10" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Pinning images by digest manages integrity in the ICT supply chain."
  }

  maps "A.8.19" {
    provenance = "asserted"
    rationale  = "Mutable tags let software on operational systems change without control."
  }
}

control "MCP-WORKLOAD-11" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Floating latest images bypass supply-chain management."
  }

  maps "A.8.32" {
    provenance = "asserted"
    rationale  = "Each new image becomes a change in production without change management."
  }
}

control "MCP-WORKLOAD-12" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information must be handled so it is not disclosed; a plaintext token in a manifest is disclosed."
  }
}

control "MCP-WORKLOAD-13" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information passed on the command line is disclosed through the object, the node's process list and logs."
  }
}

control "MCP-WORKLOAD-14" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information in a repository is disclosed to everyone who can read it."
  }

  maps "A.8.4" {
    provenance = "asserted"
    rationale  = "The repository holds secrets, so read access to source code becomes access to production credentials."
  }
}

control "MCP-WORKLOAD-15" {
  maps "A.5.16" {
    provenance = "asserted"
    rationale  = "Every workload identity should be managed on its own, not shared."
  }
}

control "MCP-WORKLOAD-16" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "An unused API token mounted into the pod is authentication information handed out for nothing."
  }
}

control "MCP-WORKLOAD-17" {
  maps "A.5.23" {
    provenance = "asserted"
    rationale  = "Cloud identities bound to MCP workloads are part of securing the use of cloud services."
  }

  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "A cloud role on the pod is a privileged access right to review."
  }
}

control "MCP-RBAC-01" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "cluster-admin is the most privileged access right in the cluster."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Access control must follow business need; no MCP server needs all of it."
  }

  maps "A.5.18" {
    provenance = "official"
    via        = "AC-2"
    rationale  = "Access rights granted to the account must match its function."
  }
}

control "MCP-RBAC-02" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Wildcard rules are privileged access rights."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Access rules must name what is needed."
  }
}

control "MCP-RBAC-03" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Secrets are authentication information the server can disclose to the model."
  }

  maps "A.8.3" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to information must be restricted to what the function needs."
  }
}

control "MCP-RBAC-04" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Workload creation and exec are privileged access rights."
  }

  maps "A.8.19" {
    provenance = "official"
    via        = "CM-7"
    rationale  = "The server can install and run software on operational systems."
  }
}

control "MCP-RBAC-05" {
  maps "A.8.2" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Self-granted rights are privileged access rights outside any review."
  }

  maps "A.5.18" {
    provenance = "official"
    via        = "AC-2"
    rationale  = "Access rights must be granted through the access-rights process, not by the account itself."
  }
}

control "MCP-EXPOSURE-01" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Network services should be exposed only through controlled points."
  }

  maps "A.8.22" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "The server is not segregated from outside networks."
  }
}

control "MCP-EXPOSURE-02" {
  maps "A.8.20" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Network transmissions to the server are not protected."
  }

  maps "A.5.14" {
    provenance = "official"
    via        = "SC-8"
    rationale  = "Information transferred to and from the server is not protected in transit."
  }

  maps "A.8.24" {
    provenance = "asserted"
    rationale  = "Cryptography is not used where it is required."
  }
}

control "MCP-EXPOSURE-03" {
  maps "A.8.5" {
    provenance = "asserted"
    rationale  = "Access to the server is not securely authenticated."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access control requires knowing who calls."
  }
}

control "MCP-EXPOSURE-04" {
  maps "A.8.22" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "The server is not segregated from networks it does not need."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Outbound network access is not controlled."
  }

  maps "A.8.12" {
    provenance = "asserted"
    rationale  = "Unrestricted egress is the path data leaks through."
  }
}

control "MCP-EXPOSURE-05" {
  maps "A.8.22" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "The server is not segregated from the rest of the cluster network."
  }

  maps "A.8.20" {
    provenance = "official"
    via        = "SC-7"
    rationale  = "Inbound network access to the server is not controlled."
  }
}

control "MCP-TOOL-12" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information must be handled so that it is not exposed; a credential requested as an argument is exposed by design."
  }
}

control "MCP-TOOL-13" {
  maps "A.8.28" {
    provenance = "asserted"
    rationale  = "Secure coding declares and validates the inputs a tool accepts."
  }
}

control "MCP-TOOL-14" {
  maps "A.8.28" {
    provenance = "asserted"
    rationale  = "Secure coding constrains inputs that name files, hosts, commands and queries."
  }

  maps "A.5.15" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Access through a tool should reach only what its purpose needs, not any path, host or table."
  }
}

control "MCP-ENDPOINT-11" {
  maps "A.5.15" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to the tool catalogue must be controlled."
  }

  maps "A.8.3" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "Access to information about the system capabilities is restricted to authorised callers."
  }
}

control "MCP-ENDPOINT-12" {
  maps "A.8.28" {
    provenance = "asserted"
    rationale  = "Secure coding handles errors without disclosing the implementation."
  }
}

control "MCP-ENDPOINT-13" {
  maps "A.5.17" {
    provenance = "official"
    via        = "IA-5"
    rationale  = "Authentication information disclosed in error responses is no longer protected."
  }

  maps "A.8.28" {
    provenance = "asserted"
    rationale  = "Secure coding keeps credentials out of the text errors are built from."
  }
}

control "MCP-GOV-09" {
  maps "A.8.29" {
    provenance = "official"
    via        = "SA-11"
    rationale  = "Security testing in development and acceptance covers resource exhaustion under load."
  }

  maps "A.8.6" {
    provenance = "asserted"
    rationale  = "Capacity management needs evidence that resource use stays bounded."
  }
}

# Organisation policy (controls/builtin/policy.hcl).

control "MCP-POLICY-01" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-2"
    rationale  = "Configuration management keeps servers at the reviewed configuration, their versions and digests included."
  }

  maps "A.8.19" {
    provenance = "official"
    via        = "CM-7(5)"
    rationale  = "Installing only reviewed releases of approved servers is controlled installation of software."
  }

  maps "A.5.21" {
    provenance = "official"
    via        = "SR-4"
    rationale  = "Keeping to the reviewed release manages the security of the MCP supply chain."
  }
}

control "MCP-POLICY-02" {
  maps "A.5.21" {
    provenance = "official"
    via        = "SR-3"
    rationale  = "Refusing compromised releases and untrusted publishers manages security in the ICT supply chain."
  }

  maps "A.8.19" {
    provenance = "official"
    via        = "CM-7(4)"
    rationale  = "A denied server configured anyway is software installed against the organisation's rules."
  }
}

control "MCP-POLICY-03" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "The conditions of a server's approval are part of its managed configuration."
  }

  maps "A.5.23" {
    provenance = "official"
    via        = "SA-9"
    rationale  = "For hosted MCP services, the approved transport and authentication are the security conditions of using that cloud service."
  }
}

control "MCP-POLICY-04" {
  maps "A.5.15" {
    provenance = "official"
    via        = "AC-6"
    rationale  = "Allowing only reviewed tools is an access-control rule over what an agent may do through a server."
  }
}

control "MCP-POLICY-05" {
  maps "A.8.19" {
    provenance = "official"
    via        = "CM-7(5)"
    rationale  = "Only approved images may be installed as MCP workloads."
  }

  maps "A.8.9" {
    provenance = "official"
    via        = "CM-2"
    rationale  = "Approved digests are the managed configuration of the workload's images."
  }

  maps "A.5.9" {
    provenance = "official"
    via        = "CM-8"
    rationale  = "Comparing workloads with the approved list keeps the inventory of MCP assets complete."
  }
}

control "MCP-POLICY-06" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Required settings of MCP servers are configuration the organisation defined and checks."
  }
}

control "MCP-POLICY-07" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Required settings of MCP gateways are configuration the organisation defined and checks."
  }
}

control "MCP-POLICY-08" {
  maps "A.8.9" {
    provenance = "official"
    via        = "CM-6"
    rationale  = "Required settings of MCP workloads are configuration the organisation defined and checks."
  }
}

control "MCP-GATEWAY-33" {
  maps "A.8.12" {
    provenance = "asserted"
    rationale  = "Redacting personal data and secrets from tool results is data leakage prevention."
  }
}

control "MCP-GATEWAY-34" {
  maps "A.8.16" {
    provenance = "official"
    via        = "SI-4"
    rationale  = "Traces of MCP requests are monitoring data about the behaviour of the system."
  }

  maps "A.8.15" {
    provenance = "official"
    via        = "AU-12"
    rationale  = "Trace spans are records of activity produced by the gateway."
  }
}
