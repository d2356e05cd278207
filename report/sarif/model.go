package sarif

// The subset of the SARIF 2.1.0 object model Tollgate writes.

type log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []run  `json:"runs"`
}

type run struct {
	Tool              tool               `json:"tool"`
	Invocations       []invocation       `json:"invocations"`
	Artifacts         []artifact         `json:"artifacts,omitempty"`
	Results           []result           `json:"results"`
	AutomationDetails *automationDetails `json:"automationDetails,omitempty"`
}

type automationDetails struct {
	ID string `json:"id"`
}

type tool struct {
	Driver driver `json:"driver"`
}

type driver struct {
	Name           string `json:"name"`
	Version        string `json:"version,omitempty"`
	InformationURI string `json:"informationUri"`
	Rules          []rule `json:"rules"`
}

type rule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     message        `json:"shortDescription"`
	FullDescription      message        `json:"fullDescription"`
	Help                 markdownText   `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration config         `json:"defaultConfiguration"`
	Properties           ruleProperties `json:"properties"`
}

type config struct {
	Level string `json:"level"`
}

type ruleProperties struct {
	Tags []string `json:"tags"`
	// SecuritySeverity is absent for informational rules.
	SecuritySeverity string `json:"security-severity,omitempty"`
	Precision        string `json:"precision"`
	ProblemSeverity  string `json:"problem.severity"`
	// Requirements are the framework requirements the rule supports, as
	// framework:requirement.
	Requirements []string `json:"requirements,omitempty"`
}

type message struct {
	Text string `json:"text"`
}

type markdownText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []notification `json:"toolExecutionNotifications,omitempty"`
}

type notification struct {
	Level   string  `json:"level"`
	Message message `json:"message"`
	// AssociatedRule names the rule (control) the notification is about;
	// descriptor would name a notification descriptor, which Tollgate has none of.
	AssociatedRule *reportingRef  `json:"associatedRule,omitempty"`
	Locations      []location     `json:"locations,omitempty"`
	Properties     map[string]any `json:"properties,omitempty"`
}

type reportingRef struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

type artifact struct {
	Location artifactLoc       `json:"location"`
	Length   int64             `json:"length,omitempty"`
	Hashes   map[string]string `json:"hashes,omitempty"`
}

type artifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type result struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             message           `json:"message"`
	Locations           []location        `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []suppression     `json:"suppressions,omitempty"`
	// BaselineState is "new" or "unchanged" when the run has a baseline.
	BaselineState string         `json:"baselineState,omitempty"`
	Properties    map[string]any `json:"properties,omitempty"`
}

type location struct {
	PhysicalLocation *physicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []logicalLocation `json:"logicalLocations,omitempty"`
}

type physicalLocation struct {
	ArtifactLocation artifactLoc `json:"artifactLocation"`
	Region           *region     `json:"region,omitempty"`
}

type region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type logicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type suppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}
