package harness

import (
	"math"

	"github.com/montanaflynn/stats"
)

// Summary describes the runs of one point. The median is the figure
// quoted; MAD is the median absolute deviation from it (unscaled, in the
// same unit), robust against the one slow run a busy machine produces.
// With no values every field but N is NaN.
type Summary struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	MAD    float64 `json:"mad"`
}

// Summarize computes the Summary of xs.
func Summarize(xs []float64) Summary {
	if len(xs) == 0 {
		nan := math.NaN()
		return Summary{Median: nan, Min: nan, Max: nan, MAD: nan}
	}
	d := stats.Float64Data(xs)
	// The only error stats returns here is for empty input, excluded above.
	med, _ := stats.Median(d)
	lo, _ := stats.Min(d)
	hi, _ := stats.Max(d)
	mad, _ := stats.MedianAbsoluteDeviation(d)
	return Summary{N: len(xs), Median: med, Min: lo, Max: hi, MAD: mad}
}

// RelMAD is the spread relative to the median (0.01 = 1%).
func (s Summary) RelMAD() float64 { return s.MAD / s.Median }
