/// Accepts `--config PATH` before the command, as in `cablewatch --config PATH status` (DESIGN.md §6).
/// ArgumentParser reads a subcommand's options only after the subcommand's name, so leading `--config` options are
/// moved to the end of the arguments, where every command (nested ones such as `webhook test` included) reads them.
enum LeadingConfigOption {
    static func reordered(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if first == "--config", rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if first.hasPrefix("--config=") {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !leading.isEmpty, !rest.isEmpty else { return arguments }
        return Array(rest) + leading
    }
}
