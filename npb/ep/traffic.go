package ep

// Traffic is EP's model of the bytes its timed region moves between
// memory and a last-level cache (npb.Problem.Traffic): none at any class.
// A place draws each batch's numbers into its worker's buffers of chunk
// pairs (a few KiB, in L1) and keeps only its tally, so no data outlives
// a chunk: EP is bound by the generator's arithmetic, and a roofline has
// no memory ceiling for it.
func Traffic(llc int64) float64 { return 0 }
