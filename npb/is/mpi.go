// IS-MPI: NPB IS in its message-passing form, following NPB3.4-MPI
// IS/is.c: every rank generates its share of the keys
// (create_seq from find_my_seed), sorts them into buckets, and the keys
// are redistributed among the ranks by bucket with an all-to-all
// (MPI_Alltoall of the counts, MPI_Alltoallv of the keys), so that each
// rank ranks a contiguous range of key values (rank); full_verify sorts
// each rank's keys and checks the boundaries with its neighbours.
//
// It is written once against comm.Comm: the ranks are the processes of an
// MPI job (the mpi build under mpirun) or the places of one group
// (in-process, `npb run is-mpi -places 4`). The number of ranks must be a
// power of two, as in is.c, and at least is.c's MIN_PROCS: 4 for class D
// and 64 for E, so that a rank's counts and positions stay int32 (is.c's
// INT_TYPE); only the ranks of keys (m, key_rank) are 64-bit. The key generation, bucket counts, scatter
// and counting are the shared-memory form's functions on the rank's keys.

package is

import (
	"fmt"

	"npbgo/npb"
	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// KernelMPI is IS-MPI for the kernel driver and the registry.
var KernelMPI = npb.Kernel{Name: "is-mpi", Ref: "IS", New: newMPIRun, MaxClass: npb.ClassE,
	Memory: mpiMemory, Pin: topo.Compact, Ranks: true}

func init() { npb.Register(KernelMPI) }

// mpiMemory estimates the peak bytes of one of np ranks at class c: of
// its three key arrays of size_of_buffers (key_buff1 at least max_key
// long), the pages it touches: its own keys, about as many received, and
// their bucketed copy or the counts of its key range, whichever is longer
// (all of max_key on one rank).
func mpiMemory(c npb.Class, np int) int64 {
	p, err := paramsFor(c)
	if err != nil {
		return 0
	}
	np = max(np, p.minProcs())
	keys := int64(p.totalKeys() / np)
	return 4 * (2*keys + max(keys, int64(p.maxKey()/np)))
}

// maxProcs and minProcs are MAX_PROCS and MIN_PROCS of is.c.
func (p params) maxProcs() int {
	if p.class == npb.ClassS {
		return 128
	}
	return 1024
}

func (p params) minProcs() int {
	switch p.class {
	case npb.ClassD:
		return 4
	case npb.ClassE:
		return 64
	}
	return 1
}

// bufferSize is size_of_buffers of is.c for numKeys keys a rank on np
// ranks: the first and last ranks get wide ranges of the tails.
func bufferSize(numKeys, np int) int {
	switch {
	case np >= 1024:
		return 13 * numKeys / 2
	case np >= 512:
		return 4 * numKeys
	case np >= 256:
		return 5 * numKeys / 2
	}
	return 3 * numKeys / 2
}

// mpiRank is the state of one rank: the arrays of is.c, sized for its
// share.
type mpiRank struct {
	par          params
	test         testKeys
	c            comm.Comm
	me, np       int
	numKeys      int
	shift        uint
	nb           int
	keyArray     []int32 // key_array
	keyBuff1     []int32 // key_buff1: bucketed keys, then cumulative counts from minKey
	keyBuff2     []int32 // key_buff2: the keys this rank ranks
	bucketSize   []int32 // bucket_size, the test keys in the last 5
	bucketTotals []int32 // bucket_size_totals
	bucketPtrs   []int32
	bucketTmp    []int32 // bucketSizes' second counter
	ptr1, ptr2   []int32 // process_bucket_distrib_ptr1/2
	sendCount    []int32
	recvCount    []int32
	scount       []int
	sdispl       []int
	rcount       []int
	rdispl       []int

	// Set by the last rank iteration for full_verify.
	localKeys int
	minKey    int32
	// What this rank found in the partial verification of iteration it
	// for test key i: found[it][i] = 1 + the rank found, 0 if the key was
	// not in its range.
	found      [MaxIterations + 1][testArraySize]int64
	passed     int64 // passed_verification
	outOfSort  int64
	partialBad int64
}

func newMPIRank(par params, test testKeys, c comm.Comm) (*mpiRank, error) {
	np := c.Size()
	if !comm.PowerOfTwo(np) {
		return nil, &comm.RankCountError{Kernel: "is-mpi", Ranks: np, Want: "a power of two"}
	}
	if np > par.maxProcs() || np > par.totalKeys() {
		return nil, &comm.RankCountError{Kernel: "is-mpi", Ranks: np, Want: fmt.Sprintf("at most %d for class %s", min(par.maxProcs(), par.totalKeys()), par.class)}
	}
	if np < par.minProcs() {
		return nil, &comm.RankCountError{Kernel: "is-mpi", Ranks: np, Want: fmt.Sprintf("at least %d for class %s", par.minProcs(), par.class)}
	}
	nb := 1 << par.numBucketsLog2
	numKeys := par.totalKeys() / np
	size := bufferSize(numKeys, np)
	r := &mpiRank{
		par: par, test: test, c: c, me: c.Rank(), np: np, numKeys: numKeys,
		shift: uint(par.maxKeyLog2 - par.numBucketsLog2), nb: nb,
		keyArray: make([]int32, size),
		// key_buff1 also holds the counts of a rank's key range, at
		// most MAX_KEY long (one rank).
		keyBuff1:     make([]int32, max(size, par.maxKey())),
		keyBuff2:     make([]int32, size),
		bucketSize:   make([]int32, nb+testArraySize),
		bucketTotals: make([]int32, nb+testArraySize),
		bucketPtrs:   make([]int32, nb),
		bucketTmp:    make([]int32, nb),
		ptr1:         make([]int32, nb+testArraySize),
		ptr2:         make([]int32, nb+testArraySize),
		sendCount:    make([]int32, np),
		recvCount:    make([]int32, np),
		scount:       make([]int, np),
		sdispl:       make([]int, np),
		rcount:       make([]int, np),
		rdispl:       make([]int, np),
	}
	return r, nil
}

// createSeq generates this rank's keys: it starts at key numKeys·me of
// the whole sequence (find_my_seed).
func (r *mpiRank) createSeq() {
	createKeys(r.keyArray[:r.numKeys], r.numKeys*r.me, r.par.maxKey())
}

// rankKeys is one ranking iteration (rank in is.c).
func (r *mpiRank) rankKeys(iteration int) {
	nb, shift := r.nb, r.shift&31
	if r.me == 0 {
		r.keyArray[iteration] = int32(iteration)
		r.keyArray[iteration+MaxIterations] = int32(r.par.maxKey() - iteration)
	}
	clear(r.bucketSize)
	clear(r.ptr1)
	clear(r.ptr2)

	// The test keys travel to every rank hidden in the top of
	// bucket_size: only the rank that holds one puts it there.
	for i, t := range r.test.index {
		if t/r.numKeys == r.me {
			r.bucketSize[nb+i] = r.keyArray[t%r.numKeys]
		}
	}
	keys := r.keyArray[:r.numKeys]
	bs := r.bucketSize[:nb]
	bucketSizes(bs, r.bucketTmp, keys, shift)
	ptrs := r.bucketPtrs[:nb]
	ptrs[0] = 0
	for i := 1; i < nb; i++ {
		ptrs[i] = ptrs[i-1] + bs[i-1]
	}
	scatter(r.keyBuff1, keys, ptrs, shift)

	copy(r.bucketTotals, r.bucketSize)
	r.c.Allreduce(comm.Int32s(r.bucketTotals), comm.Sum)
	totals := r.bucketTotals

	// Redistribution: buckets go to rank 0 until their total passes the
	// average share, then to rank 1, and so on.
	var acc, local int64
	r.sdispl[0] = 0
	r.ptr1[0] = 0
	j := 0
	for i := range nb {
		acc += int64(totals[i])
		local += int64(bs[i])
		if acc >= int64(j+1)*int64(r.numKeys) {
			r.sendCount[j] = int32(local)
			if j != 0 {
				r.sdispl[j] = r.sdispl[j-1] + int(r.sendCount[j-1])
				r.ptr1[j] = r.ptr2[j-1] + 1
			}
			r.ptr2[j] = int32(i)
			j++
			local = 0
		}
	}
	for ; j < r.np; j++ {
		r.sendCount[j] = 0
		r.ptr1[j] = 1
	}

	r.c.Alltoall(comm.Int32s(r.sendCount), comm.Int32s(r.recvCount))
	total := 0
	for q := range r.np {
		r.scount[q] = int(r.sendCount[q])
		r.rcount[q] = int(r.recvCount[q])
		r.rdispl[q] = total
		total += r.rcount[q]
	}
	if total > len(r.keyBuff2) {
		panic(fmt.Sprintf("is-mpi: rank %d receives %d keys, more than its buffer of %d", r.me, total, len(r.keyBuff2)))
	}
	r.c.Alltoallv(comm.Int32s(r.keyBuff1), r.scount, r.sdispl, comm.Int32s(r.keyBuff2), r.rcount, r.rdispl)

	// In int: class E's last bucket ends at 2^31.
	minKey := int(r.ptr1[r.me]) << shift
	maxKey := (int(r.ptr2[r.me])+1)<<shift - 1
	var kb []int32
	if maxKey >= minKey {
		kb = r.keyBuff1[:maxKey-minKey+1]
	}

	// m: the keys on the ranks before this one; n: the keys here.
	var m int64
	for q := range r.me {
		for i := r.ptr1[q]; i <= r.ptr2[q]; i++ {
			m += int64(totals[i])
		}
	}
	n := 0
	for i := r.ptr1[r.me]; i <= r.ptr2[r.me]; i++ {
		n += int(totals[i])
	}
	if n != total {
		panic(fmt.Sprintf("is-mpi: rank %d received %d keys, its buckets hold %d", r.me, total, n))
	}
	countRange(kb, r.keyBuff2[:n], int32(minKey), 0)

	// Partial verification of the test keys in this rank's range. The
	// rank of k is the number of smaller keys: m plus the count here up
	// to k-1 (none when k is the range's first value, which is.c reads
	// from before the array).
	for i := range testArraySize {
		k := int(totals[nb+i])
		r.found[iteration][i] = 0
		if minKey <= k && k <= maxKey {
			keyRank := m
			if k > minKey {
				keyRank += int64(kb[k-1-minKey])
			}
			r.found[iteration][i] = keyRank + 1
			if keyRank == ExpectedRank(r.par.class, i, iteration, r.test.rank[i]) {
				r.passed++
			} else {
				r.partialBad++
			}
		}
	}
	if iteration == MaxIterations {
		r.localKeys = n
		r.minKey = int32(minKey)
	}
}

// fullVerify sorts this rank's keys into key_array by the cumulative
// counts, then counts keys out of order, including against the largest
// key of the rank before (full_verify).
func (r *mpiRank) fullVerify() {
	kb := r.keyBuff1
	keys := r.keyBuff2[:r.localKeys]
	for _, k := range keys {
		kb[k-r.minKey]--
		r.keyArray[kb[k-r.minKey]] = k
	}
	last := max(r.localKeys-1, 0)
	// Even ranks send before they receive, odd ranks after, so the
	// chain needs no buffering.
	var prev [1]int32
	send := func() {
		if r.me < r.np-1 {
			r.c.Send(r.me+1, comm.Int32s(r.keyArray[last:last+1]))
		}
	}
	if r.me%2 == 0 {
		send()
	}
	if r.me > 0 {
		r.c.Recv(r.me-1, comm.Int32s(prev[:]))
	}
	if r.me%2 != 0 {
		send()
	}
	var j int64
	if r.me > 0 && r.localKeys > 0 && prev[0] > r.keyArray[0] {
		j++
	}
	for i := 1; i < r.localKeys; i++ {
		if r.keyArray[i-1] > r.keyArray[i] {
			j++
		}
	}
	r.outOfSort = j
	if j == 0 {
		r.passed++
	}
}

// mpiRun is one IS-MPI run for the kernel driver.
type mpiRun struct {
	par   params
	test  testKeys
	g     *places.Group
	ranks []*mpiRank

	// What Verify reports, gathered to every rank after full_verify.
	found     [MaxIterations + 1][testArraySize]int64
	outOfSort int64
	passed    int64

	timedBody, verifyBody func(*places.Place)
}

func newMPIRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	prob, par, ref, err := readRun(c)
	if err != nil {
		return prob, nil, err
	}
	test, err := ref.testKeys(par)
	if err != nil {
		return prob, nil, err
	}
	return prob, &mpiRun{par: par, test: test}, nil
}

