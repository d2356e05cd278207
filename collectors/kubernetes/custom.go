package kubernetes

import (
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
)

// toolhiveContainerDefaults is the security context the ToolHive operator
// gives the containers it creates on Kubernetes (its SecurityContextBuilder:
// not privileged, non-root user 1000, no privilege escalation, read-only
// root filesystem; it sets no seccomp profile and drops no capabilities
// outside OpenShift). A podTemplateSpec overrides it per field.
var toolhiveContainerDefaults = kubeobj.NodeOf(map[string]any{
	"privileged": false, "runAsNonRoot": true, "runAsUser": 1000,
	"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
})

// toolhivePodDefaults is the pod security context the operator sets.
var toolhivePodDefaults = kubeobj.NodeOf(map[string]any{"runAsNonRoot": true, "runAsUser": 1000})

// toolhivePod is the pod the ToolHive operator runs for an MCPServer: the
// image, args, env, secrets, volumes and resources of the spec in a
// container named "mcp", merged with the "mcp" container and the pod
// settings of spec.podTemplateSpec.
func toolhivePod(o *kubeobj.Object) customPod {
	spec := o.Spec()
	tpl := spec.Get("podTemplateSpec")
	podSpec := map[string]any{}
	if s, ok := kubeobj.Value(tpl.Get("spec")).(map[string]any); ok {
		podSpec = s
	}
	mcp := map[string]any{"name": "mcp"}
	var others []any
	if cs, ok := podSpec["containers"].([]any); ok {
		for _, c := range cs {
			if m, ok := c.(map[string]any); ok && m["name"] == "mcp" {
				mcp = m
				continue
			}
			others = append(others, c)
		}
	}
	copyField(mcp, "image", spec.Get("image"))
	copyField(mcp, "args", spec.Get("args"))
	copyField(mcp, "resources", spec.Get("resources"))
	env, _ := mcp["env"].([]any)
	if e, ok := kubeobj.Value(spec.Get("env")).([]any); ok {
		env = append(env, e...)
	}
	for _, s := range items(spec.Get("secrets")) {
		name, _ := s.Str("name")
		key, _ := s.Str("key")
		target, _ := s.Str("targetEnvName")
		if target == "" {
			target = key
		}
		env = append(env, map[string]any{"name": target, "valueFrom": map[string]any{
			"secretKeyRef": map[string]any{"name": name, "key": key}}})
	}
	if len(env) > 0 {
		mcp["env"] = env
	}
	var volumes, mounts []any
	for _, v := range items(spec.Get("volumes")) {
		name, _ := v.Str("name")
		host, _ := v.Str("hostPath")
		mount, _ := v.Str("mountPath")
		ro, _ := v.Boolean("readOnly")
		if host == "" {
			continue
		}
		volumes = append(volumes, map[string]any{"name": name, "hostPath": map[string]any{"path": host}})
		mounts = append(mounts, map[string]any{"name": name, "mountPath": mount, "readOnly": ro})
	}
	if len(volumes) > 0 {
		podSpec["volumes"] = append(asList(podSpec["volumes"]), volumes...)
		mcp["volumeMounts"] = append(asList(mcp["volumeMounts"]), mounts...)
	}
	if sa, ok := spec.Str("serviceAccount"); ok && sa != "" {
		podSpec["serviceAccountName"] = sa
	}
	podSpec["containers"] = append([]any{mcp}, others...)
	labels, _ := tpl.Lookup("metadata").StringMap("labels")
	return customPod{
		spec:     kubeobj.NodeOf(podSpec),
		defaults: securityDefaults{pod: toolhivePodDefaults, container: toolhiveContainerDefaults},
		labels:   labels,
	}
}

// toolhiveProxyPod is the proxy pod the ToolHive operator runs for an
// MCPRemoteProxy or a VirtualMCPServer: the operator's image and security
// defaults, with the spec's resources.
func toolhiveProxyPod(o *kubeobj.Object) customPod {
	spec := o.Spec()
	proxy := map[string]any{"name": "proxy"}
	copyField(proxy, "resources", spec.Get("resources"))
	podSpec := map[string]any{"containers": []any{proxy}}
	if sa, ok := spec.Str("serviceAccount"); ok && sa != "" {
		podSpec["serviceAccountName"] = sa
	}
	return customPod{
		spec:     kubeobj.NodeOf(podSpec),
		defaults: securityDefaults{pod: toolhivePodDefaults, container: toolhiveContainerDefaults},
	}
}

// kmcpPod is the pod the kmcp controller runs for an MCPServer
// (kagent.dev): spec.deployment's image, command, args and env. The
// controller's own security settings are not in the resource, so the
// workload is partial: its container security facts are left out.
func kmcpPod(o *kubeobj.Object) customPod {
	d := o.Root.Lookup("spec", "deployment")
	c := map[string]any{"name": "mcp"}
	copyField(c, "image", d.Get("image"))
	if cmd, ok := d.Str("cmd"); ok && cmd != "" {
		c["command"] = []any{cmd}
	}
	copyField(c, "args", d.Get("args"))
	var env []any
	if m := d.Get("env"); m.IsObject() {
		for i, k := range m.Keys {
			env = append(env, map[string]any{"name": k, "value": kubeobj.Value(m.Vals[i])})
		}
	}
	if len(env) > 0 {
		c["env"] = env
	}
	return customPod{spec: kubeobj.NodeOf(map[string]any{"containers": []any{c}}), partial: true}
}

// copyField sets m[key] to the value of n when n is present.
func copyField(m map[string]any, key string, n *postree.Node) {
	if n != nil && n.Kind != postree.Null {
		m[key] = kubeobj.Value(n)
	}
}

// asList returns v as a list (nil when it is not one).
func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
