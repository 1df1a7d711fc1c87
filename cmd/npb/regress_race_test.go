//go:build race

package main

// regressRace is true in a -race build: the timing test of regress is skipped.
const regressRace = true
