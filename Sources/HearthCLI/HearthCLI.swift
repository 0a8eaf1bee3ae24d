/// The HearthCLI module.
public enum HearthCLIModule {}
