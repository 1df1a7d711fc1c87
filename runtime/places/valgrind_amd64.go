package places

// clientRequest makes valgrind's client request args[0] with arguments
// args[1:] and returns its answer, or 0 when the process does not run
// under valgrind: the instruction sequence is then a no-op.
//
//go:noescape
func clientRequest(args *[6]uintptr) uintptr
