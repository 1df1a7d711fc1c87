// Package is is the NPB IS benchmark (integer sort) on the places runtime,
// following NPB3.4-OMP IS/is.c: keys are generated in parallel with
// random-number jump-ahead (create_seq, find_my_seed), then ranked ten
// times (rank) and checked by partial and full verification (full_verify).
// Ranking counts the keys directly (is.c without USE_BUCKETS, as NPB3.0's
// Java IS does) at one and two places, and by is.c's default bucket sort
// with more (see newBench).
//
// Keys are int32 in every class (E's largest key is 2^31-1). Counts and
// positions are the type parameter of bench: int32 up to class C, int64
// for D and E, whose 2^31 and 2^35 keys overflow int32 (see index).
//
// mpi.go is IS in NPB3.4-MPI's message-passing form (is-mpi), on the same
// key generation, bucket counts and counting.
package is

import (
	"fmt"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Kernel is IS for the kernel driver and the registry.
var Kernel = npb.Kernel{Name: "is", New: newRun, MaxClass: npb.ClassE, Memory: Memory, Pin: topo.Compact}

func init() { npb.Register(Kernel) }

// Memory estimates the peak bytes of a class on np places: key_array and
// key_buff2 (an int32 per key each), key_buff1 (a count per key value)
// and, by direct counting at two places, the second place's count table.
func Memory(c npb.Class, np int) int64 {
	p, err := paramsFor(c)
	if err != nil {
		return 0
	}
	tables := int64(1)
	if np == maxDirectPlaces {
		tables = maxDirectPlaces
	}
	return 4*2*int64(p.totalKeys()) + tables*p.countBytes()*int64(p.maxKey())
}

// index is the type of IS's counts and positions: the cumulative counts
// in key_buff1, the bucket sizes and pointers. Keys themselves are int32.
// int32 keeps the count tables of the common classes half as large (so
// more of key_buff1 stays in cache); D and E need int64 (params.wide).
type index interface{ ~int32 | ~int64 }

// bench is one IS problem: the three arrays of is.c and the per-place
// bucket tables, with counts and positions of type I.
type bench[I index] struct {
	par   params
	g     *places.Group
	shift uint // key >> shift is the key's bucket
	nb    int  // number of buckets

	keys  []int32 // key_array
	buff1 []I     // key_buff1: after rank, key_buff1[k] = number of keys <= k
	buff2 []int32 // key_buff2: the keys grouped by bucket

	// Per place: bucket sizes of its share of the keys (bucket_size[id]),
	// its scatter pointers (bucket_ptrs) and the global bucket starts
	// (start[b] = first position of bucket b in key_buff2, start[nb] = N).
	// Separate allocations, so places never write one cache line.
	hist  [][]I
	ptr   [][]I
	start [][]I

	// direct: rank by counting the keys straight into key_buff1 (and, at
	// more places, into counts[id], one table of max_key per place), is.c
	// without USE_BUCKETS; see newBench.
	direct bool
	counts [][]I

	test testKeys

	// Set by rank for iteration it (1-based): the rank found for each test
	// key, and whether the key was in the tested range.
	ranks     [MaxIterations + 1][testArraySize]int64
	tested    [MaxIterations + 1][testArraySize]bool
	passed    int // passed_verification
	outOfSort int64

	// Region bodies, made once so that the timed loop creates no closures.
	seqBody, rankBody, verifyBody func(*places.Place)
}

// Ranking methods for newBench besides a bucket count.
const (
	defaultRanking = 0  // direct counting up to maxDirectPlaces, else buckets
	directCounting = -1 // is.c without USE_BUCKETS
)

// maxDirectPlaces is the most places the default ranks by direct counting.
const maxDirectPlaces = 2

// newBench allocates the arrays of class par for a group of places.
// bucketsLog2 > 0 is the bucket sort with that many buckets (log 2);
// directCounting counts keys without buckets; defaultRanking picks.
//
// The default is direct counting at one and two places. One pass over the
// keys with random increments into key_buff1 (2 MiB at class A, 8 MiB at
// B) beats the bucket sort's two passes over the keys plus its scatter to
// key_buff2 and the pass over that (BenchmarkRank, ms per ranking, median
// of 3, quiet 2-core Zen 5 VM):
//
//	class A, 1 place: buckets 17.2, direct 9.5; 2 places: 11.3 and 6.2
//	class B, 1 place: buckets 73,   direct 49;  2 places: 50   and 43
//
// With more places direct counting needs one max_key table per place (32
// MiB each at class C) and a merge that reads all of them, so the bucket
// sort, the reference's default, takes over.
func newBench[I index](par params, g *places.Group, bucketsLog2 int) *bench[I] {
	direct := bucketsLog2 == directCounting || (bucketsLog2 == defaultRanking && g.NP() <= maxDirectPlaces)
	if bucketsLog2 <= 0 {
		bucketsLog2 = defaultBucketsLog2(par)
	}
	bucketsLog2 = min(bucketsLog2, par.maxKeyLog2)
	b := &bench[I]{
		direct: direct,
		par:    par,
		g:      g,
		shift:  uint(par.maxKeyLog2 - bucketsLog2),
		nb:     1 << bucketsLog2,
		keys:   make([]int32, par.totalKeys()),
		buff1:  make([]I, par.maxKey()),
		buff2:  make([]int32, par.totalKeys()),
	}
	np := g.NP()
	b.hist = make([][]I, np)
	b.ptr = make([][]I, np)
	b.start = make([][]I, np)
	for i := range np {
		b.hist[i] = make([]I, 2*b.nb) // second half: scratch of bucketSizes
		b.ptr[i] = make([]I, b.nb)
		b.start[i] = make([]I, b.nb+1)
	}
	if direct {
		// Place 0 counts into key_buff1 itself.
		b.counts = make([][]I, np)
		b.counts[0] = b.buff1
		for i := 1; i < np; i++ {
			b.counts[i] = make([]I, par.maxKey())
		}
	}
	b.seqBody = b.createSeq
	b.rankBody = b.rankPlace
	b.verifyBody = b.fullVerify
	return b
}

// defaultBucketsLog2 chooses the number of buckets from the cache sizes
// instead of taking the reference's NUM_BUCKETS. The scatter writes to one
// cache line per bucket at a time, and is fastest while those lines stay in
// L1: up to 2/3 of it (512 buckets with a 48 KiB L1; 256 and 1024 measured
// 5-10% slower at class A). Each bucket's range of key_buff1 must stay in
// L2 for the counting pass, which more buckets give where it would not
// (from class D, whose counts are 8 bytes and key values 2^27 and more).
func defaultBucketsLog2(par params) int {
	c := topo.HostCaches()
	lb := 1
	for (2<<lb)*c.Line <= c.L1D*2/3 {
		lb++
	}
	for lb < par.maxKeyLog2 && par.countBytes()<<(par.maxKeyLog2-lb) > int64(c.L2/4) {
		lb++
	}
	return min(lb, par.maxKeyLog2)
}

// createSeq generates this place's share of the keys (create_seq).
func (b *bench[I]) createSeq(p *places.Place) {
	lo, hi := p.Block(0, len(b.keys))
	createKeys(b.keys[lo:hi], lo, b.par.maxKey())
}

// createKeys sets keys to the keys first, first+1, … of the sequence of
// create_seq. Key i is made from random numbers 4i+1..4i+4, so the
// generator jumps ahead to key first (find_my_seed), and every split of
// the sequence among places or ranks yields the same keys.
func createKeys(keys []int32, first, maxKey int) {
	const a = npb.Multiplier
	const mask46 = 1<<46 - 1
	const r46 = 1.0 / (1 << 46)
	s := uint64(npb.Jump(npb.Seed, a, 4*int64(first)))
	k := float64(maxKey / 4)
	for i := range keys {
		s = s * a & mask46
		x := float64(s) * r46
		s = s * a & mask46
		x += float64(s) * r46
		s = s * a & mask46
		x += float64(s) * r46
		s = s * a & mask46
		x += float64(s) * r46
		keys[i] = int32(k * x)
	}
}

// rank is one ranking iteration (rank in is.c): it plants the two keys
// that change each iteration, ranks all keys and does the partial
// verification of the five test keys.
func (b *bench[I]) rank(iteration int) {
	b.keys[iteration] = int32(iteration)
	b.keys[iteration+MaxIterations] = int32(b.par.maxKey() - iteration)
	var vals [testArraySize]int32
	for i, j := range b.test.index {
		vals[i] = b.keys[j]
	}

	b.g.Run(b.rankBody)

	// Partial verification: the rank of test key k is the number of keys
	// smaller than k, the cumulative count at k-1.
	for i, k := range vals {
		b.tested[iteration][i] = false
		if 0 < k && int(k) <= b.par.totalKeys()-1 {
			r := int64(b.buff1[k-1])
			b.ranks[iteration][i] = r
			b.tested[iteration][i] = true
			if r == ExpectedRank(b.par.class, i, iteration, b.test.rank[i]) {
				b.passed++
			}
		}
	}
}

// rankPlace is the parallel region of rank. Each place counts its share of
// the keys per bucket; from all places' counts every place knows where its
// keys of each bucket go in key_buff2 (after the same bucket's keys of the
// places before it), so it scatters them without atomics. Then each place
// ranks a contiguous range of buckets: it counts every key value of the
// bucket in key_buff1 and turns the counts into cumulative counts.
func (b *bench[I]) rankPlace(p *places.Place) {
	id, np, nb := p.ID(), p.NP(), b.nb
	lo, hi := p.Block(0, len(b.keys))
	keys := b.keys[lo:hi]
	if b.direct {
		b.rankDirect(p, keys)
		return
	}

	h := b.hist[id]
	bucketSizes(h[:nb], h[nb:], keys, b.shift)
	p.Barrier()

	// Bucket pointers: the start of bucket bk plus the keys the places
	// before this one put there.
	ptr, start := b.ptr[id], b.start[id]
	var total I
	for bk := range nb {
		s := total
		for q := range id {
			s += b.hist[q][bk]
		}
		ptr[bk] = s
		start[bk] = total
		for q := range np {
			total += b.hist[q][bk]
		}
	}
	start[nb] = total

	scatter(b.buff2, keys, ptr, b.shift)
	p.Barrier()

	b0, b1 := bucketShare(start, id, np)
	countKeys(b.buff1, b.buff2, start, b0, b1, b.shift)
}

// rankDirect is rank without buckets: each place counts its keys into its
// own table and turns the counts into cumulative counts; then the places
// add the other tables into key_buff1 (place 0's), each over its share of
// key values.
func (b *bench[I]) rankDirect(p *places.Place, keys []int32) {
	kb := b.counts[p.ID()]
	countDirect(kb, keys)
	if p.NP() == 1 {
		return
	}
	p.Barrier()
	lo, hi := p.Block(0, len(kb))
	dst := b.buff1[lo:hi]
	for _, c := range b.counts[1:] {
		c = c[lo:hi][:len(dst)]
		for i := range dst {
			dst[i] += c[i]
		}
	}
}

// countDirect sets kb[k] to the number of keys <= k. Four keys per loop
// trip, as in countKeys.
func countDirect[I index](kb []I, keys []int32) {
	clear(kb)
	n := len(keys) &^ 3
	for i := 0; i < n; i += 4 {
		k4 := (*[4]int32)(keys[i : i+4])
		kb[k4[0]]++
		kb[k4[1]]++
		kb[k4[2]]++
		kb[k4[3]]++
	}
	for _, k := range keys[n:] {
		kb[k]++
	}
	var s I
	for i, c := range kb {
		s += c
		kb[i] = s
	}
}

// bucketSizes sets h[bk] to the number of keys in bucket bk, using tmp
// (len(h)) for a second count: alternate keys go to the two arrays, so that
// consecutive keys of one bucket do not wait for each other's increment.
// Four keys per loop trip measured 40% faster than two here.
func bucketSizes[I index](h, tmp []I, keys []int32, shift uint) {
	shift &= 31 // lets the compiler drop its check of shifts >= 32
	clear(h)
	clear(tmp)
	n := len(keys) &^ 3
	for i := 0; i < n; i += 4 {
		k4 := (*[4]int32)(keys[i : i+4])
		h[uint32(k4[0])>>shift]++
		tmp[uint32(k4[1])>>shift]++
		h[uint32(k4[2])>>shift]++
		tmp[uint32(k4[3])>>shift]++
	}
	for _, k := range keys[n:] {
		h[uint32(k)>>shift]++
	}
	for i, c := range tmp[:len(h)] {
		h[i] += c
	}
}

// scatter moves keys into their buckets of dst, bucket bk filling up from
// ptr[bk] (the "sort into appropriate bucket" loop of rank). Two keys per
// loop trip made the whole class A ranking about 20% faster than one key
// on this machine's AMD core.
func scatter[I index](dst, keys []int32, ptr []I, shift uint) {
	shift &= 31
	n := len(keys) &^ 1
	for i := 0; i < n; i += 2 {
		k0, k1 := keys[i], keys[i+1]
		b0 := uint32(k0) >> shift
		j := ptr[b0]
		dst[j] = k0
		ptr[b0] = j + 1
		b1 := uint32(k1) >> shift
		j = ptr[b1]
		dst[j] = k1
		ptr[b1] = j + 1
	}
	for _, k := range keys[n:] {
		bk := uint32(k) >> shift
		j := ptr[bk]
		dst[j] = k
		ptr[bk] = j + 1
	}
}

// countKeys ranks buckets [b0, b1): for each it counts the keys of every
// value in key_buff1 (the bucket's values are a range of key_buff1 that
// stays in cache) and accumulates the counts, starting from the number of
// keys in all smaller buckets.
func countKeys[I index](buff1 []I, buff2 []int32, start []I, b0, b1 int, shift uint) {
	shift &= 31
	width := 1 << shift
	for bk := b0; bk < b1; bk++ {
		// In int: class E's last bucket ends at 2^31.
		k1 := bk << shift
		countRange(buff1[k1:k1+width], buff2[start[bk]:start[bk+1]], int32(k1), start[bk])
	}
}

// countRange sets kb[k-k1] to s plus the number of keys <= k, for the
// keys in [k1, k1+len(kb)). Four keys per loop trip, as in bucketSizes,
// and the running total kept in a register rather than reloaded from the
// element just stored: together 10-20% faster counting at class A here
// (noisy: fastest of 6 runs 4.2 -> 3.7 ms per iteration).
func countRange[I index](kb []I, keys []int32, k1 int32, s I) {
	clear(kb)
	n := len(keys) &^ 3
	for i := 0; i < n; i += 4 {
		k4 := (*[4]int32)(keys[i : i+4])
		kb[k4[0]-k1]++
		kb[k4[1]-k1]++
		kb[k4[2]-k1]++
		kb[k4[3]-k1]++
	}
	for _, k := range keys[n:] {
		kb[k-k1]++
	}
	for i, c := range kb {
		s += c
		kb[i] = s
	}
}

// bucketShare is place id's contiguous range of buckets for the counting
// pass: shares hold about the same number of keys, since the key
// distribution is far from uniform (the reference balances it with a
// dynamic schedule). start holds the bucket starts, len nb+1.
func bucketShare[I index](start []I, id, np int) (b0, b1 int) {
	return places.Weighted(start, id, np)
}

// fullVerify is the region of full_verify: each place moves the keys of
// its buckets to their sorted positions in key_array, using the cumulative
// counts as decreasing position counters; then the places count adjacent
// keys out of order.
func (b *bench[I]) fullVerify(p *places.Place) {
	id, np := p.ID(), p.NP()
	if b.direct {
		// Without buckets key_buff2 is a copy of the keys in their
		// order, and one place moves them all (untimed).
		if id == 0 {
			copy(b.buff2, b.keys)
			for _, k := range b.buff2 {
				j := b.buff1[k] - 1
				b.buff1[k] = j
				b.keys[j] = k
			}
		}
		p.Barrier()
		b.countOutOfSort(p)
		return
	}
	start := b.start[id]
	b0, b1 := bucketShare(start, id, np)
	for _, k := range b.buff2[start[b0]:start[b1]] {
		j := b.buff1[k] - 1
		b.buff1[k] = j
		b.keys[j] = k
	}
	p.Barrier()
	b.countOutOfSort(p)
}

// countOutOfSort counts adjacent keys out of order (the end of
// full_verify).
func (b *bench[I]) countOutOfSort(p *places.Place) {
	lo, hi := p.Block(1, len(b.keys))
	var n int64
	for i := lo; i < hi; i++ {
		if b.keys[i-1] > b.keys[i] {
			n++
		}
	}
	n = p.SumInt64(n)
	if p.ID() == 0 {
		b.outOfSort = n
	}
}

// Run runs the IS benchmark for cfg (Kernel.Run; main in is.c).
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// run is one IS run for the kernel driver, with counts and positions of
// type I.
type run[I index] struct {
	par params
	ref *reference
	*bench[I]
}

func newRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	prob, par, ref, err := readRun(c)
	if err != nil {
		return prob, nil, err
	}
	if par.wide() {
		return prob, &run[int64]{par: par, ref: ref}, nil
	}
	return prob, &run[int32]{par: par, ref: ref}, nil
}

