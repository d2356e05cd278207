// Package gateway collects MCP gateways: the configuration of each product
// (one file per product, fmt_*.go) is read into one normalized gateway
// subject, plus a server subject for every MCP server the gateway fronts,
// linked to it.
//
// File formats are analyzers offered every file of the shared walk
// (collectors/files); Kubernetes custom resources and Helm values of gateway
// products are interpreters the Kubernetes collector runs over every set of
// objects it reads (collectors/kubeobj), so files and live clusters give the
// same subjects.
//
// Every reader fills facts a configuration leaves unset with the product's
// documented default, reports settings the product would reject (it then
// refuses the whole file) or ignore, and classifies every credential it
// reads, handing raw values to the redactor of the stored copy.
package gateway
