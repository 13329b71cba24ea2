extension CablewatchConfiguration {
    /// When and how persistently the source is polled (`poll:`).
    public struct PollConfiguration: Sendable, Equatable, Decodable, ConfigurationMapping {
        /// Time between two polls (`poll.interval`).
        public var interval: Duration
        /// ± fraction of the interval added at random, 0…0.5 (`poll.jitter`).
        public var jitter: Double
        /// Every archived cable is re-fetched at least once per period; zero = on every new build (`poll.revalidate`).
        public var revalidate: Duration
        /// Upper bound for one whole poll cycle (`poll.timeout`).
        public var timeout: Duration
        /// Consecutive failed polls before `source.unreachable` is emitted (`poll.failuresBeforeAlert`).
        public var failuresBeforeAlert: Int
        /// Emit an anomaly when the counter has not moved for this long; zero = off (`poll.staleAfter`).
        public var staleAfter: Duration
        /// Removals up to this many cables are never held back (`poll.massRemovalMinimum`).
        public var massRemovalMinimum: Int
        /// Removals up to this percentage of the archive are never held back (`poll.massRemovalPercent`).
        public var massRemovalPercent: Double

        /// Creates a poll configuration; the defaults are those of an empty `poll:` section.
        public init(
            interval: Duration = .seconds(15 * 60), jitter: Double = 0.1, revalidate: Duration = .seconds(24 * 3600),
            timeout: Duration = .seconds(5 * 60), failuresBeforeAlert: Int = 3, staleAfter: Duration = .zero,
            massRemovalMinimum: Int = 25, massRemovalPercent: Double = 2
        ) {
            self.massRemovalMinimum = massRemovalMinimum
            self.massRemovalPercent = massRemovalPercent
            self.interval = interval
            self.jitter = jitter
            self.revalidate = revalidate
            self.timeout = timeout
            self.failuresBeforeAlert = failuresBeforeAlert
            self.staleAfter = staleAfter
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case interval, jitter, revalidate, timeout, failuresBeforeAlert, staleAfter, massRemovalMinimum
            case massRemovalPercent
        }

        /// Reads `poll:`; a key left out keeps its default.
        public init(from decoder: any Decoder) throws {
            self.init()
            let section = try decoder.container(keyedBy: CodingKeys.self)
            if let value = try section.scalar(.interval) { interval = try value.duration(allowZero: false) }
            if let value = try section.scalar(.jitter) { jitter = try value.number(in: 0...0.5) }
            if let value = try section.scalar(.revalidate) { revalidate = try value.duration(allowZero: true) }
            if let value = try section.scalar(.timeout) { timeout = try value.duration(allowZero: false) }
            if let value = try section.scalar(.failuresBeforeAlert) {
                failuresBeforeAlert = try value.integer(in: 1...Int.max)
            }
            if let value = try section.scalar(.staleAfter) { staleAfter = try value.duration(allowZero: true) }
            if let value = try section.scalar(.massRemovalMinimum) {
                massRemovalMinimum = try value.integer(in: 0...Int.max)
            }
            if let value = try section.scalar(.massRemovalPercent) {
                massRemovalPercent = try value.number(in: 0...100)
            }
        }
    }
}
