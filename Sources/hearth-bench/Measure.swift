import Foundation

/// Times `body` (which runs `iterations` operations) three times and returns the median nanoseconds per operation.
func measure(_ name: String, iterations: Int, target: Double? = nil, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    try body() // warm up
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        let end = DispatchTime.now().uptimeNanoseconds
        samples.append(Double(end - start) / Double(iterations))
    }
    let median = samples.sorted()[1]
    report(name, nanoseconds: median, target: target)
    return median
}

/// Prints one benchmark line: the figure, and the target it is held to when there is one.
func report(_ name: String, nanoseconds: Double, target: Double?) {
    let figure = nanoseconds >= 10_000 ? String(format: "%.1f µs", nanoseconds / 1000) : String(format: "%.0f ns", nanoseconds)
    var line = name.padding(toLength: 58, withPad: " ", startingAt: 0) + figure.leftPad(10)
    if let target {
        let t = target >= 10_000 ? String(format: "%.1f µs", target / 1000) : String(format: "%.0f ns", target)
        line += "   target ≤ \(t)   " + (nanoseconds <= target ? "ok" : "MISSED")
    }
    print(line)
}

/// Prints a throughput line.
func reportRate(_ name: String, perSecond: Double, target: Double?) {
    var line = name.padding(toLength: 58, withPad: " ", startingAt: 0) + String(format: "%.0f /s", perSecond).leftPad(12)
    if let target { line += "   target ≥ \(Int(target)) /s   " + (perSecond >= target ? "ok" : "MISSED") }
    print(line)
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
