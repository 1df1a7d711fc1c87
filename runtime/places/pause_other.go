//go:build !amd64

package places

func cpuRelax() {}
