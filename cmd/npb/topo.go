package main

import (
	"flag"
	"io"

	"npbgo/runtime/topo"
)

func cmdTopo(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("topo", flag.ContinueOnError)
	placesFlag := fs.String("places", "", "number of places to map (default: one per CPU)")
	pin := fs.String("pin", "compact", "placement: compact, spread or none")
	if err := parseNoArgs(fs, args, stdout, ""); err != nil {
		return err
	}
	pol, err := topo.ParsePolicy(*pin)
	if err != nil {
		return usageError{err.Error()}
	}
	t, err := topo.Detect()
	if err != nil {
		return usageError{err.Error()}
	}
	np := t.NumAllowed()
	if *placesFlag != "" {
		// Only a map: a simulated machine may have more CPUs than this one.
		if np, err = parsePlaceCount(*placesFlag); err != nil {
			return err
		}
	}
	t.Describe(stdout, np, pol)
	return nil
}
