package collectors

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/canary"
)

// TestSecretsPastedAsNamesNeverLeak collects every placement of a secret
// where a name belongs, in each family of formats: the subjects of the kind
// the family yields are read, carry the name redacted, and no needle
// survives in any subject (diagnostics included), artifact record or stored
// copy.
func TestSecretsPastedAsNamesNeverLeak(t *testing.T) {
	families := []struct {
		name       string
		kind       evidence.Kind
		placements []canary.Placement
	}{
		{"gateway", "", canary.GatewayNamePlacements()},
		{"kubernetes", evidence.KindWorkload, canary.KubernetesNamePlacements()},
		{"tools", evidence.KindTool, canary.ToolNamePlacements()},
	}
	for _, fam := range families {
		for _, p := range fam.placements {
			t.Run(fam.name+"/"+p.Name, func(t *testing.T) {
				dir := t.TempDir()
				writeFile(t, filepath.Join(dir, filepath.FromSlash(p.File)), p.Content)
				res, err := Collect(context.Background(), Request{Paths: []string{dir}, Now: fixedNow, Version: "test"})
				if err != nil {
					t.Fatal(err)
				}
				blobs := map[string][]byte{}
				redactedName := false
				for _, s := range res.Subjects {
					m := s.Metadata()
					data, err := json.Marshal(s)
					if err != nil {
						t.Fatal(err)
					}
					blobs["subject "+m.ID] = data
					switch m.Kind {
					case evidence.KindSource:
					case evidence.KindGateway, evidence.KindServer:
						redactedName = redactedName || fam.kind == "" && strings.Contains(m.Name, "[REDACTED:")
					default:
						redactedName = redactedName || m.Kind == fam.kind && strings.Contains(m.Name, "[REDACTED:")
					}
				}
				if !redactedName {
					t.Errorf("no subject of the %s family with its name redacted: the placement is not read", fam.name)
				}
				records, err := json.Marshal(res.Artifacts)
				if err != nil {
					t.Fatal(err)
				}
				blobs["artifact records"] = records
				for name, data := range res.Files {
					blobs["stored "+name] = data
				}
				for what, data := range blobs {
					if leaks := canary.Leaks(data, p.Needles); len(leaks) > 0 {
						t.Errorf("%v survive in the %s:\n%s", leaks, what, data)
					}
				}
			})
		}
	}
}
