/// Choosing which computed values become options: the key's value plus the mistakes that read most differently from it
/// and from each other, so that every option is a number someone plausibly arrives at and no two print alike.
enum OptionValues {
    /// The key followed by `count - 1` mistakes, tried from the one farthest from the key inwards and kept when it stays
    /// clear of every value already chosen (`Separation.isClear` with `relative` and `absolute`); nil when fewer than
    /// `count - 1` mistakes survive, so that the generator redraws the situation.
    ///
    /// ```swift
    /// OptionValues.pick(key: (0.21, .none), mistakes: [(0.09, .base10), (0.42, .absolute)], count: 3, relative: 0.2)
    /// // [(0.21, .none), (0.42, .absolute), (0.09, .base10)]
    /// ```
    static func pick<Mistake>(
        key: (value: Double, mistake: Mistake), mistakes: [(value: Double, mistake: Mistake)], count: Int = 4, relative: Double,
        absolute: Double = 0
    ) -> [(value: Double, mistake: Mistake)]? {
        var chosen = [key]
        for candidate in mistakes.sorted(by: { abs($0.value - key.value) > abs($1.value - key.value) }) where chosen.count < count {
            if Separation.isClear(chosen.map(\.value) + [candidate.value], relative: relative, absolute: absolute) { chosen.append(candidate) }
        }
        return chosen.count == count ? chosen : nil
    }
}
