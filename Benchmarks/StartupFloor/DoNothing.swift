// The first reference point of Benchmarks/startup-floor.sh: a Swift program that does nothing, linked like the
// installed cablewatch (the Swift runtime statically), so its CPU is what starting any such process costs.
