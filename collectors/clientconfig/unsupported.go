package clientconfig

import (
	"bytes"
	"path"
	"regexp"
)

// family is a non-client MCP file that another collector reads.
type family struct {
	// format names what the file is, e.g. "agentgateway/config.yaml".
	format string
	// collector is the collector family that reads it.
	collector string
}

// unsupportedRule recognises one kind of non-client MCP file by its text,
// so that even a file that does not parse is recognised.
type unsupportedRule struct {
	family
	match func(p string, data, lower []byte) bool
}

var (
	reAPIVersion    = regexp.MustCompile(`(?m)^apiVersion:\s*\S`)
	reKind          = regexp.MustCompile(`(?m)^kind:\s*\S`)
	reServices      = regexp.MustCompile(`(?m)^services:\s*$`)
	reBinds         = regexp.MustCompile(`(?m)^binds:\s*$`)
	reMCPTargets    = regexp.MustCompile(`(?m)^mcp:\s*$[\s\S]*^\s+targets:`)
	reRegistry      = regexp.MustCompile(`(?m)^registry:\s*$`)
	reKongFormat    = regexp.MustCompile(`(?m)^_format_version:`)
	reHelmValues    = regexp.MustCompile(`(^|[_/])values([-_.][^/]*)?\.ya?ml$`)
	reComposeName   = regexp.MustCompile(`(^|[_/])(docker-)?compose([-_.][^/]*)?\.ya?ml$`)
	reModelList     = regexp.MustCompile(`(?m)^(model_list|general_settings|litellm_settings):`)
	reLiteLLMMCP    = regexp.MustCompile(`(?m)^mcp_(builtin_)?servers:`)
	reChartPath     = regexp.MustCompile(`(^|[_/])(helm|charts?)([-_/]|$)`)
	reImageRepo     = regexp.MustCompile(`(?m)^image:\s*$[\s\S]*?^\s+repository:`)
	reCedarAuthz    = regexp.MustCompile(`"type"\s*:\s*"cedarv1"`)
	unsupportedList = []unsupportedRule{
		{family{"agentgateway/config", "gateway"}, func(p string, data, lower []byte) bool {
			return bytes.Contains(lower, []byte("agentgateway.dev")) || reBinds.Match(data) || reMCPTargets.Match(data) ||
				(pathHas(p, "agentgateway") && isYAMLPath(p))
		}},
		{family{"toolhive/manifest", "gateway"}, func(p string, data, lower []byte) bool {
			return bytes.Contains(lower, []byte("toolhive.stacklok.dev"))
		}},
		{family{"litellm/config", "gateway"}, func(p string, data, lower []byte) bool {
			return reModelList.Match(data) && reLiteLLMMCP.Match(data)
		}},
		{family{"toolhive/authz-config", "gateway"}, func(p string, data, lower []byte) bool {
			return reCedarAuthz.Match(data)
		}},
		{family{"docker-compose", "gateway"}, func(p string, data, lower []byte) bool {
			return (reServices.Match(data) || reComposeName.MatchString(p)) && bytes.Contains(lower, []byte("mcp"))
		}},
		{family{"docker-mcp/catalog", "gateway"}, func(p string, data, lower []byte) bool {
			return reRegistry.Match(data) && bytes.Contains(lower, []byte("mcp"))
		}},
		{family{"kong/declarative", "gateway"}, func(p string, data, lower []byte) bool {
			return reKongFormat.Match(data) && bytes.Contains(lower, []byte("mcp"))
		}},
		{family{"kubernetes/manifest", "kubernetes"}, func(p string, data, lower []byte) bool {
			return reAPIVersion.Match(data) && reKind.Match(data) && bytes.Contains(lower, []byte("mcp"))
		}},
		{family{"helm/values", "kubernetes"}, func(p string, data, lower []byte) bool {
			return (reHelmValues.MatchString(p) || (reChartPath.MatchString(p) && reImageRepo.Match(data))) &&
				bytes.Contains(lower, []byte("mcp"))
		}},
	}
)

// isYAMLPath reports whether p has a YAML extension.
func isYAMLPath(p string) bool {
	ext := path.Ext(p)
	return ext == ".yaml" || ext == ".yml"
}

// recognizeUnsupported returns the family of a non-client MCP file, or nil.
func recognizeUnsupported(p string, data []byte) *family {
	ext := path.Ext(p)
	if ext != ".yaml" && ext != ".yml" && ext != ".json" {
		return nil
	}
	lower := bytes.ToLower(data)
	for i := range unsupportedList {
		if unsupportedList[i].match(p, data, lower) {
			return &unsupportedList[i].family
		}
	}
	return nil
}