// readRun reads class c's parameters and reference data, and the problem
// IS reports for it; both forms start from it.
func readRun(c npb.Class) (npb.Problem, params, *reference, error) {
	par, err := paramsFor(c)
	if err != nil {
		return npb.Problem{}, par, nil, err
	}
	ref, err := referenceFor(c)
	if err != nil {
		return npb.Problem{}, par, nil, err
	}
	return npb.Problem{Size: []int{par.totalKeys()}, Iterations: MaxIterations, OpType: "keys ranked",
			Traffic: Traffic(par.totalKeys(), par.maxKey(), int(par.countBytes()))},
		par, ref, nil
}

// Setup generates the keys and ranks them once untimed, which touches
// every page and table first.
func (r *run[I]) Setup(g *places.Group, out npb.Printer) error {
	r.bench = newBench[I](r.par, g, 0)
	if err := r.setReference(r.ref); err != nil {
		return err
	}
	g.Run(r.seqBody)
	r.rank(1)
	r.printFailures(out, 1)
	r.passed = 0
	return nil
}

// Timed is the ten ranking iterations.
func (r *run[I]) Timed() { r.timedLoop() }

// timedLoop is the timed region of main: the ten ranking iterations.
func (b *bench[I]) timedLoop() {
	for it := 1; it <= MaxIterations; it++ {
		b.rank(it)
	}
}

