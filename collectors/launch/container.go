package launch

import (
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// dockerValueFlags are docker/podman run flags that take a value.
var dockerValueFlags = map[string]bool{
	"-e": true, "--env": true, "--env-file": true, "-v": true, "--volume": true, "--mount": true,
	"-p": true, "--publish": true, "--network": true, "--net": true, "--name": true, "-u": true,
	"--user": true, "--cap-add": true, "--cap-drop": true, "--pid": true, "--ipc": true, "--uts": true,
	"--entrypoint": true, "-w": true, "--workdir": true, "-l": true, "--label": true, "--add-host": true,
	"--device": true, "--dns": true, "-h": true, "--hostname": true, "-m": true, "--memory": true,
	"--cpus": true, "--platform": true, "--pull": true, "--restart": true, "--runtime": true,
	"--security-opt": true, "--tmpfs": true, "--ulimit": true, "--log-driver": true, "--log-opt": true,
	"--expose": true, "--gpus": true, "--shm-size": true, "--stop-signal": true, "--stop-timeout": true,
	"--userns": true, "--cgroupns": true, "--group-add": true, "--ip": true, "--ip6": true,
	"--mac-address": true, "--link": true, "--volumes-from": true, "--label-file": true,
	"--cidfile": true, "-a": true, "--attach": true, "--health-cmd": true, "--memory-swap": true,
	"--cpu-shares": true, "-c": true, "--cpuset-cpus": true, "--pids-limit": true, "--network-alias": true,
	"--secret": true, "--annotation": true, "--arch": true, "--os": true, "--systemd": true,
	"--userns-mode": true, "--hooks-dir": true, "--pod": true, "--sysctl": true,
}

// dockerGlobalValueFlags are flags of docker itself (before run) that take a value.
var dockerGlobalValueFlags = map[string]bool{
	"-H": true, "--host": true, "--context": true, "-c": true, "--config": true, "--log-level": true,
	"-l": true, "--connection": true, "--url": true, "--identity": true,
}

// containerRun is the parsed form of `docker run …`.
type containerRun struct {
	c *evidence.Container
	// imageIndex is the position of the image in the argument list (-1 if none).
	imageIndex int
	// envValues are the raw -e K=V pairs, by position, for secret handling.
	envValues []envArg
}

// envArg is one -e/--env argument.
type envArg struct {
	index      int
	flag       string
	key, value string
	hasValue   bool
}

// parseDockerRun parses the arguments after "run" (args[start:]).
func parseDockerRun(args []string, start int, syn secrets.Syntax) containerRun {
	c := &evidence.Container{}
	run := containerRun{c: c, imageIndex: -1}
	for i := start; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if i+1 < len(args) {
				run.imageIndex = i + 1
			}
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			run.imageIndex = i
			break
		}
		flag, val, hasEq := strings.Cut(a, "=")
		if !hasEq && !strings.HasPrefix(a, "--") && len(a) > 2 {
			// combined short flags (-it, -itd) or a short flag with its value (-eKEY=V, -p8080:80)
			if dockerValueFlags[a[:2]] {
				flag, val, hasEq = a[:2], a[2:], true
			} else {
				for _, ch := range a[1:] {
					applyDockerBool(c, "-"+string(ch))
				}
				continue
			}
		}
		if !dockerValueFlags[flag] {
			if hasEq && (val == "false" || val == "0") {
				continue
			}
			applyDockerBool(c, flag)
			continue
		}
		valIndex := i
		if !hasEq {
			if i+1 >= len(args) {
				break
			}
			i++
			val, valIndex = args[i], i
		}
		applyDockerValue(&run, flag, val, valIndex, syn)
	}
	sort.Strings(c.CapAdd)
	return run
}

// applyDockerBool applies a boolean run flag.
func applyDockerBool(c *evidence.Container, flag string) {
	switch flag {
	case "--privileged":
		c.Privileged = true
	case "--read-only":
		c.ReadOnlyRoot = true
	case "--rm":
		c.Remove = true
	case "-P", "--publish-all":
		c.PublishedAllInterfaces = true
	}
}

