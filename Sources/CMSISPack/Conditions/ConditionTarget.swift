/// What conditions are evaluated against: a device (with its processors), and
/// optionally a board, the toolchain, the security context, the parts on the
/// board and the components selected so far. What is left nil is open:
/// terms about it evaluate to `unknown`, except board and parts, which are
/// part of the hardware and count as absent.
public struct ConditionTarget: Sendable {
    public struct Device: Sendable {
        /// Dvendor as written, e.g. "STMicroelectronics:13".
        public var vendor: String
        public var name: String
        public var variant: String?
        public var family: String?
        public var subFamily: String?
        /// Attributes of each core: Pname, Dcore, Dfpu, Dmpu, Dtz, Ddsp, Dmve, Dpacbti, Dendian.
        public var processors: [[String: String]]

        public init(vendor: String, name: String, variant: String? = nil, family: String? = nil,
                    subFamily: String? = nil, processors: [[String: String]]) {
            self.vendor = vendor
            self.name = name
            self.variant = variant
            self.family = family
            self.subFamily = subFamily
            self.processors = processors
        }

        /// The device as the pack defines it, with inherited processors.
        public init(_ device: EffectiveDevice) {
            self.init(vendor: device.vendor, name: device.variantOf ?? device.name,
                      variant: device.variantOf == nil ? nil : device.name,
                      family: device.family, subFamily: device.subFamily,
                      processors: device.properties.processors.map(\.attributes))
        }
    }

    public struct Board: Sendable {
        public var vendor: String
        public var name: String
        public var revision: String?
        public init(vendor: String, name: String, revision: String? = nil) {
            self.vendor = vendor
            self.name = name
            self.revision = revision
        }
    }

    public struct Toolchain: Sendable {
        /// Tcompiler: GCC, ARMCC, IAR, CLANG…
        public var compiler: String
        /// Toptions: AC5, AC6, AC6LTO (for ARMCC).
        public var options: String?
        /// Toutput: exe or lib.
        public var output: String?
        public init(compiler: String, options: String? = nil, output: String? = nil) {
            self.compiler = compiler
            self.options = options
            self.output = output
        }
    }

    public var device: Device?
    /// The core a project builds for (Pname), when the device has several.
    public var processorName: String?
    public var board: Board?
    public var toolchain: Toolchain?
    /// Dsecure of the project: Secure, Non-secure, TZ-disabled, Secure-only.
    public var security: String?
    /// Parts on the board (Hvendor, Hname…).
    public var parts: [[String: String]]
    /// Components selected so far; nil means the selection is open.
    public var selectedComponents: [Component]?

    public init(device: Device? = nil, processorName: String? = nil, board: Board? = nil,
                toolchain: Toolchain? = nil, security: String? = nil, parts: [[String: String]] = [],
                selectedComponents: [Component]? = nil) {
        self.device = device
        self.processorName = processorName
        self.board = board
        self.toolchain = toolchain
        self.security = security
        self.parts = parts
        self.selectedComponents = selectedComponents
    }
}
