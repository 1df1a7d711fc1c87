package regress

import "slices"

// Flagged lists the kernels (or places workloads) and place counts of the
// rows judged regressions, for a confirmation measurement.
func Flagged(rows []Row) (names []string, placeCounts []int) {
	for _, r := range rows {
		if r.Verdict != Regression {
			continue
		}
		if !slices.Contains(names, r.Key.Name) {
			names = append(names, r.Key.Name)
		}
		if !slices.Contains(placeCounts, r.Key.Places) {
			placeCounts = append(placeCounts, r.Key.Places)
		}
	}
	slices.Sort(placeCounts)
	return names, placeCounts
}

// Confirm keeps a regression only when the re-measurement of its point
// (again) says regression. A point the second pass clears takes the second
// pass's row, so the table shows the figures that decided; its verdict is
// whatever that pass found. It returns how many regressions were
// confirmed and how many were not.
//
// A shared machine can slow a whole measurement for a while, and a
// rebuilt binary can move a tight loop's alignment; both look like a
// regression once and rarely twice. A real slowdown is there every time.
//
// It serves both checks: rows of the stored-baseline comparison (Row) and
// of the A/B one (ABRow).
func Confirm[R interface{ judged() (Key, Verdict) }](rows, again []R) (confirmed, cleared int) {
	for i, r := range rows {
		k, v := r.judged()
		if v != Regression {
			continue
		}
		j := slices.IndexFunc(again, func(a R) bool { ak, _ := a.judged(); return ak == k })
		if j >= 0 {
			if _, av := again[j].judged(); av != Regression {
				rows[i] = again[j]
				cleared++
				continue
			}
		}
		confirmed++
	}
	return confirmed, cleared
}

func (r Row) judged() (Key, Verdict) { return r.Key, r.Verdict }
