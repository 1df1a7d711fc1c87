package main

import (
	"npbgo/harness"
	"npbgo/npb"
	"npbgo/runtime/topo"
)

// workModel is the sweep's harness.WorkModel: each kernel's own models
// (npb.Kernel.Work) for the last-level cache of the machine the sweep ran
// on, as env.json recorded it (this machine's when it did not).
func workModel(env *harness.Env) harness.WorkModel {
	llc := int64(0)
	if env != nil {
		llc = int64(env.Caches.L3)
	}
	if llc <= 0 {
		llc = int64(topo.HostCaches().L3)
	}
	return func(kernel, class string) (npb.Work, bool) {
		k, err := npb.Lookup(kernel)
		if err != nil {
			return npb.Work{}, false
		}
		c, err := npb.ParseClass(class)
		if err != nil {
			return npb.Work{}, false
		}
		w, err := k.Work(c, llc)
		return w, err == nil
	}
}
