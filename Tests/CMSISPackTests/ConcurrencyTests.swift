@testable import CMSISPack
import Foundation
import Testing
import TestSupport

/// The core's one lock box at work: the parallel map and the lazily parsed
/// device entries that copies of an index share.
@Suite struct ConcurrencyTests {
    @Test func concurrentMapKeepsTheOrder() {
        let numbers = Array(0..<1000)
        #expect(numbers.concurrentMap { $0 * 2 } == numbers.map { $0 * 2 })
        #expect([Int]().concurrentMap { $0 }.isEmpty)
    }

    @Test func aCopyOfALazilyReadIndexChangesAlone() throws {
        let folder = Corpus.temporaryDirectory("lazy-index")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var written = DeviceIndex()
        let devices = PDSC.family("<processor Dcore=\"Cortex-M0\"/><device Dname=\"A\"/><device Dname=\"B\"/>")
        written.add(try PDSC.pack(PDSC.text(devices: devices)))
        try written.write(IndexPaths(directory: folder))

        let read = try DeviceIndex.read(IndexPaths(directory: folder))
        #expect(!read.devicesLoaded)
        var changed = read
        changed.devices["A"] = nil
        // Readers on several threads parse the shared bytes once, under the lock.
        let counts = Array(0..<8).concurrentMap { _ in read.devices.count }
        #expect(counts == Array(repeating: 2, count: 8))
        #expect(changed.devices.keys.sorted() == ["B"])
        #expect(read.devices.keys.sorted() == ["A", "B"])
    }
}
