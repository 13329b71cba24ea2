import CablewatchCore
import Foundation
import Testing

@testable import CablewatchNotify

private func event(_ seq: Int64) -> CommittedEvent {
    CommittedEvent(
        seq: seq, id: "evt_\(seq)", type: "cable.added", json: "{\"data\":{},\"id\":\"evt_\(seq)\",\"seq\":\(seq)}")
}

private func temporaryLogPath() -> String {
    NSTemporaryDirectory() + "cablewatch-log-\(UUID().uuidString)/events.jsonl"
}

@Test func appendsEachSeqOnceAcrossRestarts() async throws {
    let path = temporaryLogPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let first = EventLogFile(path: path)
    #expect(try await first.append([event(1), event(2)]) == 2)
    // A restarted writer is handed an overlapping batch, as when catching up from the outbox.
    let second = EventLogFile(path: path)
    #expect(try await second.lastWrittenSeq() == 2)
    #expect(try await second.append([event(2), event(3)]) == 1)
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.map { EventLogFile.seqOf(String($0)) } == [1, 2, 3])
}

@Test func aTornLastLineIsCutAndWrittenAgainWhole() async throws {
    let path = temporaryLogPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let log = EventLogFile(path: path)
    try await log.append([event(1)])
    // Simulate a crash in the middle of writing event 2.
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data("{\"data\":{},\"id\":\"evt_2\",\"se".utf8))
    try handle.close()
    let restarted = EventLogFile(path: path)
    #expect(try await restarted.lastWrittenSeq() == 1)
    try await restarted.append([event(2)])
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == event(1).json + "\n" + event(2).json + "\n")
}

@Test func reopenFollowsLogrotate() async throws {
    let path = temporaryLogPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let log = EventLogFile(path: path)
    try await log.append([event(1)])
    try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
    await log.reopen()
    try await log.append([event(1), event(2)])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == event(2).json + "\n")
}

@Test func aNewFileAfterRotationWhileStoppedResumesFromTheRememberedSeq() async throws {
    let path = temporaryLogPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let log = EventLogFile(path: path, resumeAfter: 7)
    #expect(try await log.lastWrittenSeq() == 7)
    #expect(try await log.append([event(7), event(8)]) == 1)
}

@Test func aFullDiskFailsTheAppendClearlyAndTheEventsAreWrittenOnceThereIsRoom() async throws {
    // /dev/full accepts the open and fails every write with ENOSPC, like a full filesystem.
    let full = EventLogFile(path: "/dev/full", resumeAfter: 4)
    await #expect {
        try await full.append([event(5), event(6)])
    } throws: { error in
        guard let error = error as? EventLogError else { return false }
        return error.isDiskFull && error.description.contains("No space left on device")
    }
    // Nothing counts as written, so the next catch-up (here, to a disk with room) writes both events.
    #expect(try await full.lastWrittenSeq() == 4)
    let path = temporaryLogPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let roomy = EventLogFile(path: path, resumeAfter: 4)
    #expect(try await roomy.append([event(5), event(6)]) == 2)
}
