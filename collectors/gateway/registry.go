package gateway

import "github.com/tollgate-dev/tollgate/collectors/files"

// formats lists the file formats in recognition order: more specific first.
var formats = []*format{
	agentgatewayFormat,
	dockerCatalogFormat,
	kongYAMLFormat,
	kongJSONFormat,
	nginxTemplateFormat,
	nginxFormat,
	contextforgeEnvFormat,
	composeFormat,
}

// Analyzers returns one analyzer per gateway file format, in recognition
// order.
func Analyzers() []files.Analyzer {
	out := make([]files.Analyzer, len(formats))
	for i, f := range formats {
		out[i] = analyzer{f}
	}
	return out
}
