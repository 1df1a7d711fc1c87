package commtest

import (
	"fmt"
	"io"
	"slices"

	"npbgo/runtime/comm"
)

// Microbench times the transport of c on every rank (rank 0 writes the
// table to w): ping-pong between ranks 0 and 1 (half a round trip, and
// the bandwidth that gives), SendRecv between the two halves of the
// ranks, Alltoall, Allreduce as the kernels use it (CG's one and two
// float64 norms, IS's 1029 int32 bucket counts) and Barrier. Each figure
// is the median of trials runs of a loop long enough to time. Every rank
// must call it, with the same trials.
func Microbench(c comm.Comm, w io.Writer, trials int) {
	n, me := c.Size(), c.Rank()
	row := func(name string, bytes int, f func(reps int), reps int) {
		t := make([]float64, trials)
		f(max(1, reps/10)) // warm up: connections, buffers, pages
		for i := range t {
			c.Barrier()
			start := c.Wtime()
			f(reps)
			t[i] = (c.Wtime() - start) / float64(reps)
		}
		slices.Sort(t)
		if me != 0 {
			return
		}
		us := t[len(t)/2] * 1e6
		if bytes > 0 {
			fmt.Fprintf(w, "%-26s %9d B %10.2f µs %9.1f MB/s\n", name, bytes, us, float64(bytes)/us)
		} else {
			fmt.Fprintf(w, "%-26s %11s %10.2f µs\n", name, "", us)
		}
	}
	reps := func(bytes int) int { return min(5000, max(20, (16<<20)/max(bytes, 1))) }
	sizes := []int{1, 128, 8 << 10, 128 << 10} // float64s: 8 B to 1 MiB
	big := make([]float64, sizes[len(sizes)-1]*max(n, 2))
	big2 := make([]float64, len(big))
	if me == 0 {
		fmt.Fprintf(w, "%d ranks, %d trials, medians\n", n, trials)
	}
	if n >= 2 {
		for _, m := range sizes {
			b, r := comm.Float64s(big[:m]), comm.Float64s(big2[:m])
			row("pingpong (half round trip)", 8*m, func(reps int) {
				for range reps {
					switch me {
					case 0:
						c.Send(1, b)
						c.Recv(1, r)
					case 1:
						c.Recv(0, r)
						c.Send(0, b)
					}
				}
			}, reps(8*m))
		}
		// A late partner: rank 1 computes for d before it answers, so
		// rank 0 waits that long in Recv; the figure is the round trip
		// beyond d.
		for _, nb := range []bool{false, true} {
			for _, d := range []float64{100e-6, 2e-3} {
				b, r := comm.Float64s(big[:1]), comm.Float64s(big2[:1])
				reps := int(0.05 / d)
				t := make([]float64, trials)
				for i := range t {
					c.Barrier()
					start := c.Wtime()
					for range reps {
						switch {
						case me == 0 && nb:
							c.Wait(c.Irecv(1, r))
							c.Wait(c.Isend(1, b))
						case me == 0:
							c.Recv(1, r)
							c.Send(1, b)
						case me == 1:
							for s := c.Wtime(); c.Wtime()-s < d; {
							}
							c.Send(0, b)
							c.Recv(0, r)
						}
					}
					t[i] = (c.Wtime()-start)/float64(reps) - d
				}
				slices.Sort(t)
				name := fmt.Sprintf("round trip, %g µs late", d*1e6)
				if nb {
					name = fmt.Sprintf("irecv+wait, %g µs late", d*1e6)
				}
				if me == 0 {
					fmt.Fprintf(w, "%-26s %11s %10.2f µs\n", name, "", t[len(t)/2]*1e6)
				}
			}
		}
		for _, m := range sizes[:2] {
			b, r := comm.Float64s(big[:m]), comm.Float64s(big2[:m])
			row("isend/irecv pingpong", 8*m, func(reps int) {
				for range reps {
					switch me {
					case 0:
						q := c.Irecv(1, r)
						c.Wait(c.Isend(1, b))
						c.Wait(q)
					case 1:
						c.Wait(c.Irecv(0, r))
						c.Wait(c.Isend(0, b))
					}
				}
			}, reps(8*m))
		}
		for _, m := range sizes {
			b, r := comm.Float64s(big[:m]), comm.Float64s(big2[:m])
			peer := (me + n/2) % n
			if n%2 == 1 && me == n-1 {
				peer = me
			}
			row("sendrecv (exchange)", 8*m, func(reps int) {
				for range reps {
					c.SendRecv(peer, b, peer, r)
				}
			}, reps(8*m))
		}
	}
	for _, m := range sizes {
		b, r := comm.Float64s(big[:m*n]), comm.Float64s(big2[:m*n])
		row("alltoall (per rank pair)", 8*m, func(reps int) {
			for range reps {
				c.Alltoall(b, r)
			}
		}, reps(8*m*n))
	}
	for _, m := range []int{1, 2} {
		v := make([]float64, m)
		row(fmt.Sprintf("allreduce %d float64 sum", m), 0, func(reps int) {
			for range reps {
				for i := range v {
					v[i] = 1
				}
				c.Allreduce(comm.Float64s(v), comm.Sum)
			}
		}, 5000)
	}
	counts := make([]int32, 1029)
	row("allreduce 1029 int32 sum", 0, func(reps int) {
		for range reps {
			c.Allreduce(comm.Int32s(counts), comm.Sum)
		}
	}, 2000)
	row("barrier", 0, func(reps int) {
		for range reps {
			c.Barrier()
		}
	}, 5000)
}
