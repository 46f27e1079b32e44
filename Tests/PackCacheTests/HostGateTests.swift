import CMSISPack
import Foundation
import OwnedFiles
import Synchronization
@testable import PackCache
import Testing
import TestSupport

/// The per-host pacing rules on their own, and the warm-update rule with the
/// record it reads (when each URL was last checked).
@Suite struct HostGateTests {
    func policy(probe: Bool = false, pause: Double = 0.05) -> HostGate.Policy {
        var policy = HostGate.Policy()
        policy.probeFirst = probe
        policy.rateLimitPause = pause
        policy.pauseLimit = 0.2
        policy.burstWindow = 5
        return policy
    }

    @Test func anHTTPSHostIsProbedWithOneRequestThenOpened() async throws {
        let gate = HostGate(host: "https://x:443", policy: policy(probe: true))
        #expect(await gate.limit == 1)
        let first = try await gate.acquire()
        await gate.learnProtocol(http2: true)
        #expect(await gate.limit == 100)
        await gate.release(first)

        let plain = HostGate(host: "https://y:443", policy: policy(probe: true))
        let ticket = try await plain.acquire()
        await plain.answered(ticket, status: 200, http2: false)
        await plain.release(ticket)
        #expect(await plain.limit == 6)
        #expect(await HostGate(host: "http://z:80", policy: policy()).limit == 6)
    }

    @Test func aLoneRefusalIsFinal() async throws {
        let gate = HostGate(host: "https://x:443", policy: policy())
        let ticket = try await gate.acquire()
        #expect(await gate.refused(ticket) == .final)
        #expect(await !gate.isLimited)

        // With other requests under way, a refusal waits for them: an answer to a later request makes it final.
        let refusedOne = try await gate.acquire()
        let other = try await gate.acquire()
        let verdict = Task { await gate.refused(refusedOne) }
        try await Task.sleep(nanoseconds: 50_000_000)
        let later = try await gate.acquire()
        await gate.answered(later, status: 200, http2: false)
        #expect(await verdict.value == .final)
        await gate.release(later)
        await gate.release(other)
    }

    @Test func aBurstOfRefusalsGoesOneAtATimeAndGivesUpWhenItGoesOn() async throws {
        let limits = LimitLog()
        let gate = HostGate(host: "https://cdn:443", policy: policy(), report: { limits.add($0) })
        var tickets: [HostGate.Ticket] = []
        for _ in 0..<6 { tickets.append(try await gate.acquire()) }
        let (zero, one) = (tickets[0], tickets[1])
        let first = Task { await gate.refused(zero) }
        let second = Task { await gate.refused(one) }
        try await Task.sleep(nanoseconds: 50_000_000)
        let third = await gate.refused(tickets[2])
        #expect(third == .retry)
        let earlier = [await first.value, await second.value]
        #expect(earlier == [.retry, .retry])
        let limited = await gate.isLimited
        let limit = await gate.limit
        #expect(limited && limit == 1)
        #expect(limits.all.map(\.kind) == [.refusedBurst(pause: 0.05)])
        // Requests sent before the host was limited are part of the burst: sent again, not counted against it.
        for straggler in tickets[3...] { #expect(await gate.refused(straggler) == .retry) }

        // One at a time: a second request waits for the first.
        let alone = try await gate.acquire()
        let waiting = Task { try await gate.acquire() }
        try await Task.sleep(nanoseconds: 100_000_000)
        await gate.answered(alone, status: 200, http2: false)
        await gate.release(alone)
        let two = try await waiting.value
        // Refused again and again one at a time: the fourth refusal in a row gives the host up, and whoever waits is told.
        #expect(await gate.refused(two) == .retry)
        #expect(await gate.refused(try await gate.acquire()) == .retry)
        #expect(await gate.refused(try await gate.acquire()) == .retry)
        #expect(await gate.refused(try await gate.acquire()) == .givenUp)
        await #expect(throws: HostGate.GivenUp.self) { _ = try await gate.acquire() }
        #expect(limits.all.contains { $0.kind == .gaveUp })
        #expect(limits.all.last?.message.contains("--per-host 1") == true)
    }

    @Test func tooManyRequestsHalvesTheLimitUntilAnswersComeBack() async throws {
        let gate = HostGate(host: "http://x:80", policy: policy())
        await gate.slowDown(status: 429, retryAfter: 0.05, fallback: 1)
        #expect(await gate.limit == 3)
        let started = Date()
        let ticket = try await gate.acquire()
        #expect(Date().timeIntervalSince(started) >= 0.04, "the pause holds new requests")
        for _ in 0..<24 { await gate.answered(ticket, status: 200, http2: false) }
        #expect(await gate.limit == 6)
        await gate.release(ticket)
    }

    @Test func theWarmUpdateRule() {
        let now = Date()
        let rule = Revalidation()
        #expect(!rule.mustAsk(listed: "1.2.0", held: "1.2.0", lastChecked: now.addingTimeInterval(-86_400), now: now))
        #expect(!rule.mustAsk(listed: "1.2.0+build7", held: "1.2.0", lastChecked: now, now: now))
        #expect(rule.mustAsk(listed: "1.3.0", held: "1.2.0", lastChecked: now, now: now))
        #expect(rule.mustAsk(listed: "1.2.0", held: nil, lastChecked: now, now: now))
        #expect(rule.mustAsk(listed: "1.2.0", held: "1.2.0", lastChecked: nil, now: now))
        #expect(rule.mustAsk(listed: "1.2.0", held: "1.2.0", lastChecked: now.addingTimeInterval(-8 * 86_400), now: now))
        #expect(rule.mustAsk(listed: "1.2.0", held: "1.2.0", lastChecked: now.addingTimeInterval(86_400), now: now), "a clock set back")
        #expect(Revalidation(always: true).mustAsk(listed: "1.2.0", held: "1.2.0", lastChecked: now, now: now))
    }

    @Test func theLastCheckIsKeptAcrossRuns() throws {
        let temporary = try TemporaryFolder.create(prefix: "cpm-validators")
        defer { try? FileManager.default.removeItem(atPath: temporary.path) }
        let file = try temporary.place("A.B.1.0.0.pdsc")
        try file.write([1])
        let store = ValidatorStore(place: try temporary.place("http.json"))
        let when = Date(timeIntervalSince1970: 1_796_580_987)
        store.set("https://a/A.B.pdsc", validators: HTTPValidators(etag: "\"x\"", lastModified: nil), file: file.path, checked: when)
        store.set("https://a/none.pdsc", validators: nil, file: file.path, checked: when)
        try store.save()
        let again = ValidatorStore(place: try temporary.place("http.json"))
        #expect(again.lastChecked("https://a/A.B.pdsc") == when)
        #expect(again.validators(for: "https://a/A.B.pdsc")?.validators.etag == "\"x\"")
        // A server without validators: the time is kept, the next request is not conditional.
        #expect(again.lastChecked("https://a/none.pdsc") == when)
        #expect(again.validators(for: "https://a/none.pdsc")?.validators.isEmpty == true)
        again.markChecked("https://a/A.B.pdsc", at: when.addingTimeInterval(60))
        #expect(again.lastChecked("https://a/A.B.pdsc") == when.addingTimeInterval(60))
    }
}

/// Limits a gate reported, in order.
final class LimitLog: Sendable {
    private let limits = Mutex<[ServerLimit]>([])
    func add(_ limit: ServerLimit) { limits.withLock { $0.append(limit) } }
    var all: [ServerLimit] { limits.withLock { $0 } }
}
