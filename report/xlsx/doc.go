// Package xlsx writes the auditor workbook: a Summary sheet with a chart,
// a Trend sheet with charts when the run has a history (satisfied share per
// framework and failures by severity, run by run), one sheet per framework, Findings, Evidence, Inventory and Waivers. The
// sheets and their columns come from a versioned profile (templates/workbook);
// every sheet has a frozen header row, an autofilter, set column widths, rows
// tall enough for their wrapped text, and prints landscape one page wide
// with the header row repeated; status cells are coloured (satisfied green,
// not satisfied red, not assessed grey, manual amber, error orange).
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
