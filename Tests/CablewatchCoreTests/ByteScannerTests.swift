import Testing

@testable import CablewatchCore

/// `ByteScanner.index(of:from:to:)` (libc's `memchr`) against the standard library's search, over every range of
/// generated pages, out-of-bounds ranges included.
@Suite struct ByteScannerTests {
    @Test func indexOfFindsWhatTheStandardLibraryFindsInEveryRange() {
        var random = SplitMixRandom(state: 18)
        for length in [0, 1, 2, 7, 31, 64, 129] {
            let bytes = (0..<length).map { _ in UInt8(ascii: "a") + UInt8(random.next() % 4) }
            let scanner = ByteScanner(bytes: bytes)
            for byte in Array("abcdz".utf8) {
                for start in -1...(length + 1) {
                    for end in (start - 1)...(length + 1) {
                        let expected: Int? =
                            start >= 0 && end <= length && start < end
                            ? bytes[start..<end].firstIndex(of: byte) : nil
                        #expect(
                            scanner.index(of: byte, from: start, to: end) == expected,
                            "length \(length), byte \(byte), \(start)..<\(end)")
                    }
                }
            }
        }
    }

    @Test func indexOfFindsTheLastByteAndStopsAtTheRangesEnd() {
        let scanner = ByteScanner(bytes: Array("abc<".utf8))
        #expect(scanner.index(of: UInt8(ascii: "<"), from: 0, to: 4) == 3)
        #expect(scanner.index(of: UInt8(ascii: "<"), from: 3, to: 4) == 3)
        #expect(scanner.index(of: UInt8(ascii: "<"), from: 0, to: 3) == nil)
        #expect(scanner.index(of: UInt8(ascii: "<"), from: 4, to: 4) == nil)
    }
}
