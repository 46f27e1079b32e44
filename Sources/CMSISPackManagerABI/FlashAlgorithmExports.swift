import CMSISPack
import Foundation

// The flash algorithm reader through the C interface: bytes in, JSON out.

@_cdecl("cpm_flash_algorithm_json")
public func cpm_flash_algorithm_json(_ bytes: UnsafePointer<UInt8>?, _ length: Int, _ name: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    LastError.set(nil)
    guard let algorithm = readAlgorithm(bytes, length, name) else { return nil }
    return cString(String(decoding: algorithm.jsonValue.serialized(), as: UTF8.self))
}

@_cdecl("cpm_flash_algorithm_pyocd_json")
public func cpm_flash_algorithm_pyocd_json(_ bytes: UnsafePointer<UInt8>?, _ length: Int, _ name: UnsafePointer<CChar>?,
                                           _ ramStart: UInt64, _ ramSize: UInt64, _ bufferSize: UInt64) -> UnsafeMutablePointer<CChar>? {
    LastError.set(nil)
    guard let algorithm = readAlgorithm(bytes, length, name) else { return nil }
    do {
        let placement = try FlashAlgorithmPlacement(algorithm, ramStart: ramStart, ramSize: ramSize, bufferSize: bufferSize == 0 ? nil : bufferSize)
        return cString(String(decoding: placement.pyOCDValue.serialized(), as: UTF8.self))
    } catch {
        LastError.set(error.description)
        return nil
    }
}

/// The algorithm in `bytes`, or nil with the reason in cpm_last_error().
private func readAlgorithm(_ bytes: UnsafePointer<UInt8>?, _ length: Int, _ name: UnsafePointer<CChar>?) -> FlashAlgorithm? {
    let source = name.map { String(cString: $0) } ?? "flash algorithm"
    guard length >= 0, bytes != nil || length == 0 else {
        LastError.set("\(source): no bytes given")
        return nil
    }
    // Refused before the copy, so a huge length is not copied first.
    guard length <= FlashAlgorithm.maximumFileSize else {
        LastError.set("\(source): \(length) bytes, larger than any flash algorithm (limit \(FlashAlgorithm.maximumFileSize >> 20) MiB)")
        return nil
    }
    let copy = length == 0 ? [] : Array(UnsafeBufferPointer(start: bytes, count: length))
    do { return try FlashAlgorithm.read(bytes: copy, source: source) } catch {
        LastError.set(error.description)
        return nil
    }
}
