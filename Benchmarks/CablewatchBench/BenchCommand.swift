import Foundation

/// Entry point of the `CablewatchBench` executable: `CablewatchBench parse [options]`.
@main
enum BenchCommand {
    static let usage = """
        usage: CablewatchBench parse [--cables N] [--listings N] [--rounds N] [--seed N] [--json PATH]
          parse   generate N cable pages and a few listing pages with cablegate-sim in memory, then time
                  PageParser.parse (parse + canonical text + hashes) over all of them on one thread
          --cables N     cable pages (default 2000)
          --listings N   release listing pages added to the set (default 20)
          --rounds N     timed rounds after one untimed warm-up round (default 5)
          --seed N       simulator seed (default 20101128)
          --json PATH    also write the result as JSON to PATH
          --real-pages DIR  parse the real cable and listing pages in DIR (and DIR/cables) instead
        """

    static func main() {
        do throws(BenchError) {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let mode = arguments.first, !mode.hasPrefix("-") else {
                throw BenchError.usage("missing mode")
            }
            switch mode {
            case "parse":
                let options = try ParseBenchOptions(arguments: Array(arguments.dropFirst()))
                let result = try ParseThroughputBenchmark(options: options).run()
                print(result.table)
                if let path = options.jsonPath { try result.writeJSON(to: path) }
            case "help", "--help", "-h":
                print(usage)
            default:
                throw BenchError.usage("unknown mode '\(mode)'")
            }
        } catch {
            FileHandle.standardError.write(Data("CablewatchBench: \(error)\n".utf8))
            if case .usage = error { FileHandle.standardError.write(Data((usage + "\n").utf8)) }
            exit(2)
        }
    }
}
