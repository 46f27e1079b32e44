import CMSISPack
/// Problems found per device but written once: collected by a key naming
/// where they are written. By default each device gets its finding, as
/// packchk reports them; with `--per-element` (`perDevice` false) one
/// finding per element names the devices it affects, which reads better
/// when a family of hundreds inherits one mistake.
struct ProblemsByElement {
    let perDevice: Bool

    init(perDevice: Bool) { self.perDevice = perDevice }

    private struct Problem {
        let rule: CheckRule
        let line: Int
        let message: (String) -> String
        let firstDevice: String
        var count: Int
    }

    private var problems: [String: Problem] = [:]
    private var order: [String] = []

    /// `message` receives the devices affected, as `report` names them.
    mutating func record(_ key: String, _ rule: CheckRule, line: Int, device: String, _ message: @escaping (String) -> String) {
        let key = perDevice ? "\(key)|\(device)" : key
        if problems[key] == nil {
            problems[key] = Problem(rule: rule, line: line, message: message, firstDevice: device, count: 0)
            order.append(key)
        }
        problems[key]!.count += 1
    }

    /// One finding per key, in the order first found; `naming` words the
    /// affected devices from the first one and how many others there are.
    func report(into log: inout FindingLog, naming: (_ first: String, _ others: Int) -> String = Self.quoted) {
        for key in order {
            let problem = problems[key]!
            log.add(problem.rule, line: problem.line, problem.message(naming(problem.firstDevice, problem.count - 1)))
        }
    }

    /// "device 'X' and 2 other devices".
    static func quoted(_ first: String, _ others: Int) -> String {
        "device '\(first)'" + (others > 0 ? " and \(others) other device\(others == 1 ? "" : "s")" : "")
    }

    /// "X (and 2 other devices)".
    static func parenthesised(_ first: String, _ others: Int) -> String {
        first + (others > 0 ? " (and \(others) other device\(others == 1 ? "" : "s"))" : "")
    }
}
