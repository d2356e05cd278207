package probe

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// Policy says which addresses the probe may connect to. Link-local and
// cloud metadata addresses are always refused; private ranges only when
// AllowPrivate is set; loopback is always allowed.
type Policy struct {
	AllowPrivate bool
}

// ErrRefusedAddress is returned for a destination the policy forbids.
var ErrRefusedAddress = errors.New("address refused by probe policy")

// metadataAddrs are cloud instance-metadata services reachable on
// non-link-local addresses.
var metadataAddrs = map[netip.Addr]string{
	netip.MustParseAddr("100.100.100.200"): "Alibaba Cloud metadata",
	netip.MustParseAddr("fd00:ec2::254"):   "AWS metadata (IPv6)",
	netip.MustParseAddr("192.0.0.192"):     "Oracle Cloud metadata",
}

// metadataHosts are names of metadata services, refused before resolution.
var metadataHosts = []string{"metadata.google.internal", "metadata.goog", "metadata.azure.com", "instance-data", "metadata"}

var (
	cgnat        = netip.MustParsePrefix("100.64.0.0/10")
	benchmarking = netip.MustParsePrefix("198.18.0.0/15")
	nat64        = netip.MustParsePrefix("64:ff9b::/96")
)

// CheckHost refuses host names of metadata services, before any lookup.
func (p Policy) CheckHost(host string) error {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	for _, m := range metadataHosts {
		if h == m {
			return fmt.Errorf("%s: %w (cloud metadata service)", host, ErrRefusedAddress)
		}
	}
	if addr, err := netip.ParseAddr(strings.Trim(h, "[]")); err == nil {
		return p.CheckAddr(addr)
	}
	return nil
}

// CheckAddr judges one resolved address.
func (p Policy) CheckAddr(addr netip.Addr) error {
	addr = addr.Unmap()
	if nat64.Contains(addr) {
		// A NAT64 address embeds an IPv4 one: judge that.
		b := addr.As16()
		addr = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	if what, ok := metadataAddrs[addr]; ok {
		return fmt.Errorf("%s: %w (%s)", addr, ErrRefusedAddress, what)
	}
	switch {
	case addr.IsLoopback():
		return nil
	case addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast():
		return fmt.Errorf("%s: %w (link-local, where cloud metadata services live)", addr, ErrRefusedAddress)
	case addr.IsUnspecified() || addr.IsMulticast() || addr.IsInterfaceLocalMulticast():
		return fmt.Errorf("%s: %w (not a unicast address)", addr, ErrRefusedAddress)
	case addr.IsPrivate() || cgnat.Contains(addr) || benchmarking.Contains(addr):
		if !p.AllowPrivate {
			return fmt.Errorf("%s: %w (private network; use --probe-private to allow)", addr, ErrRefusedAddress)
		}
	}
	return nil
}

// IsLoopbackHost reports whether host is localhost or a loopback address.
func IsLoopbackHost(host string) bool {
	h := strings.Trim(strings.ToLower(host), "[]")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	addr, err := netip.ParseAddr(h)
	return err == nil && addr.Unmap().IsLoopback()
}

// IsPrivateHost reports whether host is a literal private-range address.
func IsPrivateHost(host string) bool {
	addr, err := netip.ParseAddr(strings.Trim(host, "[]"))
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	return addr.IsPrivate() || cgnat.Contains(addr) || addr.IsLinkLocalUnicast()
}

// dialer returns a dialer that checks every address it connects to, after
// resolution, so a name that resolves (or rebinds) to a forbidden address
// is refused too.
func (p Policy) dialer() *net.Dialer {
	return &net.Dialer{
		Control: func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return fmt.Errorf("probe dial %s: %w", address, err)
			}
			addr, err := netip.ParseAddr(host)
			if err != nil {
				return fmt.Errorf("probe dial %s: %w", address, err)
			}
			return p.CheckAddr(addr)
		},
	}
}

// dialContext checks the host name, then dials with the checking dialer.
func (p Policy) dialContext(d *net.Dialer) func(ctx context.Context, network, address string) (net.Conn, error) {
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return nil, err
		}
		if err := p.CheckHost(host); err != nil {
			return nil, err
		}
		return d.DialContext(ctx, network, address)
	}
}
