import Testing
@testable import HearthCore
