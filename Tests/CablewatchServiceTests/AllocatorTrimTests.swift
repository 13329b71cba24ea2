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

    /// Frees 256 MiB that glibc keeps resident and trims: the probed pages resident before and after the trim.
    ///
    /// It runs on a thread of its own, and so in an arena that the pool's threads, running other tests, do not carve
    /// their allocations from; and it holds the trim's queue, so that no other test's trim (one follows every batch
    /// commit) returns the pages before they are first counted.
    private func residentPagesAroundATrim(blockCount: Int) throws -> (before: Int, after: Int) {
        try AllocatorTrim.queue.sync {
            // 16 KiB blocks, then one more block, cut from the arena's top after them, that stays: freeing the rest
            // leaves large free chunks below it, which glibc keeps resident (only an arena's top goes back on `free`).
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
            for block in blocks { block.deallocate() }
            let before = try residentCount(of: probes, pageSize: pageSize)
            AllocatorTrim.returnFreePagesNow()
            return (before, try residentCount(of: probes, pageSize: pageSize))
        }
    }

    @Test func aTrimReturnsFreedMemoryThatFreeAloneKeeps() async throws {
        let blockCount = 16_384
        let resident = try await offThePool { try residentPagesAroundATrim(blockCount: blockCount) }
        // Each bar leaves a quarter for chunks that a thread sharing the arena (there are at most 8 per core) reuses.
        #expect(
            resident.before >= blockCount * 3 / 4, "free alone kept \(resident.before) of \(blockCount) probed pages")
        #expect(
            resident.after <= blockCount / 4,
            "\(resident.after) of \(blockCount) probed pages still resident after the trim")
    }
#endif
