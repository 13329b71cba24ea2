/// Options of the `parse` mode, read from `--name value` pairs.
struct ParseBenchOptions: Sendable {
    var cables = 2000
    var listings = 20
    var rounds = 5
    var seed: UInt64 = 20_101_128
    var jsonPath: String?
    /// A folder of real pages (`../shared/real-pages`): its cable pages (`cable_*.html` and `cables/*.html`) and
    /// listing pages are parsed instead of generated ones.
    var realPages: String?

    init(arguments: [String]) throws(BenchError) {
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            guard let value = remaining.popFirst() else { throw .usage("\(name) needs a value") }
            switch name {
            case "--cables": cables = try Self.count(name, value, minimum: 1)
            case "--listings": listings = try Self.count(name, value, minimum: 0)
            case "--rounds": rounds = try Self.count(name, value, minimum: 1)
            case "--seed":
                guard let seed = UInt64(value) else {
                    throw .usage("\(name) wants an unsigned integer, got '\(value)'")
                }
                self.seed = seed
            case "--json": jsonPath = value
            case "--real-pages": realPages = value
            default: throw .usage("unknown option '\(name)'")
            }
        }
    }

    private static func count(_ name: String, _ value: String, minimum: Int) throws(BenchError) -> Int {
        guard let number = Int(value), number >= minimum else {
            throw .usage("\(name) wants an integer ≥ \(minimum), got '\(value)'")
        }
        return number
    }
}
