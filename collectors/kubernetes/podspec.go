package kubernetes

import (
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// podTemplate locates the pod of a workload object: its pod spec and the
// labels its pods carry.
type podTemplate struct {
	spec   *postree.Node
	labels map[string]string
	// annotations are the pod template's annotations.
	annotations map[string]string
}

// workloadKinds are the built-in kinds that run pods, with the path from
// the object to its pod template ("" path: the object is the pod).
var workloadKinds = map[string][]string{
	"/Pod":                   nil,
	"/ReplicationController": {"spec", "template"},
	"apps/Deployment":        {"spec", "template"},
	"apps/StatefulSet":       {"spec", "template"},
	"apps/DaemonSet":         {"spec", "template"},
	"apps/ReplicaSet":        {"spec", "template"},
	"batch/Job":              {"spec", "template"},
	"batch/CronJob":          {"spec", "jobTemplate", "spec", "template"},
}

// isWorkloadKind reports whether o is a built-in kind that runs pods.
func isWorkloadKind(o *kubeobj.Object) bool {
	_, ok := workloadKinds[o.Group()+"/"+o.Kind]
	return ok
}

// templateOf returns the pod template of a built-in workload object.
func templateOf(o *kubeobj.Object) (podTemplate, bool) {
	path, ok := workloadKinds[o.Group()+"/"+o.Kind]
	if !ok {
		return podTemplate{}, false
	}
	if path == nil {
		return podTemplate{spec: o.Root.Get("spec"), labels: o.Labels, annotations: o.Annotations}, true
	}
	tpl := o.Root.Lookup(path...)
	labels, _ := tpl.Lookup("metadata").StringMap("labels")
	annotations, _ := tpl.Lookup("metadata").StringMap("annotations")
	return podTemplate{spec: tpl.Get("spec"), labels: labels, annotations: annotations}, true
}

// podFacts are the facts read from one pod spec.
type podFacts struct {
	containers     []evidence.PodContainer
	images         []evidence.Package
	hostNetwork    bool
	hostPID        bool
	hostIPC        bool
	hostPaths      []evidence.HostPath
	serviceAccount string
	// automount is the pod's automountServiceAccountToken (nil: unset).
	automount *bool
}

// securityDefaults are settings an operator applies to the containers it
// creates when the custom resource does not override them.
type securityDefaults struct {
	pod       *postree.Node // a PodSecurityContext
	container *postree.Node // a SecurityContext
}

// readPod reads a pod spec. Every raw secret found is added to red.
func readPod(spec *postree.Node, defaults securityDefaults, red *secrets.Redactor) podFacts {
	var f podFacts
	f.hostNetwork, _ = spec.Boolean("hostNetwork")
	f.hostPID, _ = spec.Boolean("hostPID")
	f.hostIPC, _ = spec.Boolean("hostIPC")
	if sa, ok := spec.Str("serviceAccountName"); ok && sa != "" {
		f.serviceAccount = sa
	} else if sa, ok := spec.Str("serviceAccount"); ok && sa != "" {
		f.serviceAccount = sa
	}
	if v, ok := spec.Boolean("automountServiceAccountToken"); ok {
		f.automount = &v
	}
	podSC := firstObject(spec.Get("securityContext"), defaults.pod)
	hostVolumes := map[string]string{}
	for _, v := range items(spec.Get("volumes")) {
		if hp := v.Get("hostPath"); hp.IsObject() {
			p, _ := hp.Str("path")
			name, _ := v.Str("name")
			hostVolumes[name] = p
		}
	}
	readOnlyMounts := map[string]bool{}
	written := map[string]bool{}
	for _, group := range []struct {
		key  string
		init bool
	}{{"initContainers", true}, {"containers", false}, {"ephemeralContainers", false}} {
		for _, c := range items(spec.Get(group.key)) {
			pc := readContainer(c, group.init, podSC, defaults.container, red)
			f.containers = append(f.containers, pc)
			if pc.Image != nil {
				f.images = append(f.images, *pc.Image)
			}
			for _, m := range items(c.Get("volumeMounts")) {
				name, _ := m.Str("name")
				if _, ok := hostVolumes[name]; !ok {
					continue
				}
				if ro, _ := m.Boolean("readOnly"); ro {
					if !written[name] {
						readOnlyMounts[name] = true
					}
				} else {
					written[name] = true
					delete(readOnlyMounts, name)
				}
			}
		}
	}
	names := make([]string, 0, len(hostVolumes))
	for name := range hostVolumes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f.hostPaths = append(f.hostPaths, evidence.HostPath{Path: hostVolumes[name], ReadOnly: readOnlyMounts[name]})
	}
	return f
}

