import Foundation
import Testing
import TestSupport

/// Two updates on one new data folder: the second waits for the first's lock
/// before it chooses its indexes or writes anything (the vendor list it
/// creates when there is none, say).
@Suite struct UpdateOrderTests {
    @Test func theIndexesAreChosenUnderTheLock() throws {
        let work = Corpus.temporaryDirectory("order")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let data = work + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        // Another pack-manager holds the folder's lock.
        let holder = open(data + "/.lock", O_RDWR | O_CREAT, 0o644)
        try #require(holder >= 0 && flock(holder, LOCK_EX) == 0)
        let environment = PackManagerBinary.offline(["HOME": work + "/home", "XDG_DATA_HOME": "", "CMSIS_PACK_ROOT": ""])
        let pid = try PackManagerBinary.start(["cache", "descriptors", "-q", "--attempts", "1", "--data-path", data],
                                              environment: environment, stdout: work + "/out", stderr: work + "/err")
        var waited = false
        for _ in 0..<200 where !waited {
            waited = ((try? String(contentsOfFile: work + "/err", encoding: .utf8)) ?? "").contains("waiting for it to finish")
            usleep(20_000)
        }
        #expect(waited, "it says it waits for the other process")
        #expect(!FileManager.default.fileExists(atPath: data + "/vendors.list"), "nothing chosen or written before the lock")
        flock(holder, LOCK_UN)
        close(holder)
        _ = Spawn.wait(pid)
        // Then it ran: the vendor list was made (Keil's index, which the dead proxy keeps out of reach).
        #expect(FileManager.default.fileExists(atPath: data + "/vendors.list"))
    }
}
