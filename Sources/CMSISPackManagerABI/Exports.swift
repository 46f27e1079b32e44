import CMSISPack
import Foundation
import PackCache
import CMSISPackManagerC

// The C interface (Sources/CMSISPackManagerC/include/cmsis_pack_manager.h). Each function converts its
// arguments, calls the Swift core, and turns errors into return codes and
// cpm_last_error() messages; nothing here throws or crashes on bad input.

@_cdecl("cpm_version")
public func cpm_version() -> UnsafePointer<CChar> {
    UnsafePointer(versionString)
}

nonisolated(unsafe) private let versionString: UnsafeMutablePointer<CChar> = strdup(PackManagerVersion.current)!

@_cdecl("cpm_string_free")
public func cpm_string_free(_ string: UnsafeMutablePointer<CChar>?) {
    free(string)
}

@_cdecl("cpm_last_error")
public func cpm_last_error() -> UnsafeMutablePointer<CChar>? {
    LastError.current.flatMap(cString)
}

@_cdecl("cpm_cache_new")
public func cpm_cache_new(_ dataPath: UnsafePointer<CChar>?, _ jsonPath: UnsafePointer<CChar>?,
                          _ vidxList: UnsafePointer<CChar>?) -> OpaquePointer? {
    LastError.set(nil)
    let locations = CacheLocations(dataPath: dataPath.map { String(cString: $0) },
                                   jsonPath: jsonPath.map { String(cString: $0) },
                                   vendorListPath: vidxList.map { String(cString: $0) })
    let handle = CacheHandle(locations: locations)
    return OpaquePointer(Unmanaged.passRetained(handle).toOpaque())
}

@_cdecl("cpm_cache_free")
public func cpm_cache_free(_ cache: OpaquePointer?) {
    guard let cache else { return }
    Unmanaged<CacheHandle>.fromOpaque(UnsafeRawPointer(cache)).release()
}

@_cdecl("cpm_cache_data_path")
public func cpm_cache_data_path(_ cache: OpaquePointer?) -> UnsafePointer<CChar>? {
    CacheHandle.from(cache).map { UnsafePointer($0.dataPathC) }
}

@_cdecl("cpm_cache_json_path")
public func cpm_cache_json_path(_ cache: OpaquePointer?) -> UnsafePointer<CChar>? {
    CacheHandle.from(cache).map { UnsafePointer($0.jsonPathC) }
}

@_cdecl("cpm_cache_configure")
public func cpm_cache_configure(_ cache: OpaquePointer?, _ option: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?) -> Int32 {
    LastError.set(nil)
    guard let handle = CacheHandle.from(cache), let option, let value else {
        LastError.set("cpm_cache_configure: cache, option and value are required")
        return -1
    }
    let name = String(cString: option)
    let text = String(cString: value)
    if name == "cacert" {
        handle.configure { $0.cacert = text.isEmpty ? nil : text }
        return 0
    }
    guard let number = Double(text), number >= 0 else {
        LastError.set("cpm_cache_configure: '\(text)' is not a non-negative number for \(name)")
        return -1
    }
    // Under the handle's lock, so two threads configuring at once both count;
    // operations already running keep the options they started with.
    let applied = handle.configure { settings -> Bool in
        switch name {
        case "timeout" where number > 0:
            settings.fetch.readTimeout = number
            settings.fetch.connectTimeout = min(number, FetchConfiguration().connectTimeout)
        case "min-speed": settings.fetch.minimumBytesPerSecond = Int(number)
        case "speed-window" where number > 0: settings.fetch.speedWindow = number
        case "concurrency" where number >= 1: settings.fetch.maximumConcurrentRequests = Int(number)
        case "per-host" where number >= 1: settings.fetch.maximumRequestsPerHost = Int(number)
        case "attempts" where number >= 1: settings.fetch.attempts = Int(number)
        case "http2-streams" where number >= 1: settings.fetch.maximumStreamsPerHost = Int(number)
        case "http1": settings.fetch.allowsHTTP2 = number == 0
        case "rate-limit-pause": settings.fetch.rateLimitPause = number
        case "revalidate": settings.revalidate = number != 0
        default: return false
        }
        return true
    }
    guard applied else {
        LastError.set("cpm_cache_configure: unknown option or invalid value: \(name)=\(text)")
        return -1
    }
    return 0
}

@_cdecl("cpm_cache_descriptors")
public func cpm_cache_descriptors(_ cache: OpaquePointer?, _ urls: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int,
                                  _ callback: cpm_progress_callback?, _ userData: UnsafeMutableRawPointer?,
                                  _ report: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runUpdate(cache, strings(urls, count), everything: false, callback: callback, userData: userData, report: report)
}

@_cdecl("cpm_cache_everything")
public func cpm_cache_everything(_ cache: OpaquePointer?, _ urls: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int,
                                 _ callback: cpm_progress_callback?, _ userData: UnsafeMutableRawPointer?,
                                 _ report: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runUpdate(cache, strings(urls, count), everything: true, callback: callback, userData: userData, report: report)
}

