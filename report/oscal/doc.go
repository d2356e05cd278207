// Package oscal writes Tollgate results as OSCAL 1.1.3 documents built with
// the go-oscal types: assessment results (one result per framework assessed),
// a plan of action and milestones for the failures still open and those
// accepted under waivers, and exports of the control catalog as an OSCAL catalog and as a component
// definition linking the MCP controls to the framework requirements they
// implement. Every document is validated against the OSCAL schema before a
// single byte is returned, and is deterministic: UUIDs are version-5 UUIDs
// derived from content, lists are sorted, and every timestamp comes from the
// caller.
//
// Observations are made per control, not per control × subject: one
// observation records a control judged against its applicable subjects,
// and lists as subject references only those that need attention (failed,
// waived, could not be evaluated, await an attestation), each carrying its
// verdict (prop "verdict") and message. The subjects that passed are
// counted in props ("pass", next to every other verdict and
// "not-applicable"), and the observation's relevant evidence names the
// artifacts behind the listed subjects, with hashes, and the evidence
// bundle's manifest, which holds every subject and artifact. A result's
// inventory describes only the subjects its observations list. Since OSCAL
// gives each result its own observations and inventory, and a result is
// written per framework, listing passing pairs too would make the document
// grow with fleet × catalog × frameworks: for 3,000 configuration files
// declaring 10,000 servers, listing every pair takes 1.4 GB, listing what
// needs attention about 120 MB. results.json keeps every pair's verdict. A control judged
// once for the deployment as a whole (a manual control and its attestation)
// has no subject: its verdict and message are recorded on the observation
// itself.
//
// Documents are laid out with small objects (properties, links, hashes) on
// one line, and validated against the OSCAL 1.1.3 complete schema compiled
// once per process.
package oscal

import oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

// NS is the namespace of Tollgate's OSCAL properties and parts.
const NS = "https://tollgate.dev/ns/oscal"

// Version is the OSCAL version of every document this package writes.
const Version = oscalTypes.Version
