/// The version of cmsis-pack-manager in Swift: inside pyOCD's requirement
/// (cmsis-pack-manager>=0.5.2,<1.0), above the reference's 0.6.0.
public enum PackManagerVersion {
    public static let current = "0.7.0"
}
