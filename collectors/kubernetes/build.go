package kubernetes

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
	"k8s.io/apimachinery/pkg/labels"
)

// Collector is the provenance collector of workload subjects.
const Collector = "kubernetes"

// Options configure the Kubernetes collector.
type Options struct {
	// Interpreters read product custom resources and objects into gateway
	// and server subjects (the gateway collector's).
	Interpreters []kubeobj.Interpreter
	// ValuesInterpreters read product Helm values.
	ValuesInterpreters []kubeobj.ValuesInterpreter
	// Selectors add the workloads whose labels match any of them
	// (--kube-selector).
	Selectors []labels.Selector
	// HelmValues are values files applied, in order, over every chart's
	// defaults (--helm-values).
	HelmValues []string
}

// ParseSelectors parses --kube-selector label selectors
// ("app.kubernetes.io/component=mcp", "tier in (mcp,gateway)").
func ParseSelectors(exprs []string) ([]labels.Selector, error) {
	var out []labels.Selector
	for _, e := range exprs {
		sel, err := labels.Parse(e)
		if err != nil {
			return nil, fmt.Errorf("label selector %q: %w", e, err)
		}
		out = append(out, sel)
	}
	return out, nil
}

// built is what one set yielded.
type built struct {
	subjects    []evidence.Subject
	diagnostics []evidence.Diagnostic
	workloads   int
}

// origins maps a set's origin kind to the workload origin.
var origins = map[string]string{
	kubeobj.OriginManifests:     "manifest",
	kubeobj.OriginChart:         "helm-chart",
	kubeobj.OriginKustomization: "kustomization",
	kubeobj.OriginCluster:       "cluster",
	kubeobj.OriginTerraform:     "terraform",
}

// build runs the interpreters over a set, then builds one workload subject
// per MCP workload in it. Raw secrets met in the objects go to red.
func build(ctx context.Context, set *kubeobj.Set, opts Options, red *secrets.Redactor) built {
	var out built
	var in kubeobj.Interpretation
	for _, ip := range opts.Interpreters {
		in.Merge(ip.Interpret(ctx, set))
	}
	claims := map[*kubeobj.Object][]kubeobj.Claim{}
	for _, c := range in.Claims {
		claims[c.Object] = append(claims[c.Object], c)
	}
	out.subjects = append(out.subjects, in.Subjects...)
	out.diagnostics = append(out.diagnostics, in.Diagnostics...)
	fronting := gatewayAuthentication(in.Subjects)
	committed := committedSecrets(set, red)
	for _, o := range set.Objects {
		if ctx.Err() != nil {
			break
		}
		w := buildWorkload(set, o, claims[o], opts, red)
		if w == nil {
			continue
		}
		if mode, ok := fronting[w.ID]; ok {
			w.GatewayAuthentication = mode
		}
		w.CommittedSecrets = usedSecrets(w, committed)
		redactNames(w)
		out.subjects = append(out.subjects, w)
		out.workloads++
	}
	return out
}

// authRank orders gateway authentication modes from weakest to strongest.
var authRank = map[string]int{evidence.GatewayAuthNone: 1, evidence.GatewayAuthOptional: 2, evidence.GatewayAuthRequired: 3}

// gatewayAuthentication maps each workload ID a gateway subject links to
// onto the strongest authentication mode such a gateway requires.
func gatewayAuthentication(subjects []evidence.Subject) map[string]string {
	out := map[string]string{}
	for _, s := range subjects {
		gw, ok := s.(*evidence.Gateway)
		if !ok || authRank[gw.Authentication.Mode] == 0 {
			continue
		}
		for _, id := range gw.Links {
			if authRank[gw.Authentication.Mode] > authRank[out[id]] {
				out[id] = gw.Authentication.Mode
			}
		}
	}
	return out
}

// committedSecrets returns the Secrets of the set whose values are written
// in it (data or stringData), by namespace/name, and hands every value to
// red: a Secret in a manifest is a credential in the repository.
func committedSecrets(set *kubeobj.Set, red *secrets.Redactor) map[string]bool {
	out := map[string]bool{}
	for _, s := range set.OfKind("", "Secret") {
		written := false
		for _, key := range []string{"data", "stringData"} {
			m := s.Root.Get(key)
			if !m.IsObject() {
				continue
			}
			for _, v := range m.Vals {
				if text, ok := v.ScalarText(); ok && text != "" {
					red.Add(text)
					set.Secret(text)
					written = true
				}
			}
		}
		if written && set.Origin.Kind != kubeobj.OriginCluster {
			out[s.Namespace+"/"+s.Name] = true
		}
	}
	return out
}

