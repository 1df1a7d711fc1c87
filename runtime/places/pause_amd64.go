package places

// cpuRelax executes PAUSE: a spinning place tells the core it is waiting,
// so that it neither starves a hardware thread it shares a core with nor
// floods the memory system with its loads.
//
//go:noescape
func cpuRelax()
