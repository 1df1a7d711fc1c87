#include "textflag.h"

// func clientRequest(args *[6]uintptr) uintptr
//
// valgrind.h's special instruction sequence for amd64: four rotations of
// DI that sum to 128 bits (a no-op on a CPU), then XCHGQ BX, BX, which
// valgrind reads as "do the request at AX, answer in DX" (DX keeps the
// default, 0, when nothing answers).
TEXT ·clientRequest(SB),NOSPLIT,$0-16
	MOVQ args+0(FP), AX
	XORQ DX, DX
	ROLQ $3, DI
	ROLQ $13, DI
	ROLQ $61, DI
	ROLQ $51, DI
	XCHGQ BX, BX
	MOVQ DX, ret+8(FP)
	RET
