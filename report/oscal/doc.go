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
// observation records a control judged against every applicable subject,
// each subject listed as a subject reference carrying its own verdict (prop
// "verdict") and message. This keeps the document proportional to the
// catalog rather than to the fleet (50,000 server declarations would
// otherwise yield millions of observations per framework) while keeping the
// verdict of every pair machine-readable. A control judged once for the
// deployment as a whole (a manual control and its attestation) has no
// subject: its verdict and message are recorded on the observation itself.
package oscal

import oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

// NS is the namespace of Tollgate's OSCAL properties and parts.
const NS = "https://tollgate.dev/ns/oscal"

// Version is the OSCAL version of every document this package writes.
const Version = oscalTypes.Version
