import CablewatchCore
import Foundation
import NIOCore
import PostgresNIO

/// A revision's search vector, computed by cablewatch from its words (`SearchWords`) and sent in `tsvector`'s binary
/// form: each distinct word with the positions it holds, counted from 1. The server's own `to_tsvector` would be the
/// costliest part of its work in a backfill, serial in the one writing session, and its parser reads words otherwise
/// than SQLite's search does.
///
/// It keeps within `tsvector`'s limits as `to_tsvector` does: a word longer than 2,047 bytes is not indexed (it
/// still takes a position), positions past 16,383 count as 16,383, a word keeps its first 255 positions, and words
/// stop being added once the distinct words' bytes would pass 1 MiB.
struct PostgresSearchVector: PostgresNonThrowingEncodable, Sendable {
    static let psqlType = PostgresDataType.tsvector
    static let psqlFormat = PostgresFormat.binary

    /// `tsvector`'s limits (PostgreSQL's `MAXSTRLEN`, `MAXENTRYPOS`, `MAXNUMPOS` and `MAXSTRPOS`).
    static let maximumWordBytes = 2047
    static let maximumPosition = 16383
    static let maximumPositionsPerWord = 255
    static let maximumTotalWordBytes = (1 << 20) - 1

    /// The distinct words' bytes, one after the other.
    private let arena: [UInt8]
    /// The distinct words in `tsvector`'s order: each one's bytes in `arena`, and its positions in `positions`,
    /// ascending.
    private let entries: [(word: Range<Int>, positions: Range<Int>)]
    private let positions: [UInt16]

    /// The vector of `text`.
    init(of text: String) {
        var words = WordTable()
        SearchWords.forEachWord(in: text) { words.add($0) }
        let kept = words.kept
        let arena = words.arena
        // Sorted by bytes (memcmp, then the shorter first), as PostgreSQL orders a vector's words: by their first
        // eight bytes as one number (a word holds no NUL, so a shorter one sorts first), then by the rest.
        let order: [Int] = arena.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return [] }
            let keyed = words.entries.indices.map { entry in
                let word = words.entries[entry].word
                var key: UInt64 = 0
                for offset in 0..<8 {
                    key = key << 8 | (offset < word.count ? UInt64(bytes[word.lowerBound + offset]) : 0)
                }
                return (key: key, entry: entry)
            }
            return keyed.sorted { left, right in
                if left.key != right.key { return left.key < right.key }
                let (a, b) = (words.entries[left.entry].word, words.entries[right.entry].word)
                let common = memcmp(
                    base + a.lowerBound + 8, base + b.lowerBound + 8, max(0, min(a.count, b.count) - 8))
                return common < 0 || (common == 0 && a.count < b.count)
            }.map(\.entry)
        }
        var starts = [Int](repeating: 0, count: words.entries.count)
        var next = 0
        for entry in order {
            starts[entry] = next
            next += words.entries[entry].count
        }
        var positions = [UInt16](repeating: 0, count: kept.count)
        var filled = starts
        for (entry, position) in kept {
            positions[filled[Int(entry)]] = position
            filled[Int(entry)] += 1
        }
        self.arena = arena
        self.entries = order.map { (words.entries[$0].word, starts[$0]..<(starts[$0] + words.entries[$0].count)) }
        self.positions = positions
    }

    /// The distinct words in order, each with its positions.
    var words: [(word: String, positions: [UInt16])] {
        entries.map { (String(decoding: arena[$0.word], as: UTF8.self), Array(positions[$0.positions])) }
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeInteger(Int32(entries.count))
        for (word, range) in entries {
            byteBuffer.writeBytes(arena[word])
            byteBuffer.writeInteger(UInt8(0))
            byteBuffer.writeInteger(UInt16(range.count))
            for position in positions[range] { byteBuffer.writeInteger(position) }
        }
    }
}

/// The distinct words of one text, as a search vector collects them: their bytes in one arena, found again by an
/// open-addressing table of FNV-1a hashes, so that a word costs no allocation of its own.
private struct WordTable {
    /// The distinct words' bytes, in the order they first came.
    private(set) var arena: [UInt8] = []
    /// Each distinct word's bytes in `arena`, how many positions it holds, and its last.
    private(set) var entries: [(word: Range<Int>, count: Int, last: UInt16)] = []
    /// Every position a word took, with its entry, in the text's order.
    private(set) var kept: [(entry: Int32, position: UInt16)] = []
    private var position = 0
    private var slots = [Int32](repeating: -1, count: 1024)

    init() {
        arena.reserveCapacity(16 * 1024)
        entries.reserveCapacity(512)
    }

    /// Takes the text's next word.
    mutating func add(_ word: UnsafeBufferPointer<UInt8>) {
        position += 1
        guard word.count <= PostgresSearchVector.maximumWordBytes else { return }
        let clamped = UInt16(min(position, PostgresSearchVector.maximumPosition))
        guard let entry = entry(of: word, at: clamped) else { return }
        kept.append((entry, clamped))
    }

    /// The entry of `word`, which holds `position` from now on; nil when the word may not take it (its positions
    /// are full, or it is new and the vector's words are).
    private mutating func entry(of word: UnsafeBufferPointer<UInt8>, at position: UInt16) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(word)) & mask
        while slots[slot] >= 0 {
            let entry = Int(slots[slot])
            if arena[entries[entry].word].elementsEqual(word) {
                guard entries[entry].count < PostgresSearchVector.maximumPositionsPerWord,
                    entries[entry].last != position
                else { return nil }
                entries[entry].count += 1
                entries[entry].last = position
                return Int32(entry)
            }
            slot = (slot + 1) & mask
        }
        guard arena.count + word.count <= PostgresSearchVector.maximumTotalWordBytes else { return nil }
        let entry = Int32(entries.count)
        entries.append((arena.count..<(arena.count + word.count), 1, position))
        arena.append(contentsOf: word)
        slots[slot] = entry
        if entries.count * 2 > slots.count { grow() }
        return entry
    }

    /// Doubles the table, placing every entry again.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: Self.hash(arena[entry.word])) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// The 64-bit FNV-1a hash of `bytes`.
    private static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