// Setup makes every rank, generates its keys and ranks them once
// untimed (is.c's free iteration).
func (r *mpiRun) Setup(g *places.Group, _ npb.Printer) (err error) {
	r.g = g
	r.timedBody, r.verifyBody = r.timed, r.verify
	r.ranks, err = ranks.Make("is-mpi", g, func(c comm.Comm) (*mpiRank, error) {
		rk, err := newMPIRank(r.par, r.test, c)
		if err == nil {
			rk.createSeq()
			rk.rankKeys(1)
			rk.passed, rk.partialBad = 0, 0
		}
		return rk, err
	})
	return err
}

// Timed is the ten ranking iterations, between two barriers so that the
// time of every rank is the time of the slowest (is.c reduces the ranks'
// times with MPI_MAX).
func (r *mpiRun) Timed() { r.g.Run(r.timedBody) }

func (r *mpiRun) timed(p *places.Place) {
	rk := r.ranks[p.ID()]
	rk.c.Barrier()
	for it := 1; it <= MaxIterations; it++ {
		rk.rankKeys(it)
	}
	rk.c.Barrier()
}

// verify runs full_verify on every rank and gathers what the report
// needs: the test keys' ranks (each was found by exactly one rank), the
// keys out of sort and passed_verification.
func (r *mpiRun) verify(p *places.Place) {
	rk := r.ranks[p.ID()]
	rk.fullVerify()
	v := make([]int64, 0, (MaxIterations+1)*testArraySize+2)
	for it := range rk.found {
		v = append(v, rk.found[it][:]...)
	}
	v = append(v, rk.outOfSort, rk.passed)
	rk.c.Allreduce(comm.Int64s(v), comm.Sum)
	if p.ID() == 0 {
		for it := range r.found {
			copy(r.found[it][:], v[it*testArraySize:])
		}
		r.outOfSort, r.passed = v[len(v)-2], v[len(v)-1]
	}
}

