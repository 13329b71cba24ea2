/// The named random streams of the simulator, so that metadata, text, edits and the schedule never share draws.
enum SimRandomStream: UInt64 {
    case metadata = 1
    case text = 2
    case edit = 3
    case schedule = 4
    case subject = 5
    case fault = 6
}

extension SimRandom {
    /// The stream for one purpose and one item under a corpus seed.
    init(seed: UInt64, _ stream: SimRandomStream, _ index: Int) {
        self.init(seed: seed, stream: stream.rawValue, index: UInt64(truncatingIfNeeded: index))
    }
}
