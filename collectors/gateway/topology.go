package gateway

import (
	"path"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// Front links every server a client reaches through a gateway collected in
// the same run to that gateway, so that controls judging how the server is
// reached see the gateway's authentication (the subject's linked.gateway).
// A server is reached through a gateway when its remote URL points at one of
// the gateway's listeners:
//
//   - a loopback URL (localhost, 127.0.0.1, ::1) at the port a listener
//     publishes on the local host (exposure loopback or all-interfaces);
//   - a URL whose host is a name the listener is reached under (a Compose
//     service, a Kubernetes Service in any of its DNS forms, a listener or
//     route hostname, "*.example.com" wildcards included) at its port, or
//     its container port (any port when the listener names none, and 80 or
//     443 for a public listener).
//
// When the listener serves a known path, the URL's path must lie under it.
// A loopback URL, or a name that only resolves on a private network (a
// name without dots, or a listener only published on a container or
// cluster network), says nothing about which machine or network is meant,
// so it is matched only to a gateway configured in the client entry's
// project: the gateway's file lies in the folder holding the client's
// configuration (above its dot-folder, e.g. the folder holding .vscode) or
// below it. Servers declared behind a gateway are already linked to it by
// their reader and are left alone, as are URLs built from references. A URL
// several gateways match is linked to all of them: controls then credit
// the gateways only when none of them lets requests through without a
// credential.
func Front(subjects []evidence.Subject) {
	var gws []*evidence.Gateway
	for _, s := range subjects {
		if g, ok := s.(*evidence.Gateway); ok && len(g.Listeners) > 0 {
			gws = append(gws, g)
		}
	}
	if len(gws) == 0 {
		return
	}
	for _, s := range subjects {
		srv, ok := s.(*evidence.Server)
		if !ok || srv.Remote == nil || srv.Scope == evidence.ScopeGateway || srv.Remote.Templated || srv.Remote.Host == "" {
			continue
		}
		project, inProject := projectOf(srv.Provenance.File)
		for _, g := range gws {
			if slices.Contains(srv.Links, g.ID) {
				continue
			}
			near := inProject && holds(project, g.Provenance.File)
			for _, l := range g.Listeners {
				if reaches(&l, srv.Remote, near) {
					srv.Links = append(srv.Links, g.ID)
					slices.Sort(srv.Links)
					break
				}
			}
		}
	}
}

// reaches reports whether a client connecting to r arrives at listener l;
// near says the gateway is configured in the client entry's project.
func reaches(l *evidence.Listener, r *evidence.Remote, near bool) bool {
	port := r.Port
	if port == 0 {
		port = defaultPort(r.Scheme)
	}
	if l.Path != "" && !pathUnder(r.Path, l.Path) {
		return false
	}
	host := strings.ToLower(strings.TrimSuffix(r.Host, "."))
	if r.Loopback {
		if !near {
			return false
		}
		switch l.Exposure {
		case evidence.ExposureLoopback, evidence.ExposureAllInterfaces:
			return l.Port != 0 && l.Port == port
		}
		return false
	}
	if !near && (l.Exposure == evidence.ExposureInternal || !strings.Contains(host, ".")) {
		return false
	}
	for _, h := range l.Hosts {
		if !hostMatches(strings.ToLower(h), host) {
			continue
		}
		switch {
		case l.Port == 0, l.Port == port, l.TargetPort != 0 && l.TargetPort == port:
			return true
		case l.Exposure == evidence.ExposurePublic && (port == 80 || port == 443):
			return true
		}
	}
	return false
}

// hostMatches reports whether a client naming host reaches a listener known
// as name: the same name, a "*." wildcard covering it, or a shorter DNS
// form of a Kubernetes Service name (svc, svc.ns, svc.ns.svc).
func hostMatches(name, host string) bool {
	if name == host {
		return true
	}
	if suffix, ok := strings.CutPrefix(name, "*."); ok {
		return strings.HasSuffix(host, "."+suffix) && !strings.Contains(strings.TrimSuffix(host, "."+suffix), ".")
	}
	if svc, ok := strings.CutSuffix(name, ".svc.cluster.local"); ok {
		short, _, _ := strings.Cut(svc, ".")
		return host == svc || host == svc+".svc" || host == short
	}
	return false
}

// A gateway configured in gwFile belongs to the project of the client
// configuration clientFile when the project folder (the folder holding
// clientFile, above any dot-folder on its path: repo/.vscode/mcp.json and
// repo/.continue/mcpServers/x.yaml belong to repo) holds gwFile, or the
// folder holding gwFile holds that project folder. Files outside the
// assessed folders (~/…) and subjects read from a cluster belong to no
// project.

// projectOf is the project folder of the client configuration clientFile;
// ok is false for a file in no project.
func projectOf(clientFile string) (dir string, ok bool) {
	if clientFile == "" || strings.HasPrefix(clientFile, "~") {
		return "", false
	}
	dir = path.Dir(clientFile)
	parts := strings.Split(dir, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ".") && p != "." && p != ".." {
			dir = path.Join(parts[:i]...)
			break
		}
	}
	return dir, true
}

// holds reports whether the gateway configured in gwFile belongs to the
// project whose folder is project.
func holds(project, gwFile string) bool {
	if gwFile == "" || strings.HasPrefix(gwFile, "~") {
		return false
	}
	return under(gwFile, project) || under(project, path.Dir(gwFile))
}

// under reports whether p is folder dir or lies below it ("" and "." are the
// assessed folder itself).
func under(p, dir string) bool {
	return dir == "" || dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

// pathUnder reports whether path p lies under the listener path base.
func pathUnder(p, base string) bool {
	base = strings.TrimSuffix(base, "/")
	if base == "" {
		return true
	}
	return p == base || strings.HasPrefix(p, base+"/")
}

// defaultPort is the port a URL without one connects to.
func defaultPort(scheme string) int {
	switch strings.ToLower(scheme) {
	case "https", "wss":
		return 443
	case "http", "ws":
		return 80
	}
	return 0
}
