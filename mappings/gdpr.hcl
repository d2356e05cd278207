# GDPR articles (Regulation (EU) 2016/679, official English titles). Technical controls
# map to Art. 32 only where they protect systems through which personal data flows;
# controls about software integrity or configuration hygiene alone say `none`.

framework "gdpr" {
  title   = "General Data Protection Regulation"
  version = "2016/679"
  main    = true
  source  = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"

  group "Chapter II" {
    requirement "Art. 5" { title = "Principles relating to processing of personal data" }
    requirement "Art. 6" { title = "Lawfulness of processing" }
  }

  group "Chapter III" {
    requirement "Art. 13" { title = "Information to be provided where personal data are collected from the data subject" }
  }

  group "Chapter IV" {
    requirement "Art. 24" { title = "Responsibility of the controller" }
    requirement "Art. 25" { title = "Data protection by design and by default" }
    requirement "Art. 28" { title = "Processor" }
    requirement "Art. 30" { title = "Records of processing activities" }
    requirement "Art. 32" { title = "Security of processing" }
    requirement "Art. 33" { title = "Notification of a personal data breach to the supervisory authority" }
    requirement "Art. 34" { title = "Communication of a personal data breach to the data subject" }
    requirement "Art. 35" { title = "Data protection impact assessment" }
  }
}

control "MCP-AUTH-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Access to personal data through MCP tools must be restricted to authenticated callers."
  }
}

control "MCP-AUTH-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-AUTH-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-AUTH-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Art. 32(1)(d) asks that the effectiveness of technical measures be tested; an unprobed server's authentication is untested."
  }
}

control "MCP-CLIENT-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-CLIENT-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-CLIENT-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Unreviewed servers run with access to the personal data on the developer's machine and services."
  }
}

control "MCP-CLIENT-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

none "MCP-CONFIG-01" {
  reason = "A malformed configuration file exposes no personal data by itself."
}

none "MCP-CONFIG-02" {
  reason = "An entry the client ignores processes no personal data."
}

none "MCP-CONFIG-03" {
  reason = "Ignored keys are a configuration integrity problem; their personal-data effect depends on the protection lost and is judged by that protection's control."
}

none "MCP-CONFIG-04" {
  reason = "Harmless unknown keys have no personal-data dimension."
}

none "MCP-CONFIG-05" {
  reason = "Content the client does not read processes no personal data."
}

control "MCP-CONSENT-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-CONSENT-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

none "MCP-CONSENT-03" {
  reason = "The weakness concerns which calls are confirmed; its personal-data effect is covered by MCP-CONSENT-01 and -02."
}

control "MCP-GATEWAY-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Only authenticated callers should reach tools that process personal data."
  }
}

control "MCP-GATEWAY-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-GATEWAY-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-GATEWAY-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }

  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Where the tools behind the gateway reach personal data, per-tool authorization is data protection by default: each caller reaches only the tools, and so the personal data, its purpose needs."
  }
}

control "MCP-GATEWAY-05" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Logging supports the ability to detect and investigate breaches of personal data."
  }

  maps "Art. 33" {
    provenance = "asserted"
    rationale  = "Breach notification requires knowing what happened, from tool-call logs."
  }
}

control "MCP-GATEWAY-06" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Availability and resilience of processing systems are Art. 32 objectives."
  }
}

control "MCP-GATEWAY-07" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-GATEWAY-08" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-GATEWAY-09" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Preventing exfiltration protects personal data."
  }
}

control "MCP-GATEWAY-10" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Encryption in transit of personal data."
  }
}


none "MCP-GATEWAY-11" {
  reason = "An ignored setting exposes no personal data by itself; the missing protection is judged by the control for that protection."
}

control "MCP-GATEWAY-12" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Default administrator credentials give anyone access to the tools, and the personal data, behind the gateway."
  }
}

control "MCP-GATEWAY-13" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A leaked upstream or admin credential exposes the personal data the gateway and the services behind it process."
  }
}

control "MCP-GATEWAY-14" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Anyone who spoofs the header acts as any user on the personal data reachable through the gateway's tools."
  }
}

control "MCP-GATEWAY-15" {
  maps "Art. 5" {
    provenance = "asserted"
    rationale  = "Logging tool payloads stores personal data beyond what the log's purpose needs (data minimisation)."
  }

  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Tokens and personal data in logs widen who can access them."
  }
}

