package policy

import (
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestAddToBundle: the policy's files become artifacts of the bundle, with
// their hashes, replacing those of the policy an earlier assessment stored;
// the collected files stay, and the bundle still encodes.
func TestAddToBundle(t *testing.T) {
	p := loadText(t, "package policy\napproved: time: {package: {ecosystem: \"pypi\", name: \"mcp-server-time\"}, owner: \"it\"}\n")
	b := &evidence.Bundle{
		Artifacts: []evidence.Artifact{
			{Path: ".mcp.json", BundlePath: "artifacts/.mcp.json", SHA256: "a", Format: "claude-code/.mcp.json", Size: 2},
			{Path: "laptop-7/tollgate-policy/old.cue", BundlePath: "artifacts/laptop-7/tollgate-policy/old.cue", SHA256: "b", Format: Format, Size: 3},
		},
		Files: map[string][]byte{"artifacts/.mcp.json": []byte("{}"), "artifacts/laptop-7/tollgate-policy/old.cue": []byte("old")},
	}
	p.AddToBundle(b)
	if len(b.Artifacts) != 2 || b.Artifacts[0].Path != ".mcp.json" || b.Artifacts[1].Path != "tollgate-policy/policy.cue" {
		t.Fatalf("artifacts %+v", b.Artifacts)
	}
	a := b.Artifacts[1]
	if a.SHA256 != p.Files[0].SHA256 || a.RedactedSHA256 != a.SHA256 || string(b.Files[a.BundlePath]) != string(p.Files[0].Data) {
		t.Errorf("policy artifact %+v", a)
	}
	if _, ok := b.Files["artifacts/laptop-7/tollgate-policy/old.cue"]; ok {
		t.Error("the earlier policy's file is still in the bundle")
	}
	if _, err := evidence.EncodeBundle(b); err != nil {
		t.Errorf("the bundle no longer encodes: %v", err)
	}
}
