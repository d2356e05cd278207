package mappings

// Coverage states of a framework requirement.
const (
	CoverageAutomated = "automated" // at least one automated control maps to it
	CoverageManual    = "manual"    // only manual (attested) controls map to it
	CoverageUncovered = "uncovered" // no control of the catalog maps to it
)

// RequirementCoverage says how one requirement is covered by the catalog.
type RequirementCoverage struct {
	Requirement Requirement `json:"requirement"`
	// Status is automated, manual or uncovered.
	Status string `json:"status"`
	// Automated and Manual are the ids of the controls mapped to the
	// requirement, sorted.
	Automated []string `json:"automated,omitempty"`
	Manual    []string `json:"manual,omitempty"`
}

// FrameworkCoverage is the coverage of every requirement of one framework.
type FrameworkCoverage struct {
	Framework    *Framework            `json:"framework"`
	Requirements []RequirementCoverage `json:"requirements"`
	Automated    int                   `json:"automated"`
	Manual       int                   `json:"manual"`
	Uncovered    int                   `json:"uncovered"`
}

// Total is the number of requirements of the framework.
func (c FrameworkCoverage) Total() int { return c.Automated + c.Manual + c.Uncovered }

// Coverage computes, for every framework of set (sorted by id) and each of
// its requirements (in declaration order), whether the catalog covers it.
// controls maps each control id of the catalog to whether it is manual;
// links to controls not in it are ignored.
func Coverage(set *Set, controls map[string]bool) []FrameworkCoverage {
	out := make([]FrameworkCoverage, 0, len(set.Frameworks))
	for _, fw := range set.Frameworks {
		fc := FrameworkCoverage{Framework: fw}
		for _, r := range fw.Requirements {
			rc := RequirementCoverage{Requirement: r, Status: CoverageUncovered}
			for _, l := range set.LinksTo(fw.ID, r.ID) {
				manual, ok := controls[l.Control]
				switch {
				case !ok:
				case manual:
					rc.Manual = append(rc.Manual, l.Control)
				default:
					rc.Automated = append(rc.Automated, l.Control)
				}
			}
			switch {
			case len(rc.Automated) > 0:
				rc.Status = CoverageAutomated
				fc.Automated++
			case len(rc.Manual) > 0:
				rc.Status = CoverageManual
				fc.Manual++
			default:
				fc.Uncovered++
			}
			fc.Requirements = append(fc.Requirements, rc)
		}
		out = append(out, fc)
	}
	return out
}
