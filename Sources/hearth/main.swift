import HearthCLI

HearthCommand.mainExitingTwoOnUsageError()