control "MCP-GATEWAY-16" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Blocking secrets in tool traffic is a technical measure against disclosure of access to personal data."
  }
}

none "MCP-GATEWAY-17" {
  reason = "Image signature verification is a supply-chain integrity measure; a link to personal-data processing would be indirect."
}

control "MCP-GATEWAY-18" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Debug modes log requests in full and expose internal details of systems processing personal data."
  }
}

control "MCP-GATEWAY-19" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A hijacked admin session gives access to the personal data reachable through the gateway."
  }
}

control "MCP-GATEWAY-20" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A stolen token that never expires keeps access to personal data indefinitely."
  }
}

control "MCP-GATEWAY-21" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Accepting tokens minted for other services widens who can reach personal data through the gateway."
  }
}

control "MCP-GATEWAY-22" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "SSRF into internal services and cloud metadata exposes the systems holding personal data."
  }
}

control "MCP-GATEWAY-23" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Anonymous callers receive the grants that do not mention a claim, including tools processing personal data."
  }
}

control "MCP-GATEWAY-24" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Forged tokens accepted with tampered keys expose personal data behind the gateway."
  }
}

control "MCP-GATEWAY-25" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Leaked tokens from logged URLs give access to personal data."
  }
}

control "MCP-GATEWAY-26" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Intercepted upstream traffic carries personal data and credentials."
  }
}

control "MCP-GATEWAY-27" {
  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Data protection by default limits access to tools processing personal data to those who need it."
  }
}

control "MCP-GATEWAY-28" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A compromised gateway with host access exposes every system and data set on the host."
  }
}

none "MCP-GATEWAY-29" {
  reason = "Pinning the gateway image is a supply-chain hygiene measure; any personal-data impact is indirect."
}

none "MCP-GATEWAY-30" {
  reason = "Serving a deprecated transport has no direct bearing on personal-data processing; its session weaknesses are judged by transport and authentication controls."
}

control "MCP-GATEWAY-31" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Tools that process personal data are reachable by anyone on the internet; Art. 32 asks for access to processing systems to be restricted."
  }
}

none "MCP-GATEWAY-32" {
  reason = "A missing reference exposes no personal data by itself; the protection it leaves out is judged by the control for that protection."
}

control "MCP-GOV-01" {
  maps "Art. 24" {
    provenance = "asserted"
    rationale  = "An approved-server list is one of the organisational measures Art. 24 asks the controller to implement: it decides which tools may process personal data. It contributes to Art. 24; it does not demonstrate it."
  }

  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Organisational measures over processing systems."
  }
}

control "MCP-GOV-02" {
  maps "Art. 33" {
    provenance = "asserted"
    rationale  = "Breach notification depends on handling MCP incidents."
  }

  maps "Art. 34" {
    provenance = "asserted"
    rationale  = "Data subjects are told of breaches through MCP tools."
  }
}

control "MCP-GOV-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Art. 32(1)(d) requires regularly testing the effectiveness of measures."
  }
}

control "MCP-GOV-04" {
  maps "Art. 5" {
    provenance = "asserted"
    rationale  = "Retention periods must respect storage limitation where logs hold personal data."
  }

  maps "Art. 33" {
    provenance = "asserted"
    rationale  = "Retained logs support breach assessment."
  }
}

control "MCP-GOV-05" {
  maps "Art. 35" {
    provenance = "asserted"
    rationale  = "Connecting an agent to servers that process personal data at scale is the kind of new processing Art. 35 requires an impact assessment for."
  }

  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Design decisions on what data flows into model context."
  }
}

control "MCP-GOV-06" {
  maps "Art. 28" {
    provenance = "asserted"
    rationale  = "Processor agreements for MCP services."
  }

  maps "Art. 30" {
    provenance = "asserted"
    rationale  = "MCP servers that process personal data are processing activities (and often processors) that Art. 30 requires the controller to record."
  }
}

control "MCP-GOV-07" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-GOV-08" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Art. 32(4) requires steps to ensure that anyone acting under the controller's authority with access to personal data processes it only on instructions; training the people who connect agents to data through MCP is such a step."
  }
}

none "MCP-MCPB-01" {
  reason = "The setting protects a credential, not personal data directly."
}

