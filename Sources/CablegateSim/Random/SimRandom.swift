import Foundation

/// Deterministic xoshiro256** generator seeded through SplitMix64; every corpus and schedule decision draws from it.
public struct SimRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Seeds the four state words from a SplitMix64 sequence started at `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        s0 = SimRandom.splitMix(&mixer)
        s1 = SimRandom.splitMix(&mixer)
        s2 = SimRandom.splitMix(&mixer)
        s3 = SimRandom.splitMix(&mixer)
    }

    /// An independent stream for one purpose (`stream`) and one item (`index`) under a corpus seed.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = stream &* 0x9E37_79B9_7F4A_7C15 ^ (index &+ 0x632B_E59B_D9B4_E019)
        let streamKey = SimRandom.splitMix(&mixer)
        self.init(seed: seed ^ streamKey)
    }

    /// One SplitMix64 step: advances `state` and returns the mixed output.
    public static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform integer in `0..<bound` (bound must be positive; 0 is returned for a non-positive bound).
    public mutating func int(below bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in the closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `0..<1`.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// A standard normal deviate (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// One element of a non-empty array, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(below: items.count)]
    }

    /// An index chosen with probability proportional to the cumulative weights given (ascending, last = total).
    public mutating func weightedIndex(cumulative: [Double]) -> Int {
        guard let total = cumulative.last else { return 0 }
        let target = unit() * total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
