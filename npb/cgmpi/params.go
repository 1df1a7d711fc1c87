package cgmpi

import (
	"npbgo/npb"
	"npbgo/npb/cg"
)

// memory estimates the peak bytes of class c over all ranks: the matrix
// (bounded by nz), the vectors of every rank, and each rank's copy of the
// random vectors makea draws.
func memory(c npb.Class) int64 {
	pr, err := cg.ReadClass(c)
	if err != nil {
		return 0
	}
	p := pr.Params
	na, w := int64(p.Na), int64(p.Nonzer+1)
	return p.Nz*12 + 6*na*8 + na*w*(8+4+4) + na*16
}