// Mops is keys ranked per second, in millions.
func (r *mpiRun) Mops(t float64) float64 {
	return 1e-6 * float64(r.par.totalKeys()) * MaxIterations / t
}

// Verify prints what is.c prints during and after the timed loop, and
// returns the 50 partial-verification ranks and the full check.
func (r *mpiRun) Verify(out npb.Printer) []npb.Check {
	r.g.Run(r.verifyBody)
	np := ranks.Count(r.g)
	if r.par.class != npb.ClassS {
		out.Printf("\n   iteration\n")
	}
	checks := make([]npb.Check, 0, MaxIterations*testArraySize+1)
	for it := 1; it <= MaxIterations; it++ {
		if r.par.class != npb.ClassS {
			out.Printf("        %d\n", it)
		}
		for i := range testArraySize {
			name := fmt.Sprintf("rank[it=%d,i=%d]", it, i)
			want := ExpectedRank(r.par.class, i, it, r.test.rank[i])
			f := r.found[it][i]
			if f == 0 {
				checks = append(checks, npb.Check{Name: name, Reference: float64(want), OK: false})
				continue
			}
			if f-1 != want {
				out.Printf("Failed partial verification: iteration %d, test key %d, key rank %d\n", it, i, f-1)
			}
			checks = append(checks, npb.ExactCheck(name, f-1, want))
		}
	}
	if r.outOfSort != 0 {
		out.Printf("Full_verify: number of keys out of sort: %d\n", r.outOfSort)
	}
	checks = append(checks, npb.ExactCheck("full_verify", r.outOfSort, 0))
	// is.c's own criterion, which the checks above restate.
	checks = append(checks, npb.ExactCheck("passed_verification", r.passed, 5*MaxIterations+int64(np)))
	return checks
}