// usedSecrets returns the committed Secrets the workload's containers
// reference, sorted.
func usedSecrets(w *evidence.Workload, committed map[string]bool) []string {
	if len(committed) == 0 {
		return nil
	}
	var out []string
	for _, c := range w.Containers {
		for _, v := range c.Env {
			if v.Kind != evidence.ValueSecretReference {
				continue
			}
			name, _, _ := strings.Cut(v.Ref, "/")
			if committed[w.Namespace+"/"+name] && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// buildWorkload builds the workload subject of o, or returns nil when o
// runs no pod or is not an MCP workload.
func buildWorkload(set *kubeobj.Set, o *kubeobj.Object, claims []kubeobj.Claim, opts Options, red *secrets.Redactor) *evidence.Workload {
	var tpl podTemplate
	var defaults securityDefaults
	partial := false
	rec := &recognition{}
	custom := customOf(o)
	switch {
	case custom != nil:
		cp := custom.pod(o)
		tpl = podTemplate{spec: cp.spec, labels: cp.labels}
		defaults, partial = cp.defaults, cp.partial
		rec.add(custom.role, custom.product+" "+custom.kind)
	case isWorkloadKind(o):
		if controlledBy(set, o, isWorkloadKind) != nil {
			return nil // judged through the object that controls it
		}
		tpl, _ = templateOf(o)
	default:
		return nil
	}
	facts := readPod(tpl.spec, defaults, red)
	var links []string
	if custom == nil {
		if owner := controlledBy(set, o, func(p *kubeobj.Object) bool { return customOf(p) != nil }); owner != nil {
			rec.add(customOf(owner).role, "owned by "+owner.Kind+" "+owner.Name)
			links = append(links, set.WorkloadID(owner))
		}
		if r := recognize(o, tpl, facts, opts.Selectors); r != nil {
			for _, reason := range r.reasons {
				rec.add(r.role, reason)
			}
		}
	}
	for _, c := range claims {
		rec.add(c.Role, c.Reason)
	}
	if rec.role == "" {
		return nil
	}
	w := &evidence.Workload{
		Meta: evidence.Meta{
			Kind:       evidence.KindWorkload,
			ID:         set.WorkloadID(o),
			Name:       o.Name,
			Provenance: o.Provenance(Collector),
			Links:      append([]string{set.SourceOf(o)}, links...),
		},
		Object:       o.Kind + "/" + o.Name,
		Namespace:    o.Namespace,
		Origin:       origins[set.Origin.Kind],
		Partial:      partial,
		Role:         rec.role,
		RecognizedBy: rec.reasons,
		Containers:   facts.containers,
		HostNetwork:  facts.hostNetwork,
		HostPID:      facts.hostPID,
		HostIPC:      facts.hostIPC,
		HostPaths:    facts.hostPaths,

		GatewayAuthentication: evidence.GatewayAuthNone,
	}
	w.Images = uniqueImages(facts.images)
	if partial {
		for i := range w.Containers {
			forgetSecurity(&w.Containers[i])
		}
	}
	podLabels := tpl.labels
	if podLabels == nil {
		podLabels = o.Labels
	}
	resolveIdentity(set, o, w, facts, custom != nil, podLabels)
	exp := resolveExposure(set, o.Namespace, podLabels)
	w.Exposure, w.Services, w.Ingresses = exp.widest, exp.services, exp.ingresses
	w.Network = resolveNetwork(set, o.Namespace, podLabels)
	return w
}

// resolveIdentity fills the service account, token automount, cloud
// identity and RBAC facts.
func resolveIdentity(set *kubeobj.Set, o *kubeobj.Object, w *evidence.Workload, facts podFacts, custom bool, podLabels map[string]string) {
	sa := facts.serviceAccount
	if sa == "" {
		if custom {
			return // the operator makes and binds the account
		}
		sa = "default"
		w.DefaultServiceAccount = true
	}
	w.ServiceAccount = sa
	account := set.Find("", "ServiceAccount", o.Namespace, sa)
	automount := true
	if account != nil {
		if v, ok := account.Root.Boolean("automountServiceAccountToken"); ok {
			automount = v
		}
		for _, a := range cloudIdentityAnnotations {
			if account.Annotations[a] != "" {
				w.CloudIdentity = append(w.CloudIdentity, a)
			}
		}
	}
	if facts.automount != nil {
		automount = *facts.automount
	}
	w.AutomountToken = automount
	if podLabels["azure.workload.identity/use"] == "true" && !slices.Contains(w.CloudIdentity, "azure.workload.identity/client-id") {
		w.CloudIdentity = append(w.CloudIdentity, "azure.workload.identity/use")
	}
	w.RBAC = resolveRBAC(set, o.Namespace, sa)
}

// cloudIdentityAnnotations are the ServiceAccount annotations that bind a
// pod to a cloud identity: AWS IRSA, GKE Workload Identity, Azure Workload
// Identity.
var cloudIdentityAnnotations = []string{
	"eks.amazonaws.com/role-arn",
	"iam.gke.io/gcp-service-account",
	"azure.workload.identity/client-id",
}

// controlledBy returns the object in the set that controls o (its owner
// reference marked controller, or its only owner) when it satisfies is.
func controlledBy(set *kubeobj.Set, o *kubeobj.Object, is func(*kubeobj.Object) bool) *kubeobj.Object {
	return ownedBy(set, o, is, 0)
}

// maxOwnerDepth bounds how far owner references are followed (a pod of a
// ReplicaSet of a Deployment of a custom resource is four deep), so a
// cycle of references ends.
const maxOwnerDepth = 6

func ownedBy(set *kubeobj.Set, o *kubeobj.Object, is func(*kubeobj.Object) bool, depth int) *kubeobj.Object {
	if depth >= maxOwnerDepth {
		return nil
	}
	for _, owner := range set.Owners(o) {
		if owner == o {
			continue
		}
		if is(owner) {
			return owner
		}
		if grand := ownedBy(set, owner, is, depth+1); grand != nil && grand != o {
			return grand
		}
	}
	return nil
}

// forgetSecurity removes the container security facts a partial workload
// cannot know.
func forgetSecurity(c *evidence.PodContainer) {
	c.Privileged, c.RunAsNonRoot, c.AllowPrivilegeEscalation, c.ReadOnlyRootFS = nil, nil, nil, nil
	c.CapabilitiesDropAll, c.CapabilitiesAdded, c.Seccomp = nil, nil, ""
	c.CPULimit, c.MemoryLimit = nil, nil
}

// uniqueImages returns the images once each, in first-seen order.
func uniqueImages(images []evidence.Package) []evidence.Package {
	var out []evidence.Package
	seen := map[string]bool{}
	for _, p := range images {
		key := p.Name + ":" + p.Version + "@" + p.Digest
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// sortDiagnostics orders diagnostics by file, line and message.
func sortDiagnostics(ds []evidence.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}