control "MCP-MCPB-02" {
  maps "Art. 13" {
    provenance = "asserted"
    rationale  = "Users must be informed where their data goes when the bundle sends it to external services."
  }

  maps "Art. 28" {
    provenance = "asserted"
    rationale  = "External services receiving personal data act as processors whose terms must be known."
  }
}

none "MCP-REGISTRY-01" {
  reason = "Marking a manifest input as secret protects a credential, not personal data directly."
}

none "MCP-REGISTRY-02" {
  reason = "Release versioning has no personal-data dimension."
}

none "MCP-REGISTRY-03" {
  reason = "Registry naming has no personal-data dimension."
}

none "MCP-REGISTRY-04" {
  reason = "Package hashes protect software integrity, not personal data directly."
}

none "MCP-REGISTRY-05" {
  reason = "Manifest schema validity has no personal-data dimension."
}

control "MCP-SANDBOX-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-SANDBOX-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-SANDBOX-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-SANDBOX-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Read-only access protects the integrity of personal data held on the host."
  }

  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Where the mounted host directories hold personal data, read-only mounts are data protection by default: the server cannot alter or delete what its task only needs to read."
  }
}

control "MCP-SANDBOX-05" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-SANDBOX-06" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-SANDBOX-07" {
  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Where the host filesystem holds personal data (home directories usually do), narrow roots are data protection by default: only the data the task needs is reachable by the server."
  }

  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Restricting access protects the confidentiality of personal files on the host."
  }
}

control "MCP-SECRETS-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A leaked service token exposes the personal data the service holds; keeping it out of files is a basic technical measure."
  }
}

control "MCP-SECRETS-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Leaked service credentials expose the personal data the service holds."
  }
}

control "MCP-SECRETS-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Tokens for remote MCP services grant access to the personal data behind them."
  }
}

control "MCP-SECRETS-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Leaked URL credentials give access to the personal data the service processes."
  }
}

none "MCP-SECRETS-05" {
  reason = "A reference the client passes on literally breaks the server but exposes no personal data by itself; the resulting secret handling is judged by MCP-SECRETS-01."
}

none "MCP-SECRETS-06" {
  reason = "A placeholder is not a credential and exposes no personal data; the risk materialises only as the plaintext secret judged by MCP-SECRETS-01."
}

control "MCP-SECRETS-07" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A service credential readable from the process list exposes the personal data the service holds."
  }
}

control "MCP-SECRETS-08" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A leaked provider key exposes the prompts and data sent to that provider; keeping it out of files is a basic technical measure."
  }
}

none "MCP-SUPPLY-01" {
  reason = "Version pinning is a software supply-chain measure; its effect on personal data is indirect and already covered through Art. 32 by the controls on what a server can reach."
}

none "MCP-SUPPLY-02" {
  reason = "Floating versions concern software integrity, not the processing of personal data as such."
}

none "MCP-SUPPLY-03" {
  reason = "Silent installation is a software-integrity matter with no direct bearing on personal data processing."
}

none "MCP-SUPPLY-04" {
  reason = "Image pinning concerns software integrity; it has no direct personal-data dimension."
}

none "MCP-SUPPLY-05" {
  reason = "How a process is launched does not by itself bear on personal data processing."
}

none "MCP-SUPPLY-06" {
  reason = "The risk is code execution on the host; personal data is affected only indirectly."
}

none "MCP-SUPPLY-07" {
  reason = "Running unmaintained code is a vulnerability-management concern; personal data is affected only indirectly."
}

none "MCP-SUPPLY-08" {
  reason = "The risk is code execution on developer machines, not personal data processing."
}

none "MCP-TOOL-01" {
  reason = "Tool definition drift is an integrity concern; personal data is affected only through what the changed tool then does."
}

control "MCP-TOOL-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Poisoned tools are a known path for exfiltrating personal data."
  }
}

control "MCP-TRANSPORT-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Encryption of personal data in transit is an explicit Art. 32 measure."
  }
}

none "MCP-TRANSPORT-02" {
  reason = "The transport revision affects session handling and supportability, not the security of personal data beyond what MCP-TRANSPORT-01 covers."
}

control "MCP-TRANSPORT-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protects the confidentiality of systems that process personal data through MCP tools."
  }
}

control "MCP-TRANSPORT-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Encryption of personal data in transit is an explicit Art. 32 measure, and the credentials sent in the clear open the service's personal data to others."
  }
}

control "MCP-TRANSPORT-05" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Encryption of personal data in transit is an explicit Art. 32 measure."
  }
}

