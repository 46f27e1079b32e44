import CMSISPack
import OwnedFiles
import Foundation

/// `file://` URLs (a company file server, a local folder) read like HTTP:
/// the file's modification time stands in for Last-Modified, so an unchanged
/// file answers "not modified" and is not parsed again.
enum LocalTransport {
    static func fetch(_ request: FetchRequest, url: URL) throws(FetchError) -> FetchOutcome {
        let path = url.path
        guard let info = FileStat(path) else {
            if errno == ENOENT { throw FetchError(url: request.url, kind: .notFound) }
            throw FetchError(url: request.url, kind: .connection(String(cString: strerror(errno))))
        }
        let modified = "\(info.modifiedText)/\(info.size)"
        let validators = HTTPValidators(etag: nil, lastModified: modified)
        if request.validators?.lastModified == modified { return .notModified(validators) }
        if request.method == .head {
            return .fetched(FetchedContent(bytes: [], fileSize: 0, resumed: false, validators: validators, finalURL: request.url,
                                           transferred: 0, announcedLength: Int64(info.size)))
        }
        if info.size > request.sizeLimit { throw FetchError(url: request.url, kind: .tooLarge(limit: request.sizeLimit)) }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch {
            throw FetchError(url: request.url, kind: error.code == ENOENT ? .notFound : .connection(error.description))
        }
        var content = FetchedContent(bytes: [], fileSize: Int64(bytes.count), resumed: false, validators: validators,
                                     finalURL: request.url, transferred: Int64(bytes.count))
        switch request.destination {
        case .memory:
            content.bytes = bytes
        case .file(let destination, _):
            do { try destination.write(bytes) } catch {
                throw FetchError(url: request.url, kind: .invalidContent(error.description))
            }
        }
        return .fetched(content)
    }
}
