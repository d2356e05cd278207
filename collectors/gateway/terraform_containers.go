package gateway

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// ecs reads ECS task definitions: every container definition that runs MCP
// is a server launched as that container. Container ports are published to
// the internet when an ECS service of the task assigns public IPs (awsvpc),
// and on every interface of the host for host ports of bridge and host
// networking.
func (rd *tfReader) ecs() {
	for _, r := range rd.m.ofType("aws_ecs_task_definition") {
		defs := r.body.Get("container_definitions")
		if defs != nil && defs.Kind == postree.String {
			defs = rd.m.jsonDocument(defs)
		}
		if !defs.IsArray() {
			if r.body.Has("container_definitions") && strings.Contains(strings.ToLower(r.body.Get("container_definitions").Text), "mcp") {
				b := rd.builder(r, "aws-ecs")
				b.info(r.body.Get("container_definitions"), "the container definitions of task %s are computed by Terraform (file(), templatefile()): not read", r.name)
			}
			continue
		}
		network, _ := literal(r.body.Get("network_mode"))
		if network == "" {
			network = "bridge"
		}
		public := rd.ecsPublic(r)
		hostPaths := map[string]string{}
		for _, v := range items(r.body.Get("volume")) {
			name, _ := literal(v.Get("name"))
			if hp, ok := literal(v.Get("host_path")); ok {
				hostPaths[name] = hp
			}
		}
		var b *builder
		for i, def := range defs.Items {
			tc := ecsContainer(def, network, public, hostPaths)
			name, _ := def.Str("name")
			if !tc.runsMCP(name) {
				continue
			}
			if b == nil {
				b = rd.builder(r, "aws-ecs")
			}
			if name == "" {
				name = fmt.Sprintf("%s[%d]", r.name, i)
			}
			s := tc.server(b, nil, r.name+"/"+name, def)
			s.Client, s.Scope = "aws-ecs", evidence.ScopeProject
			s.Provenance.Collector = b.collector
			if def.Line == 0 {
				s.Provenance.Line, s.Provenance.Column = r.body.Line, r.body.Col
			}
		}
	}
}

// ecsPublic reports whether an ECS service of the task definition gives
// its tasks public IP addresses.
func (rd *tfReader) ecsPublic(td *tfResource) bool {
	for _, s := range rd.m.ofType("aws_ecs_service") {
		if !refersTo(s.body.Get("task_definition"), td.typ, td.name, "") {
			continue
		}
		if on, _ := s.body.Lookup("network_configuration", "0").Boolean("assign_public_ip"); on {
			return true
		}
	}
	return false
}

// ecsContainer reads a container definition (ECS's JSON field names).
func ecsContainer(def *postree.Node, network string, public bool, hostPaths map[string]string) *tfContainer {
	tc := &tfContainer{env: map[string]*postree.Node{}, secretEnv: map[string]string{}}
	tc.image, _ = def.Str("image")
	tc.privileged, _ = def.Boolean("privileged")
	tc.readOnly, _ = def.Boolean("readonlyRootFilesystem")
	tc.user, _ = def.Str("user")
	if network == "host" {
		tc.network = "host"
	}
	tc.capAdd = words(def.Lookup("linuxParameters", "capabilities", "add"))
	tc.command = append(words(def.Get("entryPoint")), words(def.Get("command"))...)
	for _, e := range items(def.Get("environment")) {
		if name, ok := e.Str("name"); ok {
			if v := e.Get("value"); v != nil {
				tc.env[name] = v
			}
		}
	}
	for _, e := range items(def.Get("secrets")) {
		name, _ := e.Str("name")
		from, _ := e.Str("valueFrom")
		if name != "" {
			tc.secretEnv[name] = from
		}
	}
	for _, mp := range items(def.Get("mountPoints")) {
		src, _ := mp.Str("sourceVolume")
		dst, _ := mp.Str("containerPath")
		if hp, ok := hostPaths[src]; ok && dst != "" {
			spec := hp + ":" + dst
			if ro, _ := mp.Boolean("readOnly"); ro {
				spec += ":ro"
			}
			tc.volumes = append(tc.volumes, spec)
		}
	}
	for _, pm := range items(def.Get("portMappings")) {
		cp, _ := pm.Scalar("containerPort")
		hp, _ := pm.Scalar("hostPort")
		switch {
		case cp == "":
		case network == "awsvpc" && public:
			tc.ports = append(tc.ports, "0.0.0.0:"+cp+":"+cp)
		case network != "awsvpc" && hp != "" && hp != "0":
			tc.ports = append(tc.ports, hp+":"+cp)
		}
	}
	return tc
}

