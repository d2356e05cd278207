// Package kubernetes collects MCP workloads from Kubernetes: manifest files
// (YAML streams and JSON, List kinds, the manifests of one folder judged
// together), Helm charts rendered with their values, lone Helm values files,
// kustomizations, and live clusters read with get and list only. Every
// source is read into a kubeobj.Set, the registered interpreters (the
// gateway collector's) run over it, and one workload subject is built per
// MCP workload, so a workload read from a file and the same workload read
// from a cluster give the same facts.
//
// # Which workloads are MCP
//
// A Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
// Job, CronJob or Pod is an MCP workload when any of these holds (objects
// controlled by another workload in the same source are judged through it):
//
//   - it is controlled (ownerReferences) by an MCP custom resource;
//   - a label key or value of the object or its pod template, an annotation
//     key, or the object's name holds an MCP word: "mcp", or a word that
//     starts or ends with it ("mcp-server", "mcpgateway", "kubemcp"), words
//     being split on anything that is not a letter or digit;
//   - a container image's repository holds an MCP word ("mcp/fetch",
//     "ghcr.io/github/github-mcp-server") or is a known MCP server or gateway
//     image without one (agentgateway, ContextForge, ToolHive's proxy
//     runner, supergateway); MCP operators and controllers (ToolHive
//     operator, kmcp controller) are not MCP workloads themselves;
//   - a container port is named with an MCP word, an environment variable
//     starts with MCP_, or a command or argument holds an MCP word or an
//     MCP package (@modelcontextprotocol/…, supergateway), URLs excepted
//     (they point at a server elsewhere);
//   - its labels match a --kube-selector;
//   - an interpreter claims it (a product's Deployment known by its image).
//
// These MCP custom resources are workloads themselves, read from the pod
// their operator runs: ToolHive MCPServer (server), MCPRemoteProxy and
// VirtualMCPServer (gateway), with the ToolHive operator's security
// defaults unless podTemplateSpec overrides them; kmcp MCPServer
// (kagent.dev, server), whose controller's security settings are not in the
// resource, so its container security facts are left out (partial).
//
// The role is "gateway" when a recognising name holds gateway, proxy or a
// gateway product's name, else "server".
package kubernetes
