# npbgo — see README.md. CLASS, PLACES, REPS, KERNELS are passed to npb bench.
CLASS   ?= S
PLACES  ?= auto
REPS    ?= 3
KERNELS ?= all
GO      ?= go
NPB     := bin/npb
# SIMD=1 builds npb with GOEXPERIMENT=simd: FT's butterflies then run on AVX
# vectors (simd/archsimd, behind a build tag; bitwise the same results as
# the pure-Go fallback, which SIMD=0 builds). The tests cover both.
SIMD    ?= 1
ifeq ($(SIMD),1)
BUILDENV := GOEXPERIMENT=simd
endif
# Packages with code behind the goexperiment.simd build tag (FT's vector
# butterflies, BT's block kernels, LU's rhs loops; the places runtime
# clears the vector registers' upper state; the probe's vector FMA peak).
SIMDPKGS := ./npb/ft/ ./npb/bt/ ./npb/lu/ ./runtime/places/ ./harness/peak/

# MPI=1 builds npb with the MPI binding (build tag mpi, cgo, the system's
# MPI found by pkg-config as "mpi", else "ompi"): `mpirun -np 4 bin/npb run
# cg -class B` then runs CG's message-passing form on the job's ranks.
MPI     ?= 0
MPIPC   := $(shell pkg-config --exists mpi 2>/dev/null && echo mpi || echo mpi,ompi)
ifeq ($(MPI),1)
MPITAGS := -tags $(MPIPC)
endif
# mpirun on one machine: more ranks than cores, and as root in CI.
MPIRUN  ?= mpirun --oversubscribe $(if $(filter 0,$(shell id -u)),--allow-run-as-root)
MPINP   ?= 1 2 4

.PHONY: all build test race vet bench regress regress-stored regress-update regress-power work work-update clean test-mpi stress-mpi

all: build

build:
	$(BUILDENV) $(GO) build $(MPITAGS) -o $(NPB) ./cmd/npb

vet:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	GOEXPERIMENT=simd $(GO) vet $(SIMDPKGS)

# The test command of the README: vet, every test (pure Go, then the
# SIMD build of the packages that have one), then the race detector at
# class S with more places than cores (GOMAXPROCS=2).
test: vet
	$(GO) test -count=1 ./...
	GOEXPERIMENT=simd $(GO) test -count=1 $(SIMDPKGS)
	$(MAKE) race

race:
	GOMAXPROCS=2 $(GO) test -race -short -count=1 ./...
	GOMAXPROCS=2 GOEXPERIMENT=simd $(GO) test -race -short -count=1 $(SIMDPKGS)

# The main job: a sweep of every kernel over place counts; tables and plots
# land in results/<date>-<host>-<class>/.
bench: build
	$(NPB) bench -class $(CLASS) -places $(PLACES) -reps $(REPS) -kernels $(KERNELS)

# Performance-regression check, A/B: this tree's npb against npb built at
# REF, the commit the baseline was measured on (the speed last accepted),
# run pair by pair in one sitting (README, "Regression checks"), the
# message-passing forms (K-mpi) on 1 and 2 in-process ranks beside the
# shared-memory ones on 1 and 2 places; a form the old npb does not have
# is skipped until the baseline moves past it. EP and the CFD kernels run
# at class S, the others at W: ~3 minutes.
REF     ?= $(shell sed -n 's/^ "commit": "\([0-9a-f]\{40\}\)",$$/\1/p' results/baseline/baseline.json | head -1)
REGRESS_KERNELS ?= ep/S,is,ft,cg,mg,sp/S,bt/S,lu/S,lu-hp/S,ep-mpi/S,is-mpi,ft-mpi,cg-mpi,mg-mpi,sp-mpi/S,bt-mpi/S,lu-mpi/S
REGRESS_PAIRS   ?= 15
regress: build
	GO="$(GO)" BUILDENV="$(BUILDENV)" scripts/build-at "$(REF)" bin/npb-ref
	$(NPB) regress -ab bin/npb-ref -class W -kernels $(REGRESS_KERNELS) -places 1,2 -reps $(REGRESS_PAIRS)

# The older check against the stored samples of results/baseline (class W,
# ratios to an in-process calibration, also the places primitives): it
# follows the speed across days, but on a shared VM it misses a 1.3×
# slowdown half the time (README). ~14 minutes.
# The stored samples cover the shared-memory kernels and the places
# primitives: the message-passing forms are the A/B check's (and the work
# gate's), and measuring them here too would double this check's time.
STORED_KERNELS ?= ep,is,ft,cg,mg,sp,bt,lu,lu-hp,places-run,places-barrier,places-sum
regress-stored: build
	$(NPB) regress -baseline results/baseline/baseline.json

