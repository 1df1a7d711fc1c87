package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"npbgo/harness/regress"
	"npbgo/npb"
)

type abConfig struct {
	old, fortranBin       string
	class                 npb.Class
	kernels, places       string
	pairs                 int
	threshold, confidence float64
	confirm               bool
	out                   string
}

// regressAB is `npb regress -ab OLD`: this executable against OLD, pair
// by pair (see regress.MeasureAB).
func regressAB(cfg abConfig, stdout, stderr io.Writer) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("regress: cannot find this executable: %v", err)
	}
	oldName := cfg.old
	if cfg.fortranBin != "" {
		if st, err := os.Stat(cfg.fortranBin); err != nil || !st.IsDir() {
			return usagef("bad -fortran-bin %q: not a directory", npb.Clip(cfg.fortranBin))
		}
		oldName = "Fortran in " + cfg.fortranBin
	} else if st, err := os.Stat(cfg.old); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		return usagef("bad -ab %q: not an executable file", npb.Clip(cfg.old))
	}
	keys, err := abPoints(cfg.kernels, cfg.places, cfg.class)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	check := regress.ABCheck{ABPlan: regress.ABPlan{Old: cfg.old, OldFortran: cfg.fortranBin, New: self, Points: keys, Pairs: cfg.pairs, Progress: stderr},
		OldName: oldName, Threshold: cfg.threshold, Confidence: cfg.confidence, Confirm: cfg.confirm, Out: cfg.out}
	return verdict(check.Run(ctx, stdout))
}

// abPoints expands -kernels and -places into points: "all" is every
// kernel that has class c; name/CLASS gives one kernel its own class (a
// CFD kernel at S beside the others at W keeps CI short).
func abPoints(kernels, placesFlag string, c npb.Class) ([]regress.Key, error) {
	pl, err := regressPlaces(placesFlag)
	if err != nil {
		return nil, err
	}
	ks, err := npb.Select(kernels, c)
	if err != nil {
		return nil, badInput(err)
	}
	var keys []regress.Key
	for _, np := range pl {
		for _, k := range ks {
			keys = append(keys, regress.Key{Name: k.Name, Class: k.Class, Places: np})
		}
	}
	return keys, nil
}
