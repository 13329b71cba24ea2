import Foundation
import Testing

@testable import CablewatchService

#if os(Linux)
    /// How many of `pages` are resident in memory, by `mincore`: the pages of this test's own blocks, so that what
    /// other tests of the process allocate meanwhile cannot move the count the way it moves the process's RSS.
    private func residentCount(of pages: [UnsafeMutableRawPointer], pageSize: Int) throws -> Int {
        var vector: UInt8 = 0
        var resident = 0
        for page in pages {
            // ENOMEM means the page is no longer mapped at all, which counts as returned.
            if mincore(page, pageSize, &vector) == 0 {
                resident += Int(vector & 1)
            } else {
                try #require(errno == ENOMEM, "mincore failed: \(String(cString: strerror(errno)))")
            }
        }
        return resident
    }

    @Test func aTrimReturnsFreedMemoryThatFreeAloneKeeps() async throws {
        // 256 MiB in 16 KiB blocks, then one more block, cut from the arena's top after them, that stays: freeing the
        // rest leaves large free chunks below it, which glibc keeps resident (only memory at an arena's top goes back
        // on `free`).
        let blockCount = 16_384
        let blockBytes = 16 << 10
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(blockCount)
        for _ in 0..<blockCount {
            let block = UnsafeMutableRawPointer.allocate(byteCount: blockBytes, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: blockBytes)
            blocks.append(block)
        }
        let pin = UnsafeMutableRawPointer.allocate(byteCount: blockBytes, alignment: 16)
        defer { pin.deallocate() }
        // One whole page inside each block, past the chunk header and free-list links glibc writes at its start.
        let probes = blocks.map { block in
            let firstWholePage = (Int(bitPattern: block) + pageSize - 1) & ~(pageSize - 1)
            return UnsafeMutableRawPointer(bitPattern: firstWholePage + pageSize) ?? block
        }
        // On the trim's own queue, so that a trim made by another test (after each batch commit) cannot return the
        // blocks' pages before they are counted.
        let beforeTrim = try AllocatorTrim.queue.sync {
            for block in blocks { block.deallocate() }
            return try residentCount(of: probes, pageSize: pageSize)
        }
        await AllocatorTrim.returnFreePages()
        let afterTrim = try residentCount(of: probes, pageSize: pageSize)

        // Other tests may reuse a few freed chunks of this thread's arena meanwhile: each bar leaves a quarter.
        #expect(beforeTrim >= blockCount * 3 / 4, "free alone kept \(beforeTrim) of \(blockCount) probed pages")
        #expect(afterTrim <= blockCount / 4, "\(afterTrim) of \(blockCount) probed pages still resident after the trim")
    }
#endif
