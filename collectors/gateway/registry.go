package gateway

import (
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
)

// formats lists the file formats in recognition order: more specific first.
var formats = []*format{
	agentgatewayFormat,
	dockerCatalogFormat,
	kongYAMLFormat,
	kongJSONFormat,
	nginxTemplateFormat,
	nginxFormat,
	litellmFormat,
	toolhiveAuthzFormat,
	toolhiveAuthzYAMLFormat,
	toolhiveProfileFormat,
	vmcpFormat,
	contextforgeEnvFormat,
	composeFormat,
}

// Analyzers returns one analyzer per gateway file format, in recognition
// order, without a builder for the Kubernetes objects Terraform modules
// create (see AnalyzersWith).
func Analyzers() []files.Analyzer { return AnalyzersWith(nil) }

// AnalyzersWith returns the analyzers with kube, the Kubernetes collector's
// builder, for the workloads of Terraform's kubernetes_* resources.
func AnalyzersWith(kube kubeobj.SetBuilder) []files.Analyzer {
	out := make([]files.Analyzer, len(formats), len(formats)+1)
	for i, f := range formats {
		out[i] = analyzer{f}
	}
	// Terraform modules: the .tf files of a folder read together.
	return append(out, &terraformAnalyzer{kube: kube})
}

// Interpreters returns the readers of gateway products' Kubernetes custom
// resources, for the Kubernetes collector to run over every set of objects
// it reads (files, charts, kustomizations, live clusters).
func Interpreters() []kubeobj.Interpreter {
	return []kubeobj.Interpreter{ToolHiveInterpreter{}, EnvoyAIGatewayInterpreter{}, MicrosoftMCPGatewayInterpreter{}, KmcpInterpreter{}}
}

// ValuesInterpreters returns the readers of gateway products' Helm values.
func ValuesInterpreters() []kubeobj.ValuesInterpreter {
	return []kubeobj.ValuesInterpreter{ContextForgeValues{}}
}
