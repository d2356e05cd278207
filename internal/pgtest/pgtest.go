// Package pgtest gives tests a real PostgreSQL server. It uses the server
// named by the TOLLGATE_TEST_POSTGRES environment variable (the URL of a
// role that may create databases), or else starts a private cluster from
// the PostgreSQL binaries installed on the machine (Debian's postgresql
// package): in a temporary folder, listening on a free loopback port only,
// run as an unprivileged user when the tests run as root. Each test gets a
// new, empty database. Tests skip when neither is available.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// EnvVar names the environment variable holding an existing server's URL.
const EnvVar = "TOLLGATE_TEST_POSTGRES"

var (
	once    sync.Once
	admin   string // URL of a role that may create databases
	private *cluster
	skip    string // why no server is available
	counter atomic.Int64
)

// DSN returns the URL of a new, empty database for the test, dropped when
// the test ends. It skips the test when no PostgreSQL server is available.
func DSN(t testing.TB) string {
	t.Helper()
	once.Do(setUp)
	if skip != "" {
		t.Skip(skip)
	}
	name := fmt.Sprintf("tollgate_test_%d_%d", os.Getpid(), counter.Add(1))
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// Stop stops the private cluster, if one was started, and removes its
// folder. Call it from TestMain after the tests ran.
func Stop() {
	if private != nil {
		private.stop()
		private = nil
	}
}

func setUp() {
	if dsn := os.Getenv(EnvVar); dsn != "" {
		admin = dsn
		return
	}
	bin := binDir()
	if bin == "" {
		skip = "PostgreSQL is not installed (apt-get install postgresql) and " + EnvVar + " is not set"
		return
	}
	c, err := start(bin)
	if err != nil {
		skip = "cannot start a private PostgreSQL cluster: " + err.Error()
		return
	}
	private = c
	admin = fmt.Sprintf("postgres://tollgate@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// binDir finds the folder of initdb and pg_ctl: the newest version under
// /usr/lib/postgresql, or the PATH.
func binDir() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return vb - va
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d
		}
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p)
	}
	return ""
}

// cluster is a private PostgreSQL cluster.
type cluster struct {
	bin, dir string
	port     int
	// as runs the server's binaries as an unprivileged user when we are root.
	as []string
}

func start(bin string) (*cluster, error) {
	dir, err := os.MkdirTemp("", "tollgate-pg-*")
	if err != nil {
		return nil, err
	}
	c := &cluster{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		if err := c.dropPrivileges(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := c.run("initdb", "-D", data, "-U", "tollgate", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, lastLines(out))
	}
	var lastErr error
	for range 3 {
		port, err := freePort()
		if err != nil {
			lastErr = err
			continue
		}
		opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off", port, dir)
		out, err := c.run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "-o", opts, "start")
		if err == nil {
			c.port = port
			return c, nil
		}
		lastErr = fmt.Errorf("pg_ctl start: %v: %s", err, lastLines(out))
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

// dropPrivileges makes the cluster run as the postgres user (or nobody):
// PostgreSQL refuses to run as root.
func (c *cluster) dropPrivileges() error {
	runuser, err := exec.LookPath("runuser")
	if err != nil {
		return fmt.Errorf("running as root and runuser is missing: %w", err)
	}
	var u *user.User
	for _, name := range []string{"postgres", "nobody"} {
		if u, err = user.Lookup(name); err == nil {
			break
		}
	}
	if u == nil {
		return fmt.Errorf("running as root and no postgres or nobody user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chmod(c.dir, 0o700); err != nil {
		return err
	}
	if err := os.Chown(c.dir, uid, gid); err != nil {
		return err
	}
	c.as = []string{runuser, "-u", u.Username, "--"}
	return nil
}

func (c *cluster) run(tool string, args ...string) ([]byte, error) {
	argv := append(append(slices.Clone(c.as), filepath.Join(c.bin, tool)), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd.CombinedOutput()
}

func (c *cluster) stop() {
	c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "fast", "-w", "-t", "60", "stop")
	os.RemoveAll(c.dir)
}

// freePort returns a loopback port nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func lastLines(out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.Join(lines[max(0, len(lines)-5):], " | ")
}
