import Foundation
import Testing

@testable import CablewatchService

#if os(Linux)
    /// This process's resident memory in bytes, from `/proc/self/statm` (its second field, in pages).
    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let fields = statm.split(separator: " ")
        let pages = try #require(fields.count > 1 ? Int(fields[1]) : nil)
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func aTrimReturnsFreedMemoryThatFreeAloneKeeps() async throws {
        // 256 MiB in 16 KiB blocks, then one more block, cut from the arena's top after them, that stays: freeing the
        // rest leaves one large free chunk below it, which glibc keeps resident (only memory at an arena's top goes
        // back on `free`).
        let blockCount = 16_384
        let blockBytes = 16 << 10
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(blockCount)
        for _ in 0..<blockCount {
            let block = UnsafeMutableRawPointer.allocate(byteCount: blockBytes, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: blockBytes)
            blocks.append(block)
        }
        let pin = UnsafeMutableRawPointer.allocate(byteCount: blockBytes, alignment: 16)
        defer { pin.deallocate() }
        for block in blocks { block.deallocate() }
        let beforeTrim = try residentBytes()

        await AllocatorTrim.returnFreePages()

        let afterTrim = try residentBytes()
        // Other tests of the process allocate meanwhile, so half of the freed 256 MiB is the bar, not all of it.
        #expect(
            beforeTrim - afterTrim >= (blockCount * blockBytes) / 2,
            "resident \(beforeTrim >> 20) MiB before the trim, \(afterTrim >> 20) MiB after")
    }
#endif
