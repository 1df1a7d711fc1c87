package npb

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// reference.json is ../shared/npb/reference.json of the project: the class
// parameters and official verification values of NPB 3.4, as data.
//
//go:embed reference.json
var referenceJSON []byte

type refKernel struct {
	CommonParams     json.RawMessage            `json:"common_params"`
	SolverConstants  json.RawMessage            `json:"solver_constants"`
	VerificationRule json.RawMessage            `json:"verification_rule"`
	Classes          map[string]json.RawMessage `json:"classes"`
}

// refKernels decodes the embedded reference data once.
var refKernels = sync.OnceValues(func() (map[string]refKernel, error) {
	var doc struct {
		Kernels map[string]refKernel `json:"kernels"`
	}
	if err := json.Unmarshal(referenceJSON, &doc); err != nil {
		return nil, fmt.Errorf("npb: reference data: %w", err)
	}
	return doc.Kernels, nil
})

func refKernelFor(kernel string) (refKernel, error) {
	ks, err := refKernels()
	if err != nil {
		return refKernel{}, err
	}
	k, ok := ks[strings.ToUpper(kernel)]
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

// HasReference reports whether reference.json has values for a kernel's
// class.
func HasReference(kernel string, c Class) bool {
	k, err := refKernelFor(kernel)
	if err != nil {
		return false
	}
	_, ok := k.Classes[c.String()]
	return ok
}

// ClassParams decodes the reference entry of one kernel and class into a
// value of type T: the one typed accessor every kernel reads its class
// parameters and verification values through.
func ClassParams[T any](kernel string, c Class) (T, error) {
	var v T
	err := Reference(kernel, c, &v)
	return v, err
}

// SolverConstants decodes a kernel's solver_constants object (SP, BT, LU:
// the ce table of the exact solution and the flow constants) into dst.
func SolverConstants(kernel string, dst any) error {
	k, err := refKernelFor(kernel)
	if err != nil {
		return err
	}
	if len(k.SolverConstants) == 0 {
		return fmt.Errorf("npb: no solver constants for %s", kernel)
	}
	if err := json.Unmarshal(k.SolverConstants, dst); err != nil {
		return fmt.Errorf("npb: solver constants of %s: %w", kernel, err)
	}
	return nil
}
