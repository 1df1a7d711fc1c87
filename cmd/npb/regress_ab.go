package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
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
	plan := regress.ABPlan{Old: cfg.old, OldFortran: cfg.fortranBin, New: self, Points: keys, Pairs: cfg.pairs, Progress: stderr}
	fmt.Fprintf(stderr, "regress: A/B, %d points × %d pairs: old %s, new %s\n", len(keys), cfg.pairs, oldName, self)
	m, err := regress.MeasureAB(ctx, plan)
	if err != nil {
		return err
	}
	rows := regress.JudgeAB(m, cfg.threshold, cfg.confidence)
	if flagged := regress.FlaggedAB(rows); cfg.confirm && len(flagged) > 0 {
		fmt.Fprintf(stderr, "regress: re-measuring %d point(s) to confirm\n", len(flagged))
		again := plan
		again.Points = flagged
		m2, err := regress.MeasureAB(ctx, again)
		if err != nil {
			return err
		}
		m.Failures = append(m.Failures, m2.Failures...)
		confirmed, cleared := regress.Confirm(rows, regress.JudgeAB(m2, cfg.threshold, cfg.confidence))
		fmt.Fprintf(stdout, "regress: confirmation pass: %d regression(s) confirmed, %d not confirmed (shown with the second measurement)\n", confirmed, cleared)
	}
	if cfg.out != "" {
		if err := m.Save(cfg.out); err != nil {
			return err
		}
	}
	for _, k := range m.Skipped {
		fmt.Fprintf(stdout, "regress: %s skipped: %s does not have %s (it predates it; refresh the baseline to compare it)\n", k, oldName, k.Name)
	}
	regress.WriteABTable(stdout, rows, cfg.confidence)
	fmt.Fprintln(stdout, "regress: "+m.LoadNote(runtime.NumCPU()))
	line, ok := regress.ABSummary(rows, m.Failures, m.Skipped, cfg.threshold, cfg.confidence)
	fmt.Fprintf(stdout, "%s (%s)\n", line, m.Elapsed.Round(1e9))
	if !ok {
		return errFailed
	}
	return nil
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