private func runUpdate(_ cache: OpaquePointer?, _ urls: [String], everything: Bool, callback: cpm_progress_callback?,
                       userData: UnsafeMutableRawPointer?, report: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    LastError.set(nil)
    guard let handle = CacheHandle.from(cache) else { return fail("no cache given") }
    let operation = Operation(folders: CacheLock.folders(handle.locations),
                              Operations.update(handle.snapshot, urls: urls, everything: everything))
    return finish(handle.running.with(operation) { operation.wait(callback: callback, userData: userData) }, report: report)
}

@_cdecl("cpm_download_packs")
public func cpm_download_packs(_ cache: OpaquePointer?, _ packs: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int,
                               _ callback: cpm_progress_callback?, _ userData: UnsafeMutableRawPointer?,
                               _ report: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    LastError.set(nil)
    guard let handle = CacheHandle.from(cache) else { return fail("no cache given") }
    let operation = Operation(folders: CacheLock.folders(handle.locations), Operations.download(handle.snapshot, packs: strings(packs, count)))
    return finish(handle.running.with(operation) { operation.wait(callback: callback, userData: userData) }, report: report)
}

@_cdecl("cpm_cache_cancel")
public func cpm_cache_cancel(_ cache: OpaquePointer?) {
    CacheHandle.from(cache)?.running.cancelAll()
}

@_cdecl("cpm_add_packs")
public func cpm_add_packs(_ cache: OpaquePointer?, _ paths: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int,
                          _ report: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    LastError.set(nil)
    guard let handle = CacheHandle.from(cache) else { return fail("no cache given") }
    let operation = Operation(folders: [handle.locations.jsonPath], Operations.addPacks(handle.locations, paths: strings(paths, count)))
    return finish(handle.running.with(operation) { operation.wait(callback: nil, userData: nil) }, report: report)
}

@_cdecl("cpm_cache_clean")
public func cpm_cache_clean(_ cache: OpaquePointer?) -> Int32 {
    LastError.set(nil)
    guard let handle = CacheHandle.from(cache) else { return fail("no cache given") }
    let operation = Operation(folders: CacheLock.folders(handle.locations), Operations.clean(handle.locations))
    return finish(handle.running.with(operation) { operation.wait(callback: nil, userData: nil) }, report: nil)
}

@_cdecl("cpm_device_json")
public func cpm_device_json(_ cache: OpaquePointer?, _ name: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    LastError.set(nil)
    guard let handle = CacheHandle.from(cache), let name else {
        _ = fail("cpm_device_json: cache and device name are required")
        return nil
    }
    let device = String(cString: name)
    do {
        let index = try DeviceIndex.read(handle.locations.indexPaths)
        guard let entry = index.devices[device] else {
            _ = fail(CacheError.noDevice(device).description)
            return nil
        }
        return cString(String(decoding: entry.json.serialized(), as: UTF8.self))
    } catch {
        _ = fail(error.description)
        return nil
    }
}

@_cdecl("cpm_task_start_update")
public func cpm_task_start_update(_ cache: OpaquePointer?, _ urls: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int,
                                  _ everything: Int32) -> OpaquePointer? {
    LastError.set(nil)
    guard let handle = CacheHandle.from(cache) else {
        _ = fail("no cache given")
        return nil
    }
    let operation = Operation(folders: CacheLock.folders(handle.locations),
                              Operations.update(handle.snapshot, urls: strings(urls, count), everything: everything != 0))
    // Until cpm_task_finish(), cpm_cache_cancel() on the cache reaches the task too.
    operation.registry = handle.running
    handle.running.add(operation)
    return OpaquePointer(Unmanaged.passRetained(operation).toOpaque())
}

@_cdecl("cpm_task_poll")
public func cpm_task_poll(_ task: OpaquePointer?, _ progress: UnsafeMutablePointer<cpm_progress>?) -> Int32 {
    guard let task else { return 1 }
    let operation = Unmanaged<Operation>.fromOpaque(UnsafeRawPointer(task)).takeUnretainedValue()
    if let progress { operation.fill(progress) }
    return operation.isFinished ? 1 : 0
}

@_cdecl("cpm_task_cancel")
public func cpm_task_cancel(_ task: OpaquePointer?) {
    guard let task else { return }
    Unmanaged<Operation>.fromOpaque(UnsafeRawPointer(task)).takeUnretainedValue().cancel()
}

@_cdecl("cpm_task_finish")
public func cpm_task_finish(_ task: OpaquePointer?, _ report: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    LastError.set(nil)
    guard let task else { return fail("no task given") }
    let operation = Unmanaged<Operation>.fromOpaque(UnsafeRawPointer(task)).takeUnretainedValue()
    let result = operation.wait(callback: nil, userData: nil)
    operation.leaveRegistry()
    return finish(result, report: report)
}

@_cdecl("cpm_task_free")
public func cpm_task_free(_ task: OpaquePointer?) {
    guard let task else { return }
    let operation = Unmanaged<Operation>.fromOpaque(UnsafeRawPointer(task))
    _ = operation.takeUnretainedValue().wait(callback: nil, userData: nil)
    operation.takeUnretainedValue().leaveRegistry()
    operation.release()
}

private func fail(_ message: String) -> Int32 {
    LastError.set(message)
    return -1
}

private func finish(_ result: OperationResult, report: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    if let error = result.error { LastError.set(error) }
    if let report {
        report.pointee = result.report.map { cString(bytes: $0.serialized()) } ?? nil
    }
    return result.status
}
