package probe

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// ExecSpec is a stdio server to start: the command, its arguments and the
// environment its configuration declares, resolved.
type ExecSpec struct {
	Command string
	Args    []string
	Dir     string
	// Env holds only the variables the configuration declares.
	Env map[string]string
}

// baseEnvironment are the variables a launcher needs to find its runtime
// and cache; nothing else of Tollgate's environment is passed on.
var baseEnvironment = []string{"PATH", "HOME", "TMPDIR", "SYSTEMROOT", "USERPROFILE", "APPDATA", "LOCALAPPDATA"}

// probeExec starts a stdio server (only with AllowExec), lists its
// definitions, and stops it: the process gets a clean environment, is
// bounded by the endpoint timeout, and is killed (with its process group)
// when the probe ends.
func probeExec(ctx context.Context, t Target, opts Options, ep *evidence.Endpoint, red *secrets.Redactor) []tooldef.Definition {
	if !opts.AllowExec {
		ep.Error = "stdio server not started: pass --allow-exec to start configured servers"
		return nil
	}
	spec := t.Exec
	cmd := exec.CommandContext(ctx, spec.Command, spec.Args...)
	cmd.Dir = spec.Dir
	cmd.Env = execEnvironment(spec.Env)
	cmd.Stderr = nil // the server's log is not evidence and may hold secrets
	cmd.WaitDelay = 2 * time.Second
	setProcessGroup(cmd)
	for _, v := range spec.Env {
		red.Add(v)
	}
	ep.Loopback = true
	tr := &mcp.CommandTransport{Command: cmd, TerminateDuration: 2 * time.Second}
	defs, ok := listDefinitions(ctx, tr, ep, red, opts, nil, opts.ProbeErrors)
	killProcessGroup(cmd)
	ep.Reachable = ok || ep.ProtocolVersion != ""
	if ep.Reachable {
		ep.Authentication = evidence.EndpointAuthNone
		ep.UnauthenticatedInit = true
		ep.UnauthenticatedList = ok
	}
	return defs
}

// execEnvironment is the child's environment: the declared variables plus
// the few a launcher needs.
func execEnvironment(declared map[string]string) []string {
	var env []string
	for _, k := range baseEnvironment {
		if _, ok := declared[k]; ok {
			continue
		}
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	for k, v := range declared {
		env = append(env, k+"="+v)
	}
	if runtime.GOOS == "windows" && len(env) == 0 {
		return []string{}
	}
	return env
}
