package ismpi

import (
	"fmt"

	"npbgo/npb"
)

// params are the class parameters of IS (the CLASS blocks of is.c),
// read from the reference data like every kernel's.
type params struct {
	class          npb.Class
	totalKeysLog2  int
	maxKeyLog2     int
	numBucketsLog2 int
	testIndex      [testArraySize]int64
	testRank       [testArraySize]int64
}

// maxIterations and testArraySize are MAX_ITERATIONS and TEST_ARRAY_SIZE.
const (
	maxIterations = 10
	testArraySize = 5
)

func (p params) totalKeys() int  { return 1 << p.totalKeysLog2 }
func (p params) maxKey() int     { return 1 << p.maxKeyLog2 }
func (p params) numBuckets() int { return 1 << p.numBucketsLog2 }

// maxProcs is MAX_PROCS of is.c.
func (p params) maxProcs() int {
	if p.class == npb.ClassS {
		return 128
	}
	return 1024
}

type reference struct {
	Params struct {
		TotalKeysLog2  int `json:"total_keys_log2"`
		MaxKeyLog2     int `json:"max_key_log2"`
		NumBucketsLog2 int `json:"num_buckets_log2"`
	} `json:"params"`
	Verification struct {
		TestIndexArray []int64 `json:"test_index_array"`
		TestRankArray  []int64 `json:"test_rank_array"`
	} `json:"verification"`
}

// paramsFor reads class c's parameters and test keys from reference.json.
func paramsFor(c npb.Class) (params, error) {
	r, err := npb.ClassParams[reference]("IS", c)
	if err != nil {
		return params{}, fmt.Errorf("is-mpi: %w", err)
	}
	rp, v := r.Params, r.Verification
	p := params{class: c, totalKeysLog2: rp.TotalKeysLog2, maxKeyLog2: rp.MaxKeyLog2, numBucketsLog2: rp.NumBucketsLog2}
	if p.totalKeysLog2 <= 0 || p.maxKeyLog2 <= 0 || p.numBucketsLog2 <= 0 || p.numBucketsLog2 > p.maxKeyLog2 {
		return params{}, fmt.Errorf("is-mpi: class %s: incomplete parameters %+v", c, rp)
	}
	if p.totalKeysLog2 > 30 || p.maxKeyLog2 > 30 {
		return params{}, fmt.Errorf("is-mpi: class %s needs 64-bit keys", c)
	}
	if len(v.TestIndexArray) != testArraySize || len(v.TestRankArray) != testArraySize {
		return params{}, fmt.Errorf("is-mpi: reference for class %s has %d test indices and %d ranks, want %d",
			c, len(v.TestIndexArray), len(v.TestRankArray), testArraySize)
	}
	for i := range testArraySize {
		if v.TestIndexArray[i] < 0 || v.TestIndexArray[i] >= int64(p.totalKeys()) {
			return params{}, fmt.Errorf("is-mpi: test index %d out of range", v.TestIndexArray[i])
		}
		p.testIndex[i], p.testRank[i] = v.TestIndexArray[i], v.TestRankArray[i]
	}
	return p, nil
}
