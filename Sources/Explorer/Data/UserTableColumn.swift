/// The sortable columns of the users table, in display order; the per-scene columns come between
/// name and dominant scene.
public enum UserColumn: Hashable, Sendable {
    case id, name, scene(Int), dominant, active, total

    /// All columns for a dataset with `sceneCount` scenes, left to right.
    public static func all(sceneCount: Int) -> [UserColumn] {
        [.id, .name] + (0..<sceneCount).map { .scene($0) } + [.dominant, .active, .total]
    }
}
