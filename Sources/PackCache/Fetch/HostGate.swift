/// How requests to one host are paced, so that a pack server is asked no
/// more than it serves gladly:
/// - at most `http1Requests` at once over HTTP/1.1 (one connection each);
///   `http2Requests` once the host has answered over HTTP/2, all on the one
///   connection it opened (an https host's first request goes alone, so
///   that every later one can share that connection);
/// - 429, or 503 with Retry-After, pauses the whole host and halves its
///   limit, which grows back with each run of answers;
/// - a burst of 403 (a CDN's rate limit) drops the host to one request at
///   a time after a pause, and the refused requests are tried again; a lone
///   403 stays final (a private file); a host that goes on refusing is
///   given up, so a blocked run ends instead of waiting for every file.
actor HostGate {
    struct Policy: Sendable {
        var http1Requests = 6
        var http2Requests = 100
        /// Hold the second request until the first is answered (https: it may be HTTP/2).
        var probeFirst = true
        /// This many 403 answers within `burstWindow` seconds are a rate limit.
        var burstCount = 3
        var burstWindow = 10.0
        /// Rest after a burst of 403 before asking again; doubled by each
        /// further refusal, up to `pauseLimit`.
        var rateLimitPause = 10.0
        var pauseLimit = 60.0
        /// Refusals in a row, while going one at a time, before the host is given up.
        var refusalsBeforeGivingUp = 4
    }

    /// What a 403 means for the request that received it.
    enum Verdict: Sendable, Equatable {
        /// Part of a burst: ask again (after the pause, one at a time).
        case retry
        /// A lone refusal: this file is not for us.
        case final
        /// The host goes on refusing: stop asking it in this run.
        case givenUp
    }

    /// One request holding a place; `started` orders it against refusals.
    struct Ticket: Sendable {
        let started: ContinuousClock.Instant
    }

    struct GivenUp: Error {}

    private let host: String
    private let policy: Policy
    private let report: @Sendable (ServerLimit) -> Void
    private let clock = ContinuousClock()

    private var inFlight = 0
    private var protocolKnown: Bool
    private var http2 = false
    /// After 429/503: the most requests allowed at once, until answers restore it.
    private var cap: Int?
    private var answersSinceSlowdown = 0
    private var pausedUntil: ContinuousClock.Instant?
    /// Times of recent 403 answers (while not yet limited).
    private var refusals: [ContinuousClock.Instant] = []
    private var limited = false
    /// When the host went to one request at a time.
    private var limitedSince: ContinuousClock.Instant?
    private var pause: Double
    private var refusalsInARow = 0
    private var givenUp = false
    /// The start of the newest request that got an ordinary answer.
    private var lastAnsweredStart: ContinuousClock.Instant?

    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var waitOrder: [Int] = []
    private var pendingVerdicts: [Int: (since: ContinuousClock.Instant, continuation: CheckedContinuation<Verdict, Never>)] = [:]
    private var nextID = 0

    init(host: String, policy: Policy, report: @escaping @Sendable (ServerLimit) -> Void = { _ in }) {
        self.host = host
        self.policy = policy
        self.report = report
        protocolKnown = !policy.probeFirst
        pause = policy.rateLimitPause
    }

    /// Requests allowed at once now.
    var limit: Int {
        if limited || !protocolKnown { return 1 }
        let base = max(1, http2 ? policy.http2Requests : policy.http1Requests)
        return min(base, cap ?? base)
    }

    var isLimited: Bool { limited }

    /// Waits for a place (and for a pause to end). Throws `GivenUp` once the
    /// host was given up, `CancellationError` when the task is cancelled.
    func acquire() async throws -> Ticket {
        while true {
            if givenUp { throw GivenUp() }
            try Task.checkCancellation()
            if let until = pausedUntil, until > clock.now {
                try await Task.sleep(until: until, clock: clock)
                continue
            }
            if inFlight < limit {
                inFlight += 1
                return Ticket(started: clock.now)
            }
            await waitForChange()
        }
    }

    /// The request ended (any outcome but a 403, which goes to `refused`).
    func release(_ ticket: Ticket) {
        inFlight -= 1
        if !protocolKnown { protocolKnown = true }
        wakeWaiters()
        settleVerdictsIfIdle()
    }

    /// An answer's head arrived over HTTP/2 or not: the host's limit follows.
    func learnProtocol(http2 answeredOverHTTP2: Bool) {
        guard !protocolKnown || answeredOverHTTP2 != http2 else { return }
        protocolKnown = true
        http2 = answeredOverHTTP2
        wakeWaiters()
    }

    /// A request got an HTTP answer: counted as a sign the host is not
    /// refusing everyone (403 and 429 aside), and toward lifting a slow-down.
    func answered(_ ticket: Ticket, status: Int, http2 answeredOverHTTP2: Bool) {
        learnProtocol(http2: answeredOverHTTP2)
        guard status != 403, status != 429 else { return }
        if lastAnsweredStart.map({ ticket.started > $0 }) ?? true { lastAnsweredStart = ticket.started }
        if limited { refusalsInARow = 0 }
        if cap != nil, (200..<400).contains(status) {
            answersSinceSlowdown += 1
            if answersSinceSlowdown >= 8 {
                answersSinceSlowdown = 0
                cap = cap.map { $0 + 1 }
                if let current = cap, current >= (http2 ? policy.http2Requests : policy.http1Requests) { cap = nil }
                wakeWaiters()
            }
        }
        // A request sent after a refusal was answered: that refusal was not a rate limit.
        for (id, pending) in pendingVerdicts where ticket.started > pending.since {
            pendingVerdicts.removeValue(forKey: id)
            pending.continuation.resume(returning: .final)
        }
    }

    /// 429, or 503 with Retry-After: the whole host waits, and asks half as much.
    func slowDown(status: Int, retryAfter: Double?, fallback: Double) {
        let seconds = min(max(retryAfter ?? fallback, 0), policy.pauseLimit)
        extendPause(by: seconds)
        cap = max(1, limit / 2)
        answersSinceSlowdown = 0
        report(ServerLimit(host: host, kind: .slowedDown(status: status, retryAfter: retryAfter)))
    }

    /// A 403 answer: releases the request's place and says what it means.
    func refused(_ ticket: Ticket) async -> Verdict {
        inFlight -= 1
        defer { wakeWaiters() }
        if givenUp { return .givenUp }
        let now = clock.now
        if limited {
            // Sent before the host was limited: part of the burst, not a sign that one at a time is refused too.
            if let since = limitedSince, ticket.started < since { return .retry }
            refusalsInARow += 1
            if refusalsInARow >= policy.refusalsBeforeGivingUp {
                giveUp()
                return .givenUp
            }
            // The first refusal after answers: the server's allowance ran out
            // again, rest as long as at first; refusals in a row: rest longer.
            pause = refusalsInARow == 1 ? policy.rateLimitPause : min(pause * 2, policy.pauseLimit)
            extendPause(by: pause)
            return .retry
        }
        refusals = refusals.filter { now - $0 < .seconds(policy.burstWindow) } + [now]
        if refusals.count >= policy.burstCount {
            limited = true
            limitedSince = now
            refusalsInARow = 0
            extendPause(by: pause)
            report(ServerLimit(host: host, kind: .refusedBurst(pause: pause)))
            for (_, pending) in pendingVerdicts { pending.continuation.resume(returning: .retry) }
            pendingVerdicts = [:]
            return .retry
        }
        // Alone so far: wait for the requests after it to tell (another
        // refusal makes a burst, an answer makes it final), not longer
        // than the burst window, and not when nothing else is asked.
        if inFlight == 0 && waitOrder.isEmpty {
            settleVerdictsIfIdle()
            return .final
        }
        let id = nextID
        nextID += 1
        let window = policy.burstWindow
        return await withCheckedContinuation { continuation in
            pendingVerdicts[id] = (now, continuation)
            wakeWaiters()
            Task { [weak self] in
                try? await Task.sleep(for: .seconds(window))
                await self?.settle(id, as: .final)
            }
        }
    }

    // MARK: Inside

    private func extendPause(by seconds: Double) {
        let until = clock.now + .seconds(seconds)
        if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
    }

    private func giveUp() {
        givenUp = true
        report(ServerLimit(host: host, kind: .gaveUp))
        for (_, pending) in pendingVerdicts { pending.continuation.resume(returning: .givenUp) }
        pendingVerdicts = [:]
        wakeAll()
    }

    private func settle(_ id: Int, as verdict: Verdict) {
        pendingVerdicts.removeValue(forKey: id)?.continuation.resume(returning: verdict)
    }

    /// Nothing left in flight or waiting: no later answer will come to judge a refusal by.
    private func settleVerdictsIfIdle() {
        guard inFlight == 0, waitOrder.isEmpty, !pendingVerdicts.isEmpty else { return }
        for (_, pending) in pendingVerdicts { pending.continuation.resume(returning: .final) }
        pendingVerdicts = [:]
    }

    private func waitForChange() async {
        let id = nextID
        nextID += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                    waitOrder.append(id)
                }
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
    }

    private func wake(_ id: Int) {
        guard let continuation = waiters.removeValue(forKey: id) else { return }
        waitOrder.removeAll { $0 == id }
        continuation.resume()
    }

    /// Wakes as many waiters, oldest first, as there are free places.
    private func wakeWaiters() {
        var free = limit - inFlight
        while free > 0, !waitOrder.isEmpty {
            let id = waitOrder.removeFirst()
            waiters.removeValue(forKey: id)?.resume()
            free -= 1
        }
    }

    private func wakeAll() {
        for id in waitOrder { waiters.removeValue(forKey: id)?.resume() }
        waitOrder = []
    }
}

/// One host's gate per host, created on first use.
actor HostGates {
    private let policy: @Sendable (String) -> HostGate.Policy
    private let report: @Sendable (ServerLimit) -> Void
    private var gates: [String: HostGate] = [:]

    init(policy: @escaping @Sendable (String) -> HostGate.Policy, report: @escaping @Sendable (ServerLimit) -> Void) {
        self.policy = policy
        self.report = report
    }

    func gate(for key: String) -> HostGate {
        if let existing = gates[key] { return existing }
        let created = HostGate(host: key, policy: policy(key), report: report)
        gates[key] = created
        return created
    }
}
