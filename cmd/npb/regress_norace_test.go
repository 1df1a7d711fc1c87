//go:build !race

package main

const regressRace = false
