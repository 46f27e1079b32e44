import ArgumentParser

/// swift-argument-parser reports a missing argument before an option it does
/// not know, so `pack add --bogus` read "name at least one pack" and
/// `find-part --lnog` "Missing expected argument". The unknown option is the
/// user's real mistake: it is found by parsing again with placeholder
/// arguments in place of the missing ones (parsing only; nothing runs).
enum UnknownOption {
    /// The parser's message for an unknown option in `arguments`, else nil.
    static func message(in arguments: [String]) -> String? {
        guard arguments.contains(where: { $0.hasPrefix("-") && $0 != "-" && $0 != "--" }) else { return nil }
        // ".": a folder that exists, so commands that check their paths in validate() accept it.
        let placeholders = [".", ".", "."]
        do {
            _ = try PackManager.parseAsRoot(arguments + placeholders)
            return nil
        } catch {
            let message = PackManager.fullMessage(for: error)
            return message.contains("Unknown option") ? message : nil
        }
    }
}
