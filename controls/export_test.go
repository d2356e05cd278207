package controls

// LinkedFieldName exposes linkedField to external tests.
const LinkedFieldName = linkedField