// dockerContainers reads docker_container resources of the Docker
// provider: a server launched as the docker run the resource describes.
func (rd *tfReader) dockerContainers() {
	for _, r := range rd.m.ofType("docker_container") {
		tc := rd.dockerContainer(r.body)
		name, ok := literal(r.body.Get("name"))
		if !ok {
			name = r.name
		}
		if !tc.runsMCP(name, r.name) {
			continue
		}
		b := rd.builder(r, "docker")
		s := tc.server(b, nil, name, r.body)
		s.Client, s.Scope = "docker", evidence.ScopeProject
		s.Provenance.Collector = b.collector
	}
}

// dockerContainer reads a docker_container resource as docker run flags.
// An image taken from a docker_image resource of the module is that
// resource's name.
func (rd *tfReader) dockerContainer(body *postree.Node) *tfContainer {
	tc := &tfContainer{env: map[string]*postree.Node{}, secretEnv: map[string]string{}}
	tc.image, _ = body.Str("image")
	for _, img := range rd.m.ofType("docker_image") {
		if refersTo(body.Get("image"), img.typ, img.name, "") {
			tc.image, _ = img.body.Str("name")
		}
	}
	tc.privileged, _ = body.Boolean("privileged")
	tc.readOnly, _ = body.Boolean("read_only")
	tc.network, _ = literal(body.Get("network_mode"))
	tc.pid, _ = literal(body.Get("pid_mode"))
	tc.user, _ = literal(body.Get("user"))
	tc.capAdd = words(body.Lookup("capabilities", "0", "add"))
	tc.command = append(words(body.Get("entrypoint")), words(body.Get("command"))...)
	for _, e := range items(body.Get("env")) {
		if kv, ok := e.ScalarText(); ok {
			if k, _, found := strings.Cut(kv, "="); found {
				// The value node keeps the whole "K=V" span: the stored copy
				// replaces the pair, which holds the secret.
				v := *e
				v.Text = kv[len(k)+1:]
				tc.env[k] = &v
				rd.m.owner[&v] = rd.m.owner[e]
			}
		}
	}
	for _, p := range items(body.Get("ports")) {
		internal, _ := p.Scalar("internal")
		if internal == "" {
			continue
		}
		ip, ok := literal(p.Get("ip"))
		if !ok {
			ip = "0.0.0.0" // the provider's default
		}
		if external, _ := p.Scalar("external"); external != "" {
			tc.ports = append(tc.ports, ip+":"+external+":"+internal)
		} else {
			tc.ports = append(tc.ports, ip+"::"+internal)
		}
	}
	for _, v := range items(body.Get("volumes")) {
		dst, _ := literal(v.Get("container_path"))
		src, ok := literal(v.Get("host_path"))
		if !ok {
			src, _ = literal(v.Get("volume_name"))
		}
		if src == "" || dst == "" {
			continue
		}
		spec := src + ":" + dst
		if ro, _ := v.Boolean("read_only"); ro {
			spec += ":ro"
		}
		tc.volumes = append(tc.volumes, spec)
	}
	for _, mt := range items(body.Get("mounts")) {
		typ, _ := literal(mt.Get("type"))
		src, _ := literal(mt.Get("source"))
		dst, _ := literal(mt.Get("target"))
		spec := "type=" + typ + ",source=" + src + ",target=" + dst
		if ro, _ := mt.Boolean("read_only"); ro {
			spec += ",readonly"
		}
		tc.mounts = append(tc.mounts, spec)
	}
	return tc
}
