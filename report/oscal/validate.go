package oscal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/defenseunicorns/go-oscal/src/pkg/validation"
	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"
)

// maxReported bounds how many schema violations an error message lists.
const maxReported = 5

// encode marshals a document and validates it against the OSCAL 1.1.3
// schema; it returns the indented JSON only when the document is valid.
func encode(doc oscalTypes.OscalModels) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode OSCAL document: %w", err)
	}
	if err := Validate(buf.Bytes()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Validate checks an OSCAL JSON document against the OSCAL 1.1.3 schema with
// go-oscal and returns an error naming the first violations.
func Validate(data []byte) error {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("validate OSCAL document: %w", err)
	}
	v, err := validation.NewValidatorDesiredVersion(doc, Version)
	if err != nil {
		return fmt.Errorf("validate OSCAL document: %w", err)
	}
	if verr := v.Validate(); verr != nil {
		res, rerr := v.GetValidationResult()
		if rerr != nil || len(res.Errors) == 0 {
			return fmt.Errorf("OSCAL document is not valid OSCAL %s: %w", Version, verr)
		}
		var msgs []string
		for i, e := range res.Errors {
			if i == maxReported {
				msgs = append(msgs, fmt.Sprintf("and %d more", len(res.Errors)-maxReported))
				break
			}
			msgs = append(msgs, fmt.Sprintf("%s: %s", e.InstanceLocation, e.Error))
		}
		return errors.New("OSCAL document is not valid OSCAL " + Version + ": " + strings.Join(msgs, "; "))
	}
	return nil
}
