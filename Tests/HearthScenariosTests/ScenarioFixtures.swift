import Foundation
@testable import HearthScenarios

/// The package root, found from this file's path, so tests use the real plugins.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
