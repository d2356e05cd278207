package view

// Fingerprint is the finding's stable identity (assess.Fingerprint): the same
// in every run and in every format.
func (f Finding) Fingerprint() string {
	if f.fingerprint != "" {
		return f.fingerprint
	}
	return f.Eval.Fingerprint()
}

// ID is the finding's short, human-quotable ID, e.g. TG-3F2A9C01B7.
func (f Finding) ID() string {
	if f.id != "" {
		return f.id
	}
	return f.Eval.FindingID()
}
