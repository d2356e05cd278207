// Command fleet writes a generated fleet of MCP configuration files (client
// configurations, Kubernetes manifests and gateway configurations) into a
// folder, to measure Tollgate at fleet scale:
//
//	go run ./tools/fleet -servers 50000 -workloads 2000 -gateways 50 -o /tmp/fleet
//	/usr/bin/time -v tollgate assess /tmp/fleet -o /tmp/fleet-out --timestamp 2026-01-01T00:00:00Z
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
)

func main() {
	var spec assesstest.FilesSpec
	flag.IntVar(&spec.Servers, "servers", 50000, "MCP server declarations in client configurations")
	flag.IntVar(&spec.Workloads, "workloads", 2000, "MCP workloads in Kubernetes manifests")
	flag.IntVar(&spec.Gateways, "gateways", 50, "gateway configurations")
	flag.Uint64Var(&spec.Seed, "seed", 1, "seed of the generator")
	out := flag.String("o", "", "folder to write the fleet into (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "fleet: -o is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "fleet: %s exists\n", *out)
		os.Exit(2)
	}
	sum, err := assesstest.WriteFleetFiles(*out, spec)
	if err != nil {
		fmt.Fprintf(os.Stderr, "fleet: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files (%d bytes): %d servers, %d workloads, %d gateways\n", sum.Files, sum.Bytes, sum.Servers, sum.Workloads, sum.Gateways)
}