// Mops is keys ranked per second, in millions.
func (r *run[I]) Mops(t float64) float64 {
	return 1e-6 * float64(r.par.totalKeys()) * MaxIterations / t
}

// Verify prints what is.c prints during and after the timed loop (the
// iteration numbers, partial-verification failures), then runs
// full_verify.
func (r *run[I]) Verify(out npb.Printer) []npb.Check {
	if r.par.class != npb.ClassS {
		out.Printf("\n   iteration\n")
	}
	for it := 1; it <= MaxIterations; it++ {
		if r.par.class != npb.ClassS {
			out.Printf("        %d\n", it)
		}
		r.printFailures(out, it)
	}
	checks := r.verify()
	if r.outOfSort != 0 {
		out.Printf("Full_verify: number of keys out of sort: %d\n", r.outOfSort)
	}
	return checks
}

// printFailures prints the reference's line for every test key whose rank
// was wrong in an iteration.
func (b *bench[I]) printFailures(out npb.Printer, it int) {
	for i := range testArraySize {
		if b.tested[it][i] && b.ranks[it][i] != ExpectedRank(b.par.class, i, it, b.test.rank[i]) {
			out.Printf("Failed partial verification: iteration %d, test key %d\n", it, i)
		}
	}
}

func (b *bench[I]) setReference(ref *reference) (err error) {
	b.test, err = ref.testKeys(b.par)
	return err
}

// verify runs full_verify and returns every compared value: the 50
// partial-verification ranks of the timed iterations and the full check.
func (b *bench[I]) verify() []npb.Check {
	b.g.Run(b.verifyBody)
	checks := make([]npb.Check, 0, MaxIterations*testArraySize+1)
	for it := 1; it <= MaxIterations; it++ {
		for i := range testArraySize {
			name := fmt.Sprintf("rank[it=%d,i=%d]", it, i)
			want := ExpectedRank(b.par.class, i, it, b.test.rank[i])
			if !b.tested[it][i] {
				// The reference does not count an untested key, so the
				// run cannot reach 51 successes.
				checks = append(checks, npb.Check{Name: name, Reference: float64(want), OK: false})
				continue
			}
			checks = append(checks, npb.ExactCheck(name, b.ranks[it][i], want))
		}
	}
	checks = append(checks, npb.ExactCheck("full_verify", b.outOfSort, 0))
	if b.outOfSort == 0 {
		b.passed++
	}
	return checks
}