# Re-measure the baseline (and so move REF to this commit) on a quiet
# machine, then commit it with the change that explains it.
regress-update: build
	flock /tmp/npbgo-bench.lock $(NPB) regress -update -kernels $(STORED_KERNELS) -baseline results/baseline/baseline.json

# The power of both checks: detection and false-alarm rates over 20 trials
# of injected slowdowns and of a +3% work change (scripts/regress-power;
# ~30 minutes, not part of CI).
regress-power:
	GO="$(GO)" BUILDENV="$(BUILDENV)" WORK_PLACES="$(WORK_PLACES)" scripts/regress-power

# The deterministic work gate: instructions of every kernel's timed region
# at class S, counted by callgrind (needs valgrind): the shared-memory
# kernels at the serial point, the message-passing forms on WORK_PLACES
# in-process ranks (4: the fewest on which every one of them decomposes in
# more than one direction, SP's and BT's square included), their waits
# left out; fails on more than 2% more work than results/baseline/work.json. ~40 seconds.
WORK_PLACES ?= 4
work: build
	$(NPB) work -places $(WORK_PLACES) -baseline results/baseline/work.json

# Recount the work baseline (any machine: counts do not depend on load, but
# on the Go version and build flags, which the file records).
work-update: build
	$(NPB) work -update -repeat 3 -places $(WORK_PLACES) -baseline results/baseline/work.json

# The MPI checks (needs Open MPI: libopenmpi-dev, openmpi-bin): vet and
# test the binding (its test starts itself under mpirun on 1-4 ranks),
# then class S of every kernel with a message-passing form ($(MPIKERNELS))
# on $(MPINP) ranks, some over the TCP transport (the stand-in for a
# cluster), rank counts the kernels refuse, which must exit 2 rather than
# hang, and a short stress of LU's wavefront (make stress-mpi runs the
# long one). bin/npb-mpi, so bin/npb stays the default build.
MPIKERNELS ?= ep is ft cg mg sp bt lu
MPITCP     ?= cg ft mg lu
STRESSRUNS ?= 10
test-mpi:
	$(GO) vet -tags $(MPIPC) ./runtime/comm/... ./cmd/npb
	$(GO) test -count=1 -tags $(MPIPC) ./runtime/comm/mpi
	$(BUILDENV) $(GO) build -tags $(MPIPC) -o bin/npb-mpi ./cmd/npb
	@set -e; for np in $(MPINP); do for k in $(MPIKERNELS); do \
	  echo "== $(MPIRUN) -np $$np bin/npb-mpi run $$k -class S"; \
	  timeout 300 $(MPIRUN) -np $$np bin/npb-mpi run $$k -class S >bin/mpi.out 2>&1 || { cat bin/mpi.out; exit 1; }; \
	  grep -E 'Total processes|Verification' bin/mpi.out; \
	done; done
	@set -e; for k in $(MPITCP); do \
	  echo "== TCP: $(MPIRUN) --mca btl tcp,self -np 2 bin/npb-mpi run $$k -class S"; \
	  timeout 300 $(MPIRUN) --mca btl tcp,self -np 2 bin/npb-mpi run $$k -class S >bin/mpi.out 2>&1 || { cat bin/mpi.out; exit 1; }; \
	  grep -E 'Total processes|Verification' bin/mpi.out; \
	done
	@set -e; for k in cg ft mg lu lu-hp; do np=3; test $$k = lu-hp && np=2; \
	  st=0; timeout 120 $(MPIRUN) -np $$np bin/npb-mpi run $$k -class S >/dev/null 2>&1 || st=$$?; \
	  test $$st -eq 2 || { echo "$$k on $$np ranks: exit status $$st, want 2"; exit 1; }; \
	  echo "== $$k on $$np ranks refused (exit 2)"; \
	done
	MPIRUN="$(MPIRUN)" scripts/mpi-stress bin/npb-mpi lu S 4 $(STRESSRUNS)
	MPIRUN="$(MPIRUN) --mca mpi_yield_when_idle 1" scripts/mpi-stress bin/npb-mpi lu S 8 $(STRESSRUNS)

# LU's wavefront under mpirun, 50 runs on 4 and on 8 ranks (issue 22's
# stress; a few minutes).
stress-mpi:
	$(MAKE) test-mpi STRESSRUNS=50

clean:
	rm -rf bin
