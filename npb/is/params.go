package is

import (
	"fmt"

	"npbgo/npb"
)

// params are the class parameters of IS (the CLASS blocks at the top of
// is.c). Keys are int32 in every class; counts and positions are int64
// where a class has more than 2^31-1 keys (wide).
type params struct {
	class          npb.Class
	totalKeysLog2  int
	maxKeyLog2     int
	numBucketsLog2 int // the reference's bucket count; see bucketsLog2
}

// MaxIterations and testArraySize are MAX_ITERATIONS and TEST_ARRAY_SIZE.
const (
	MaxIterations = 10
	testArraySize = 5
)

func (p params) totalKeys() int { return 1 << p.totalKeysLog2 }
func (p params) maxKey() int    { return 1 << p.maxKeyLog2 }

// paramsFor reads class c's parameters from the reference data.
func paramsFor(c npb.Class) (params, error) {
	r, err := referenceFor(c)
	if err != nil {
		return params{}, err
	}
	rp := r.Params
	p := params{class: c, totalKeysLog2: rp.TotalKeysLog2, maxKeyLog2: rp.MaxKeyLog2, numBucketsLog2: rp.NumBucketsLog2}
	if p.totalKeysLog2 <= 0 || p.maxKeyLog2 <= 0 || p.numBucketsLog2 <= 0 {
		return params{}, fmt.Errorf("is: class %s: incomplete parameters %+v", c, rp)
	}
	// Keys are int32 and below max_key.
	if p.maxKeyLog2 > 31 || p.totalKeysLog2 > 62 {
		return params{}, fmt.Errorf("is: class %s: keys of 2^%d values, 2^%d of them, do not fit this port's types", c, p.maxKeyLog2, p.totalKeysLog2)
	}
	return p, nil
}

// wide says whether the class's counts and positions, which reach
// total_keys, need int64 (is.c's INT_TYPE long for D and E).
func (p params) wide() bool { return p.totalKeysLog2 > 30 }

// countBytes is the size of one count or position.
func (p params) countBytes() int64 {
	if p.wide() {
		return 8
	}
	return 4
}

// reference is the verification data of one class in reference.json.
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

func referenceFor(c npb.Class) (*reference, error) {
	r, err := npb.ClassParams[reference]("IS", c)
	if err != nil {
		return nil, fmt.Errorf("is: %w", err)
	}
	v := r.Verification
	if len(v.TestIndexArray) != testArraySize || len(v.TestRankArray) != testArraySize {
		return nil, fmt.Errorf("is: reference for class %s has %d test indices and %d ranks, want %d",
			c, len(v.TestIndexArray), len(v.TestRankArray), testArraySize)
	}
	return &r, nil
}

// testKeys are the keys of the partial verification: their positions in
// the sequence (test_index_array) and their reference ranks
// (test_rank_array).
type testKeys struct {
	index [testArraySize]int
	rank  [testArraySize]int64
}

// testKeys checks the test keys of r against the parameters of its class.
func (r *reference) testKeys(par params) (testKeys, error) {
	var k testKeys
	v := r.Verification
	for i := range testArraySize {
		j := v.TestIndexArray[i]
		if j < 0 || j >= int64(par.totalKeys()) {
			return k, fmt.Errorf("is: test index %d out of range", j)
		}
		k.index[i], k.rank[i] = int(j), v.TestRankArray[i]
	}
	return k, nil
}

// ExpectedRank is test_rank_array[i] shifted for iteration it, by the
// per-class rule of the partial verification in rank (is.c): the two keys
// rank overwrites each iteration move some test keys' ranks up or down.
// The message-passing form (is-mpi) checks with it too.
func ExpectedRank(c npb.Class, i, it int, ref int64) int64 {
	d := int64(it)
	switch c {
	case npb.ClassS, npb.ClassC:
		if i <= 2 {
			return ref + d
		}
		return ref - d
	case npb.ClassW:
		if i < 2 {
			return ref + d - 2
		}
		return ref - d
	case npb.ClassA:
		if i <= 2 {
			return ref + d - 1
		}
		return ref - (d - 1)
	case npb.ClassB:
		if i == 1 || i == 2 || i == 4 {
			return ref + d
		}
		return ref - d
	case npb.ClassD:
		if i < 2 {
			return ref + d
		}
		return ref - d
	case npb.ClassE:
		switch {
		case i < 2:
			return ref + d - 2
		case i == 2 && d > 4:
			return ref + d - 4
		case i == 2 && d > 2:
			return ref + d - 3
		case i == 2:
			return ref + d - 2
		}
		return ref - (d - 2)
	}
	panic("is: no rank rule for class " + c.String())
}
