package cg

import (
	"fmt"
	"math"

	"npbgo/npb"
)

// CGItMax is the number of CG steps per outer iteration (conj_grad's
// cgitmax); the message-passing form (npb/cgmpi) shares it.
const CGItMax = 25

// ClassData are one class's problem parameters (setparams.c for CG) and its
// reference zeta, decoded from the kernel's entry in reference.json.
type ClassData struct {
	Params struct {
		Na     int     `json:"na"`
		Nonzer int     `json:"nonzer"`
		Niter  int     `json:"niter"`
		Shift  float64 `json:"shift"`
		Rcond  float64 `json:"rcond"`
		Nz     int64   `json:"nz_array_size"`
	} `json:"params"`
	Verification struct {
		Zeta struct {
			Value float64 `json:"value"`
		} `json:"zeta_verify_value"`
	} `json:"verification"`
}

// ReadClass reads class c's parameters and reference zeta; npb/cgmpi
// reads them here too.
func ReadClass(c npb.Class) (*ClassData, error) {
	pr, err := npb.ClassParams[ClassData]("CG", c)
	if err != nil {
		return nil, fmt.Errorf("cg: %w", err)
	}
	p := &pr.Params
	if p.Na <= 0 || p.Nonzer <= 0 || p.Niter <= 0 || pr.Verification.Zeta.Value == 0 {
		return nil, fmt.Errorf("cg: incomplete reference parameters for class %s", c)
	}
	// Column indices, and makea's element numbers (below na·(nonzer+1)),
	// are int32.
	if int64(p.Na)*int64(p.Nonzer+1) > math.MaxInt32 {
		return nil, fmt.Errorf("cg: class %s: %d rows of %d vector elements, more than int32 element numbers hold", c, p.Na, p.Nonzer+1)
	}
	return &pr, nil
}

// memory estimates the peak bytes of class c on np places: the matrix
// (value and int32 column per entry, int64 row pointers), makea's element
// lists (a value and two int32 indices per vector element) and each
// place's scratch row (a value and a mark per column), and the vectors:
// x, z, q, r and each place's p.
func memory(c npb.Class, np int) int64 {
	pr, err := ReadClass(c)
	if err != nil {
		return 0
	}
	p := pr.Params
	na, w, n := int64(p.Na), int64(p.Nonzer+1), int64(max(np, 1))
	return pr.entries()*12 + na*8 + na*w*(8+4+4) + na*(4+8) + n*na*12 + (4+n)*na*8
}

// entries estimates the matrix's nonzeros: each of the na vectors adds
// the (nonzer+1)² entries of its outer product, but its nonzer+1 diagonal
// ones fall on the na diagonal entries of all; other coincidences are
// rare (the estimate is 2% above the count at class S, 0.1% at B).
func (pr *ClassData) entries() int64 {
	na, w := int64(pr.Params.Na), int64(pr.Params.Nonzer+1)
	return min(pr.Params.Nz, na*(w*w-w+1))
}