control "MCP-ENDPOINT-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Unauthenticated tools expose the personal data they reach."
  }
}

none "MCP-ENDPOINT-02" {
  reason = "Discovery metadata is an interoperability prerequisite of authentication; the protection of personal data is judged by MCP-ENDPOINT-01."
}

none "MCP-ENDPOINT-03" {
  reason = "Authorization server metadata quality is judged for personal data through MCP-ENDPOINT-01 and MCP-ENDPOINT-08."
}

control "MCP-ENDPOINT-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "DNS rebinding exposes local tools and the personal data they reach."
  }
}

control "MCP-ENDPOINT-05" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Any web page could read answers that hold personal data."
  }
}

control "MCP-ENDPOINT-06" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Hijacked sessions expose the personal data handled in them."
  }
}

control "MCP-ENDPOINT-07" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Leaked tokens open the personal data the server reaches."
  }
}

control "MCP-ENDPOINT-08" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Encryption of personal data in transit is an explicit Art. 32 measure."
  }
}

control "MCP-ENDPOINT-09" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Encryption of personal data in transit is an explicit Art. 32 measure."
  }
}

none "MCP-ENDPOINT-10" {
  reason = "The protocol revision is a lifecycle concern; its security effects are judged by the other endpoint controls."
}

control "MCP-TOOL-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Hidden instructions are a known path to exfiltrating personal data the agent can reach."
  }
}

control "MCP-TOOL-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Smuggled instructions are a path to exfiltrating personal data."
  }
}

control "MCP-TOOL-05" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Shadowing redirects messages and data, including personal data, to attackers."
  }
}

none "MCP-TOOL-06" {
  reason = "Name collisions are an integrity and identification concern; personal data is affected only through what a shadowing tool then does (MCP-TOOL-05)."
}

control "MCP-TOOL-07" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Impersonating tools receive the data meant for the genuine ones, personal data included."
  }
}

control "MCP-TOOL-08" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Harvested credentials open access to systems holding personal data."
  }
}

control "MCP-TOOL-09" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Exfiltration cues threaten the confidentiality of personal data."
  }

  maps "Art. 5" {
    provenance = "asserted"
    rationale  = "Integrity and confidentiality of personal data the agent handles."
  }
}

control "MCP-TOOL-10" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Unconfirmed destructive actions threaten the availability and integrity of personal data."
  }
}

none "MCP-TOOL-11" {
  reason = "Description length is a reviewability concern, not a measure for personal data."
}

# Kubernetes workloads, RBAC and exposure.

control "MCP-WORKLOAD-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A privileged MCP container can reach the personal data of every workload on the node; refusing privilege is a basic technical measure."
  }
}

control "MCP-WORKLOAD-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Node namespaces expose other workloads' personal data to the MCP server; isolation is a basic technical measure."
  }
}

control "MCP-WORKLOAD-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Node directories may hold other workloads' personal data; keeping them out of MCP pods protects its confidentiality and integrity."
  }
}

control "MCP-WORKLOAD-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Limiting the server's privileges limits what a compromise can reach, a technical measure for the security of processing."
  }
}

control "MCP-WORKLOAD-05" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Preventing escalation limits the reach of a compromised server, a technical measure for the security of processing."
  }
}

control "MCP-WORKLOAD-06" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Protecting the server's integrity protects the processing it performs."
  }
}

control "MCP-WORKLOAD-07" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Fewer capabilities limit what a compromised server can do to other workloads."
  }
}

control "MCP-WORKLOAD-08" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "System-call filtering limits what a compromised server can do on the node."
  }
}

control "MCP-WORKLOAD-09" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Limits protect the availability and resilience of processing systems (Art. 32(1)(b))."
  }
}

none "MCP-WORKLOAD-10" {
  reason = "Image pinning concerns software integrity; it has no direct personal-data dimension."
}

none "MCP-WORKLOAD-11" {
  reason = "Floating versions concern software integrity, not the processing of personal data as such."
}

control "MCP-WORKLOAD-12" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A leaked service token exposes the personal data the service holds; keeping it out of manifests is a basic technical measure."
  }
}

control "MCP-WORKLOAD-13" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Leaked service credentials expose the personal data the service holds."
  }
}

control "MCP-WORKLOAD-14" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Committed credentials expose the personal data the services hold."
  }
}

