// Package kubeobj is the shared model of Kubernetes objects that the
// Kubernetes collector and the gateway collector both read: an Object (one
// manifest document or one object listed from a cluster), a Set (the objects
// of one source: the manifest files of one folder, a rendered Helm chart, a
// built kustomization or a live cluster), and the Interpreter and
// ValuesInterpreter hooks through which product-specific readers (ToolHive,
// kmcp, Envoy AI Gateway, agentgateway, ContextForge, …) turn objects and
// Helm values into gateway and server subjects.
//
// # Who does what
//
// The Kubernetes collector (collectors/kubernetes) reads every Kubernetes
// source into Sets, runs the registered interpreters over each Set, then
// builds one workload subject per MCP workload (Deployments, StatefulSets,
// DaemonSets, Jobs, CronJobs, Pods and MCP custom resources such as a
// ToolHive MCPServer), resolving its ServiceAccount, RBAC, Services,
// Ingresses and NetworkPolicies. A file and a live cluster holding the same
// objects produce the same subjects, because both go through the same Set.
//
// An Interpreter never builds workload subjects: it emits gateway and server
// subjects for the objects it understands, links them to workloads with
// Set.WorkloadID, and returns diagnostics (a referenced MCPOIDCConfig that is
// not in the set). When it recognises an object as running an MCP server or
// gateway that the collector's own rules would miss (a product's Deployment
// known by its image), it claims it (Interpretation.Claims) and the collector
// builds a workload subject for it, so every link resolves.
//
// Neither collector imports the other; collectors/registry.go hands the
// gateway collector's interpreters to the Kubernetes collector, and the
// Kubernetes collector's SetBuilder to the gateway collector, which converts
// the kubernetes_* resources of Terraform modules to objects and has them
// built like manifests (origin "terraform").
//
// # Writing an interpreter
//
//	type toolhive struct{}
//
//	func (toolhive) Name() string { return "gateway/toolhive" }
//
//	func (toolhive) Interpret(ctx context.Context, set *kubeobj.Set) kubeobj.Interpretation {
//		var out kubeobj.Interpretation
//		for _, o := range set.OfKind("toolhive.stacklok.dev", "MCPServer") {
//			gw := &evidence.Gateway{Meta: evidence.Meta{
//				Kind:       evidence.KindGateway,
//				ID:         set.SubjectID(evidence.KindGateway, o),
//				Name:       o.Name,
//				Provenance: o.Provenance("gateway/toolhive"),
//				Links:      []string{set.SourceOf(o), set.WorkloadID(o)},
//			}, Product: "toolhive"}
//			if ref, ok := o.Root.Lookup("spec", "oidcConfigRef").Str("name"); ok &&
//				set.Find("toolhive.stacklok.dev", "MCPOIDCConfig", o.Namespace, ref) == nil {
//				out.Diagnostics = append(out.Diagnostics, set.Diag("warning", o,
//					o.Root.Lookup("spec", "oidcConfigRef"), "MCPOIDCConfig "+ref+" is not defined"))
//			}
//			out.Subjects = append(out.Subjects, gw)
//		}
//		return out
//	}
//
// Read fields through Object.Root (a postree node: positions when the object
// came from a file, none from a cluster) or decode the object into a struct
// of your own with Object.Decode. Hand every literal secret you read to
// Set.Secret so that it is redacted from the stored copy, and never put raw
// values in messages.
package kubeobj