// applyDockerValue applies a run flag with its value.
func applyDockerValue(run *containerRun, flag, val string, index int, syn secrets.Syntax) {
	c := run.c
	switch flag {
	case "--network", "--net":
		c.Network = val
		c.HostNetwork = val == "host"
	case "--pid":
		c.HostPID = val == "host"
	case "-u", "--user":
		c.User = val
	case "--cap-add":
		c.CapAdd = append(c.CapAdd, strings.ToUpper(val))
	case "-v", "--volume":
		c.Mounts = append(c.Mounts, parseVolume(val))
	case "--mount":
		c.Mounts = append(c.Mounts, parseMount(val))
	case "-p", "--publish":
		pb := parsePort(val)
		c.Ports = append(c.Ports, pb)
		if pb.HostIP == "" || pb.HostIP == "0.0.0.0" || pb.HostIP == "::" || pb.HostIP == "[::]" {
			c.PublishedAllInterfaces = true
		}
	case "-e", "--env":
		k, v, ok := strings.Cut(val, "=")
		run.envValues = append(run.envValues, envArg{index: index, flag: flag, key: k, value: v, hasValue: ok})
	}
	for _, m := range c.Mounts {
		if isContainerSocket(m.Source) {
			c.DockerSocket = true
		}
	}
}

// isContainerSocket reports whether a mount source is the Docker or Podman API socket.
func isContainerSocket(src string) bool {
	s := strings.ToLower(src)
	return strings.HasSuffix(s, "docker.sock") || strings.HasSuffix(s, "podman.sock") ||
		strings.Contains(s, `\\.\pipe\docker_engine`) || strings.Contains(s, "//./pipe/docker_engine")
}

// isHostPath reports whether a -v source is a host path rather than a named volume.
func isHostPath(src string) bool {
	return strings.HasPrefix(src, "/") || strings.HasPrefix(src, ".") || strings.HasPrefix(src, "~") ||
		strings.HasPrefix(src, "$") || strings.HasPrefix(src, "%") || strings.HasPrefix(src, `\\`) ||
		len(src) >= 2 && src[1] == ':' && isASCIILetter(src[0])
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// parseVolume parses -v src:dst[:opts], including Windows drive letters.
func parseVolume(v string) evidence.Mount {
	var parts []string
	rest := v
	if len(rest) >= 2 && rest[1] == ':' && isASCIILetter(rest[0]) {
		// C:\data:/data:ro — keep the drive letter with the source
		if i := strings.IndexByte(rest[2:], ':'); i >= 0 {
			parts = append(parts, rest[:2+i])
			rest = rest[2+i+1:]
		} else {
			parts = append(parts, rest)
			rest = ""
		}
		if rest != "" {
			parts = append(parts, strings.Split(rest, ":")...)
		}
	} else {
		parts = strings.Split(rest, ":")
	}
	m := evidence.Mount{}
	switch len(parts) {
	case 1:
		m.Target = parts[0] // an anonymous volume
	default:
		m.Source, m.Target = parts[0], parts[1]
		for _, opt := range parts[2:] {
			for _, o := range strings.Split(opt, ",") {
				if o == "ro" || o == "readonly" {
					m.ReadOnly = true
				}
			}
		}
	}
	finishMount(&m)
	return m
}

// parseMount parses --mount type=bind,source=…,target=…,readonly.
func parseMount(v string) evidence.Mount {
	m := evidence.Mount{}
	typ := "volume"
	for _, kv := range strings.Split(v, ",") {
		k, val, _ := strings.Cut(kv, "=")
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "type":
			typ = val
		case "source", "src":
			m.Source = val
		case "target", "dst", "destination":
			m.Target = val
		case "readonly", "ro":
			m.ReadOnly = val == "" || val == "true" || val == "1"
		}
	}
	finishMount(&m)
	if typ == "bind" && m.Source != "" {
		m.HostPath = true
		m.Broad = classifyRoot(m.Source).Broad
	}
	return m
}

func finishMount(m *evidence.Mount) {
	if m.Source != "" && isHostPath(m.Source) {
		m.HostPath = true
		m.Broad = classifyRoot(m.Source).Broad
	}
}

// parsePort parses -p [hostIP:][hostPort:]containerPort[/proto].
func parsePort(v string) evidence.PortBinding {
	pb := evidence.PortBinding{}
	if strings.HasPrefix(v, "[") { // [::1]:8080:80
		if end := strings.Index(v, "]:"); end > 0 {
			pb.HostIP = v[:end+1]
			v = v[end+2:]
			host, cont, ok := strings.Cut(v, ":")
			if ok {
				pb.HostPort, pb.ContainerPort = host, cont
			} else {
				pb.ContainerPort = host
			}
			return pb
		}
	}
	parts := strings.Split(v, ":")
	switch len(parts) {
	case 1:
		pb.ContainerPort = parts[0]
	case 2:
		pb.HostPort, pb.ContainerPort = parts[0], parts[1]
	default:
		pb.HostIP = strings.Join(parts[:len(parts)-2], ":")
		pb.HostPort, pb.ContainerPort = parts[len(parts)-2], parts[len(parts)-1]
	}
	return pb
}
