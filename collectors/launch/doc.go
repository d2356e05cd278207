// Package launch analyses how an MCP server is started (a stdio command line)
// or reached (a remote URL with headers): the runner, the package and how it
// is pinned, shell wrappers, container flags, secrets passed as arguments,
// filesystem roots, and the properties of a remote endpoint and its
// authentication. It is shared by every collector that finds servers: client
// configurations today, and gateways and cluster workloads, which start and
// reach servers the same way.
package launch
