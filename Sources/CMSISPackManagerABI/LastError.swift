import Foundation

/// The last error message of each thread, as cpm_last_error() reports it.
enum LastError {
    private final class Box {
        let message: String
        init(_ message: String) { self.message = message }
    }

    nonisolated(unsafe) private static var key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
        return key
    }()

    static func set(_ message: String?) {
        if let old = pthread_getspecific(key) {
            Unmanaged<AnyObject>.fromOpaque(old).release()
        }
        guard let message else {
            pthread_setspecific(key, nil)
            return
        }
        pthread_setspecific(key, Unmanaged.passRetained(Box(message) as AnyObject).toOpaque())
    }

    static var current: String? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return (Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as? Box)?.message
    }
}

/// A malloc'ed copy the C caller frees with cpm_string_free().
func cString(_ text: String) -> UnsafeMutablePointer<CChar>? {
    strdup(text)
}

/// The same for UTF-8 bytes without a NUL (serialized JSON), copied once:
/// a report can be tens of MB, and a String between would be one more copy.
func cString(bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
    guard let text = malloc(bytes.count + 1)?.assumingMemoryBound(to: CChar.self) else { return nil }
    bytes.withUnsafeBytes { source in
        if let base = source.baseAddress { UnsafeMutableRawPointer(text).copyMemory(from: base, byteCount: source.count) }
    }
    text[bytes.count] = 0
    return text
}

func strings(_ pointer: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int) -> [String] {
    guard let pointer, count > 0 else { return [] }
    return (0..<count).compactMap { pointer[$0].map { String(cString: $0) } }
}
