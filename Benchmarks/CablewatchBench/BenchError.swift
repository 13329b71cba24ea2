import CablewatchCore

/// Why a benchmark could not run: bad arguments, a page the simulator did not render or the parser rejected or misread, or an
/// output file that could not be written.
enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case missingPage(path: String)
    case unparseablePage(path: String, error: PageParseError)
    case unexpectedContent(path: String, expected: String)
    case unwritableOutput(path: String, reason: String)

    var description: String {
        switch self {
        case .usage(let reason): "usage: \(reason)"
        case .missingPage(let path): "the simulator rendered no page at \(path)"
        case .unparseablePage(let path, let error): "\(path) does not parse: \(error)"
        case .unexpectedContent(let path, let expected): "\(path) did not parse into \(expected)"
        case .unwritableOutput(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
