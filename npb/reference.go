package npb

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// reference.json is ../shared/npb/reference.json of the project: the class
// parameters and official verification values of NPB 3.4, as data.
//
//go:embed reference.json
var referenceJSON []byte

type refKernel struct {
	CommonParams     json.RawMessage            `json:"common_params"`
	VerificationRule json.RawMessage            `json:"verification_rule"`
	Classes          map[string]json.RawMessage `json:"classes"`
}

var refKernels map[string]refKernel

func refKernelFor(kernel string) (refKernel, error) {
	if refKernels == nil {
		var doc struct {
			Kernels map[string]refKernel `json:"kernels"`
		}
		if err := json.Unmarshal(referenceJSON, &doc); err != nil {
			return refKernel{}, fmt.Errorf("npb: reference data: %w", err)
		}
		refKernels = doc.Kernels
	}
	k, ok := refKernels[strings.ToUpper(kernel)]
	if !ok {
		return refKernel{}, fmt.Errorf("npb: no reference data for %s", kernel)
	}
	return k, nil
}

// Reference decodes the reference entry of one kernel and class (the object
// under kernels.<K>.classes.<C> in reference.json, with "params" and
// "verification") into dst.
func Reference(kernel string, c Class, dst any) error {
	k, err := refKernelFor(kernel)
	if err != nil {
		return err
	}
	raw, ok := k.Classes[c.String()]
	if !ok {
		return fmt.Errorf("npb: no reference values for %s class %s", strings.ToUpper(kernel), c)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("npb: reference values for %s class %s: %w", strings.ToUpper(kernel), c, err)
	}
	return nil
}

// ReferenceEpsilon is the verification tolerance of a kernel
// (verification_rule.epsilon.value), 0 if it has none (IS is exact).
func ReferenceEpsilon(kernel string) (float64, error) {
	k, err := refKernelFor(kernel)
	if err != nil {
		return 0, err
	}
	var rule struct {
		Epsilon struct {
			Value float64 `json:"value"`
		} `json:"epsilon"`
	}
	if err := json.Unmarshal(k.VerificationRule, &rule); err != nil {
		return 0, fmt.Errorf("npb: verification rule of %s: %w", kernel, err)
	}
	return rule.Epsilon.Value, nil
}
