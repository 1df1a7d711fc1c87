//go:build mpi && !ompi

package mpi

// #cgo pkg-config: mpi
import "C"
