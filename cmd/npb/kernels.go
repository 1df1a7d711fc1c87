package main

// The kernels npb knows: each registers itself with npb.Register.
import (
	_ "npbgo/npb"
	_ "npbgo/npb/bt"
	_ "npbgo/npb/cg"
	_ "npbgo/npb/ep"
	_ "npbgo/npb/ft"
	_ "npbgo/npb/is"
	_ "npbgo/npb/lu"
	_ "npbgo/npb/mg"
	_ "npbgo/npb/sp"
)
