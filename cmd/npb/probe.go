package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"

	"npbgo/harness"
	"npbgo/harness/regress"
)

func cmdProbe(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	placesFlag := fs.String("places", "auto", "place counts, e.g. 1,2,4 (auto: 1, 2, 4, … up to the CPU count; 1 is always measured)")
	jsonOut := fs.Bool("json", false, "print the times as JSON instead of a table")
	if err := parseNoArgs(fs, args, stdout, ""); err != nil {
		return err
	}
	conc, _ := harness.Concurrency()
	ps, err := harness.ParsePlaces(*placesFlag, conc)
	if err != nil {
		return usageError{err.Error()}
	}
	if note := harness.PlacesNote(int(slices.Max(ps))); note != "" {
		fmt.Fprintln(stderr, "npb probe: note:", note)
	}
	sc, err := regress.Scaling(harness.ProbePlaces(ps))
	if err != nil {
		return err
	}
	if *jsonOut {
		return json.NewEncoder(stdout).Encode(sc)
	}
	for i := range sc {
		sc[i].When = "now"
	}
	harness.WriteScaling(stdout, sc)
	return nil
}
