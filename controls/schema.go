package controls

import "github.com/hashicorp/hcl/v2"

// Block and attribute schemas of the catalog format.
var (
	fileSchema = &hcl.BodySchema{
		Blocks: []hcl.BlockHeaderSchema{
			{Type: "risk", LabelNames: []string{"id"}},
			{Type: "control", LabelNames: []string{"id"}},
		},
	}

	riskSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "title", Required: true},
			{Name: "description", Required: true},
		},
	}

	controlSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "title", Required: true},
			{Name: "family", Required: true},
			{Name: "severity", Required: true},
			{Name: "risks", Required: true},
			{Name: "subject", Required: true},
			{Name: "description", Required: true},
			{Name: "remediation", Required: true},
			{Name: "references"},
			{Name: "manual"},
			{Name: "automated_by"},
			{Name: "guidance"},
			{Name: "when"},
			{Name: "check"},
			{Name: "message"},
			{Name: "credit"},
		},
		Blocks: []hcl.BlockHeaderSchema{
			{Type: "example", LabelNames: []string{"name"}},
		},
	}

	exampleSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "expect", Required: true},
			{Name: "subject", Required: true},
		},
	}
)
