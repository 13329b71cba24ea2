import Foundation

/// What one `parse` benchmark run measured; printed as a table and written as JSON.
struct ParseThroughputResult: Codable {
    var benchmark = "parse-throughput"
    /// MB are 10^6 bytes.
    var unit = "MB = 1,000,000 bytes; one thread; PageParser.parse incl. canonical text and hashes"
    let cablePages: Int
    let listingPages: Int
    let bytesPerRound: Int
    let meanPageBytes: Int
    let rounds: Int
    let seed: UInt64
    let generationSeconds: Double
    let roundSeconds: [Double]
    let megabytesPerSecond: Statistics
    let pagesPerSecond: Statistics
    /// Folded from the parse results so the work cannot be optimised away; equal across runs of the same set.
    let checksum: Int

    var table: String {
        let megabytes = Double(bytesPerRound) / 1_000_000
        func row(_ name: String, _ value: Statistics) -> String {
            [name, Self.format(value.median), Self.format(value.min), Self.format(value.max)].enumerated().map {
                $0.offset == 0
                    ? $0.element.padding(toLength: 10, withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: max(0, 10 - $0.element.count)) + $0.element
            }.joined()
        }
        return """
            parse+hash, 1 thread: \(cablePages) cable + \(listingPages) listing pages, \
            \(Self.format(megabytes)) MB a round (mean page \(meanPageBytes) B), \(rounds) rounds
                          median       min       max
            \(row("MB/s", megabytesPerSecond))
            \(row("pages/s", pagesPerSecond))
            """
    }

    func writeJSON(to path: String) throws(BenchError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoder.encode(self).write(to: url, options: .atomic)
        } catch {
            throw .unwritableOutput(path: path, reason: "\(error)")
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