// readContainer reads one container's effective settings.
func readContainer(c *postree.Node, init bool, podSC, defaultSC *postree.Node, red *secrets.Redactor) evidence.PodContainer {
	name, _ := c.Str("name")
	pc := evidence.PodContainer{Name: name, Init: init}
	if image, ok := c.Str("image"); ok && image != "" {
		pc.Image = launch.ImagePackage(image)
	}
	sc := c.Get("securityContext")
	setting := func(key string) *postree.Node {
		if v := sc.Get(key); v != nil && v.Kind != postree.Null {
			return v
		}
		return defaultSC.Get(key)
	}
	podSetting := func(key string) *postree.Node {
		if v := setting(key); v != nil {
			return v
		}
		return podSC.Get(key)
	}
	privileged := boolOf(setting("privileged"))
	pc.Privileged = &privileged

	nonRoot := boolOf(podSetting("runAsNonRoot"))
	if uid := podSetting("runAsUser"); uid != nil && uid.Kind == postree.Number && uid.Text != "0" {
		nonRoot = true
	}
	pc.RunAsNonRoot = &nonRoot

	escalation := true
	if v := setting("allowPrivilegeEscalation"); v != nil && v.Kind == postree.Bool {
		escalation = v.Text == "true"
	}
	if privileged {
		escalation = true
	}
	pc.AllowPrivilegeEscalation = &escalation

	readOnly := boolOf(setting("readOnlyRootFilesystem"))
	pc.ReadOnlyRootFS = &readOnly

	caps := setting("capabilities")
	dropAll := false
	for _, d := range items(caps.Get("drop")) {
		if strings.EqualFold(strings.TrimPrefix(strings.ToUpper(d.Text), "CAP_"), "ALL") {
			dropAll = true
		}
	}
	pc.CapabilitiesDropAll = &dropAll
	for _, a := range items(caps.Get("add")) {
		if s, ok := a.ScalarText(); ok {
			pc.CapabilitiesAdded = append(pc.CapabilitiesAdded, strings.TrimPrefix(strings.ToUpper(s), "CAP_"))
		}
	}

	pc.Seccomp = "unset"
	if t, ok := podSetting("seccompProfile").Str("type"); ok && t != "" {
		pc.Seccomp = t
	}

	limits := c.Lookup("resources", "limits")
	cpu, memory := limits.Has("cpu"), limits.Has("memory")
	pc.CPULimit, pc.MemoryLimit = &cpu, &memory

	syn := secrets.SyntaxFor("kubernetes")
	for _, e := range items(c.Get("env")) {
		key, _ := e.Str("name")
		if key == "" {
			continue
		}
		if pc.Env == nil {
			pc.Env = map[string]evidence.Value{}
		}
		pc.Env[key] = envValue(e, syn, red)
	}
	command, _ := c.Strings("command")
	args, _ := c.Strings("args")
	argv := append(append([]string(nil), command...), args...)
	if len(argv) > 0 {
		res := launch.Analyze(argv[0], argv[1:], "", syn, red)
		pc.SecretArgs = res.Launch.SecretArgs
	}
	return pc
}

// envValue classifies one env entry: a literal value like a client
// config's env, a secretKeyRef as a secret reference, other valueFrom
// sources as config references.
func envValue(e *postree.Node, syn secrets.Syntax, red *secrets.Redactor) evidence.Value {
	key, _ := e.Str("name")
	if from := e.Get("valueFrom"); from.IsObject() {
		switch {
		case from.Has("secretKeyRef"):
			ref := from.Get("secretKeyRef")
			name, _ := ref.Str("name")
			k, _ := ref.Str("key")
			return evidence.Value{Kind: evidence.ValueSecretReference, Secret: true, Ref: name + "/" + k}
		case from.Has("configMapKeyRef"):
			ref := from.Get("configMapKeyRef")
			name, _ := ref.Str("name")
			k, _ := ref.Str("key")
			return evidence.Value{Kind: evidence.ValueConfigReference, Secret: secrets.IsCredentialKey(key), Ref: "configmap:" + name + "/" + k}
		default:
			return evidence.Value{Kind: evidence.ValueConfigReference, Secret: secrets.IsCredentialKey(key), Ref: "field"}
		}
	}
	value, _ := e.Scalar("value")
	return secrets.ClassifyInto(key, value, syn, red)
}

// firstObject returns the first argument that is an object.
func firstObject(nodes ...*postree.Node) *postree.Node {
	for _, n := range nodes {
		if n.IsObject() {
			return n
		}
	}
	return nil
}

// items returns an array's items (nil for anything else).
func items(n *postree.Node) []*postree.Node {
	if !n.IsArray() {
		return nil
	}
	return n.Items
}

// boolOf reads a boolean node (false when absent or not a boolean).
func boolOf(n *postree.Node) bool { return n != nil && n.Kind == postree.Bool && n.Text == "true" }
