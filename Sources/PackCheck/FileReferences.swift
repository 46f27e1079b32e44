import CMSISPack
/// A path the description names: flash algorithms, SVD files, books,
/// component files, example folders, board images, licences.
struct FileReference {
    enum Expectation {
        /// A file or a folder (documents may be either).
        case any
        /// A folder (a path ending in '/', an example's folder).
        case folder
        /// An include path (`category="include"`): a folder, written with a trailing '/'.
        case includeFolder
        /// A file of a component or API with another category: a file, not a folder.
        case file
    }

    /// The path in the pack: what the attribute says, or for an example's
    /// document, the example's folder joined with it.
    let path: String
    /// The attribute's text, as the author wrote it.
    let written: String
    /// The reference this one lies in (an example's folder), if any.
    let parent: String?
    let line: Int
    /// What the path is, for messages: "flash algorithm", "SVD file"…
    let role: String
    let expectation: Expectation

    /// Every path of the description that may name a file in the pack, in
    /// document order. Web links are left out.
    static func all(in pack: PackDescription) -> [FileReference] {
        var result: [FileReference] = []
        func add(_ text: String?, line: Int, _ role: String, _ expectation: Expectation = .any, in parent: String? = nil) {
            guard let text = text?.trimmingXMLWhitespace(), !text.isEmpty, !PackPath.isLink(text) else { return }
            let written = PackPath.droppingAnchor(text)
            let folder = expectation == .any && (text.hasSuffix("/") || text.hasSuffix("\\"))
            result.append(FileReference(path: parent.map { $0 + "/" + written } ?? written, written: written, parent: parent,
                                        line: line, role: role, expectation: folder ? .folder : expectation))
        }
        func addBooks(_ books: [Book]) {
            for book in books { add(book.name, line: book.line, "book") }
        }
        func addImage(_ image: [String: String]?, line: Int, owner: String) {
            for key in ["small", "large"] { add(image?[key], line: line, "\(key) image of \(owner)") }
        }

        if let overview = pack.headerElements.first(where: { $0.name == "description" })?.attributes["overview"] {
            add(overview, line: pack.headerElements.first { $0.name == "description" }?.line ?? 0, "overview document")
        }
        if let license = pack.headerElements.first(where: { $0.name == "license" }) {
            add(license.text, line: license.line, "licence file")
        }
        for set in pack.licenseSets?.items ?? [] {
            for license in set.licenses { add(license["name"], line: license.line, "licence file") }
        }
        for level in DeviceLevel.all(in: pack.devices) {
            let properties = level.properties
            for algorithm in properties.algorithms { add(algorithm["name"], line: algorithm.line, "flash algorithm") }
            for debug in properties.debugs { add(debug.svd, line: debug.line, "SVD file") }
            for compile in properties.compiles { add(compile.header, line: compile.line, "device header") }
            if let vars = properties.debugVars { add(vars.configFile, line: vars.line, "debug configuration file") }
            addBooks(properties.books)
        }
        for board in pack.boards {
            for algorithm in board.algorithms { add(algorithm["name"], line: algorithm.line, "flash algorithm") }
            addBooks(board.books)
            addImage(board.image, line: board.line, owner: "board '\(board.name)'")
        }
        for part in pack.parts {
            addBooks(part.books)
            addImage(part.image, line: part.line, owner: "part '\(part.name)'")
        }
        let files = pack.allComponents.flatMap(\.files) + (pack.apis?.items ?? []).flatMap(\.files)
        for file in files.sorted(by: { $0.line < $1.line }) {
            let category = file.category ?? ""
            add(file.attributes["name"], line: file.line, category.isEmpty ? "file" : "\(category) file",
                category == "include" ? .includeFolder : category.isEmpty ? .any : .file)
        }
        for example in pack.examples?.items ?? [] {
            guard let folder = example.folder else { continue }
            add(folder, line: example.line, "folder of example '\(example.name)'", .folder)
            if let doc = example.doc, !PackPath.isLink(doc) {
                add(doc, line: example.line, "document of example '\(example.name)'", in: folder)
            }
            // The projects tools open (µVision, Arm DS), as packchk checks them.
            for environment in example.environments where ["uv", "ds5"].contains((environment.attributes["name"] ?? "").lowercased()) {
                let load = environment.attributes["load"].map { load in environment.attributes["folder"].map { "\($0)/\(load)" } ?? load }
                add(load, line: environment.line, "project of example '\(example.name)'", in: folder)
            }
        }
        for entry in pack.csolution?.items ?? [] {
            let attributes = entry.element.attributes
            guard let path = attributes["path"], let file = attributes["file"], !path.isEmpty, !file.isEmpty else { continue }
            let role = entry.element.name == "clayer" ? "layer" : "project template"
            add(path.hasSuffix("/") ? path + file : path + "/" + file, line: entry.element.line, "\(role) file")
        }
        return result.sorted { $0.line < $1.line }
    }
}
