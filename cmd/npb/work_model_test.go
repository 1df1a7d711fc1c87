package main

import (
	"testing"

	"npbgo/npb"
)

// TestEveryKernelHasWork: every kernel states its operation count and a
// traffic model (npb.Problem.Traffic), and a model moves nothing when
// the whole problem fits in the cache and something when it cannot.
func TestEveryKernelHasWork(t *testing.T) {
	for _, name := range npb.Names() {
		k, _ := npb.Lookup(name)
		w, err := k.Work(npb.ClassS, 1<<40)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !(w.Ops > 0) || w.Bytes != 0 {
			t.Errorf("%s class S in a 1 TiB cache: ops %g, bytes %g; want ops > 0, bytes 0", name, w.Ops, w.Bytes)
		}
		tiny, _ := k.Work(npb.ClassS, 1<<10)
		if tiny.Bytes <= 0 && k.RefName() != "EP" {
			t.Errorf("%s class S in a 1 KiB cache moves %g bytes; want some", name, tiny.Bytes)
		}
		if want := k.RefName() != "IS" && k.RefName() != "EP"; w.Flops != want {
			t.Errorf("%s: Flops = %v, want %v", name, w.Flops, want)
		}
	}
}