control "MCP-WORKLOAD-15" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Separate identities limit what a compromised server can reach and keep its accesses attributable."
  }
}

control "MCP-WORKLOAD-16" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "An unused credential in the pod is an avoidable path to the cluster's data."
  }
}

control "MCP-WORKLOAD-17" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Cloud credentials reachable from an MCP server expose the personal data the cloud account holds."
  }
}

control "MCP-RBAC-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "An MCP server with cluster-admin can read every personal-data store in the cluster."
  }

  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Least privilege for processing systems is data protection by default."
  }
}

control "MCP-RBAC-02" {
  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Explicit, minimal access is data protection by default."
  }
}

control "MCP-RBAC-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Credentials read through a tool call expose every personal-data store they unlock."
  }

  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Least access to credentials is data protection by default."
  }
}

control "MCP-RBAC-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Code run through the server reaches every personal-data store of the namespace."
  }
}

control "MCP-RBAC-05" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "An account that can grant itself access protects no personal data."
  }
}

control "MCP-EXPOSURE-01" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Publishing a server past authentication and TLS exposes the data it handles."
  }
}

control "MCP-EXPOSURE-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Encryption in transit is named in Art. 32(1)(a)."
  }
}

control "MCP-EXPOSURE-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Unauthenticated access to tools exposes the data they reach."
  }
}

control "MCP-EXPOSURE-04" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Open egress lets a steered server send personal data anywhere."
  }
}

control "MCP-EXPOSURE-05" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Any pod reaching the server can call tools that touch personal data."
  }
}

control "MCP-TOOL-12" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A user password or token given to a model is personal data that opens more personal data, spread through transcripts and logs."
  }
}

none "MCP-TOOL-13" {
  reason = "Whether a schema declares its arguments says nothing by itself about personal data; tools that reach personal data through free-form input are judged by MCP-TOOL-14."
}

control "MCP-TOOL-14" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "An unconstrained path or query reaches personal data beyond the tool purpose."
  }
}

none "MCP-ENDPOINT-11" {
  reason = "A tool list names capabilities, not personal data; unauthenticated use of the tools themselves is judged by MCP-ENDPOINT-01."
}

none "MCP-ENDPOINT-12" {
  reason = "Stack traces, paths and internal addresses describe the system, not people; credentials in errors are judged by MCP-ENDPOINT-13."
}

control "MCP-ENDPOINT-13" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "A disclosed database or service credential exposes the personal data it protects."
  }
}

control "MCP-GOV-09" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Art. 32(1)(b) asks for the ongoing availability and resilience of processing systems."
  }
}

# Organisation policy (controls/builtin/policy.hcl).

none "MCP-POLICY-01" {
  reason = "Version pinning is a software supply-chain measure; its effect on personal data is indirect and judged through Art. 32 by the controls on what a server can reach."
}

control "MCP-POLICY-02" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Keeping denied servers (services that must not receive company data, compromised releases) out of clients is an organisational measure protecting the processing."
  }
}

control "MCP-POLICY-03" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "The approved authentication and transport protect access to the personal data a server's tools reach."
  }
}

control "MCP-POLICY-04" {
  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Offering the model only the reviewed tools limits by default what personal data it can reach and act on."
  }
}

none "MCP-POLICY-05" {
  reason = "Image approval concerns software integrity; it has no direct personal-data dimension."
}

none "MCP-POLICY-06" {
  reason = "A requirement's bearing on personal data depends on what the organisation requires; the controls on what servers can reach judge that directly."
}

none "MCP-POLICY-07" {
  reason = "A requirement's bearing on personal data depends on what the organisation requires; the gateway controls judge that directly."
}

none "MCP-POLICY-08" {
  reason = "A requirement's bearing on personal data depends on what the organisation requires; the workload controls judge that directly."
}

control "MCP-GATEWAY-33" {
  maps "Art. 32" {
    provenance = "asserted"
    rationale  = "Redacting personal data from tool results is a technical measure protecting its confidentiality."
  }

  maps "Art. 25" {
    provenance = "asserted"
    rationale  = "Filtering tool results so the model sees only what it needs applies data minimisation by design."
  }
}

control "MCP-GATEWAY-34" {
  maps "Art. 33" {
    provenance = "asserted"
    rationale  = "Tracing what happened to a request supports describing a personal data breach within the deadline."
  }
}
