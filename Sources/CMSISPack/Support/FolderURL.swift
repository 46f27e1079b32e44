/// Folder URLs as descriptions and indexes give them (`<url>`, `url=`),
/// with or without the trailing slash that a file name needs after it.
public enum FolderURL {
    public static func slashed(_ url: String) -> String { url.hasSuffix("/") ? url : url + "/" }
}
