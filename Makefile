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
# clears the vector registers' upper state).
SIMDPKGS := ./npb/ft/ ./npb/bt/ ./npb/lu/ ./runtime/places/

.PHONY: all build test race vet bench regress regress-update work work-update clean

all: build

build:
	$(BUILDENV) $(GO) build -o $(NPB) ./cmd/npb

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

# Performance-regression check against the committed baseline (class W,
# ratios to an in-process calibration, Mann-Whitney test); ~1 minute.
regress: build
	$(NPB) regress -baseline results/baseline/baseline.json

# Re-measure the baseline on a quiet machine, then commit it with the change
# that explains it.
regress-update: build
	flock /tmp/npbgo-bench.lock $(NPB) regress -update -baseline results/baseline/baseline.json

# The deterministic work gate: instructions of every kernel's timed region
# at class S, serial point, counted by callgrind (needs valgrind); fails on
# more than 2% more work than results/baseline/work.json. ~1 minute.
work: build
	$(NPB) work -baseline results/baseline/work.json

# Recount the work baseline (any machine: counts do not depend on load, but
# on the Go version and build flags, which the file records).
work-update: build
	$(NPB) work -update -repeat 3 -baseline results/baseline/work.json

clean:
	rm -rf bin
