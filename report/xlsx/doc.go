// Package xlsx writes the auditor workbook: a Cover (scope, date, parties,
// gate, methodology, legend), a Summary sheet with a chart, a Trend sheet
// with charts when the run has a history (per framework the met share of
// assessed requirements, and failures by severity, run by run), one sheet
// per framework, Findings, Evidence, Inventory and Waivers. The sheets and
// their columns come from a versioned profile (templates/workbook); every
// sheet has a frozen header row, an autofilter, set column widths, rows tall
// enough for their wrapped text, and prints landscape with the header row
// repeated, one page wide when its columns fit a page legibly; status cells
// are coloured (met green, not met red, deviation approved blue, not
// assessed grey, awaiting attestation amber, error orange).
//
// Fields a profile may use, per sheet kind ("blank" is always allowed):
//
//	summary:   framework.id framework.title framework.version requirements
//	           satisfied not_satisfied waived not_assessed manual error satisfied_pct
//	framework: requirement.id requirement.title requirement.group status
//	           reason controls evidence hashes waivers
//	findings:  id control.id control.title severity subject.id subject.name
//	           subject.kind location asset message reasons remediation
//	           requirements risks status poam_status source detected
//	           status_date baseline waiver.id waiver.owner waiver.expires waiver.justification
//	evidence:  artifact.path bundle_path format size sha256 redacted_sha256 subjects
//	inventory: subject.id subject.kind subject.name client format scope
//	           transport location collector package endpoint source_status failures
//	waivers:   waiver.id control.id subjects justification owner approved_by
//	           expires status matched location
package xlsx
